package io.httplib.spring.boot.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The injected client and Boot's RestClient.Builder both send through httplib and are measured. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "httplib.clients.slow.read-timeout=300ms", "httplib.clients.slow.request-timeout=5s" })
class HttplibWireMockIntegrationTests {

    static WireMockServer server;

    @Autowired
    HttplibClient client;

    @Autowired
    @Qualifier("slow")
    HttplibClient slow;

    @Autowired
    RestClient.Builder restClientBuilder;

    @Autowired
    MeterRegistry registry;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/users/42")).willReturn(aResponse().withStatus(200).withBody("{\"id\":42}")));
        server.stubFor(get(urlEqualTo("/missing/1")).willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlEqualTo("/broken/1")).willReturn(aResponse().withStatus(503).withBody("down")));
        server.stubFor(get(urlEqualTo("/sleepy")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        server.stubFor(get(urlEqualTo("/orders/7")).willReturn(aResponse().withStatus(200).withBody("order 7")));
        server.stubFor(get(urlEqualTo("/moved")).willReturn(aResponse().withStatus(302).withHeader("Location", "/orders/7")));
        server.stubFor(post(urlEqualTo("/upload")).willReturn(aResponse().withStatus(201).withBody("stored")));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @DynamicPropertySource
    static void baseUrl(DynamicPropertyRegistry properties) {
        properties.add("httplib.base-url", () -> "http://localhost:" + server.port());
        properties.add("httplib.clients.slow.base-url", () -> "http://localhost:" + server.port());
    }

    @Test
    void aSuccessfulCallIsTimedWithTheTemplateAndNeverTheRawPath() throws IOException {
        try (ClientResponse response = this.client
            .send(ClientRequest.builder("GET", "/users/42").uriTemplate("/users/{id}").build())) {
            assertThat(response.readString()).isEqualTo("{\"id\":42}");
        }
        Timer timer = this.registry.get("httplib.client.requests")
            .tags("method", "GET", "uri", "/users/{id}", "status", "200", "outcome", "SUCCESS", "exception", "none",
                    "client.name", "default")
            .timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(this.registry.find("httplib.client.requests").tag("uri", "/users/42").timer()).isNull();
        assertThat(this.registry.get("httplib.client.connect").tag("client.name", "default").timer().count())
            .isPositive();
        assertThat(this.registry.get("httplib.client.time.to.first.byte").tag("client.name", "default").timer().count())
            .isPositive();
        assertThat(this.registry.get("httplib.client.bytes.received").tag("client.name", "default").summary()
            .totalAmount()).isPositive();
        assertThat(this.registry.get("httplib.client.bytes.sent").tag("client.name", "default").summary()
            .totalAmount()).isPositive();
    }

    @Test
    void clientAndServerErrorsAreTimedWithTheirOutcome() throws IOException {
        try (ClientResponse response = this.client
            .send(ClientRequest.builder("GET", "/missing/1").uriTemplate("/missing/{id}").build())) {
            assertThat(response.status()).isEqualTo(404);
        }
        try (ClientResponse response = this.client
            .send(ClientRequest.builder("GET", "/broken/1").uriTemplate("/broken/{id}").build())) {
            assertThat(response.status()).isEqualTo(503);
            response.readAllBytes();
        }
        assertThat(this.registry.get("httplib.client.requests")
            .tags("uri", "/missing/{id}", "status", "404", "outcome", "CLIENT_ERROR", "exception", "none")
            .timer()
            .count()).isEqualTo(1);
        assertThat(this.registry.get("httplib.client.requests")
            .tags("uri", "/broken/{id}", "status", "503", "outcome", "SERVER_ERROR", "exception", "none")
            .timer()
            .count()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsTimedWithItsException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> this.client
            .send(ClientRequest.builder("GET", "http://127.0.0.1:" + closedPort + "/x").uriTemplate("/refused").build()));
        assertThat(this.registry.get("httplib.client.requests")
            .tags("uri", "/refused", "status", "IO_ERROR", "outcome", "UNKNOWN", "exception", "ConnectException",
                    "client.name", "default")
            .timer()
            .count()).isEqualTo(1);
    }

    @Test
    void aReadTimeoutIsTimedWithItsExceptionUnderTheNamedClient() {
        assertThatExceptionOfType(SocketTimeoutException.class)
            .isThrownBy(() -> this.slow.send(ClientRequest.builder("GET", "/sleepy").uriTemplate("/sleepy").build()));
        assertThat(this.registry.get("httplib.client.requests")
            .tags("uri", "/sleepy", "status", "IO_ERROR", "outcome", "UNKNOWN", "client.name", "slow")
            .timer()
            .getId()
            .getTag("exception")).endsWith("TimeoutException");
    }

    @Test
    void restClientFromBootsBuilderSendsThroughHttplibWithTheTemplate() {
        RestClient rest = this.restClientBuilder.baseUrl("http://localhost:" + server.port()).build();
        String body = rest.get().uri("/orders/{id}", 7).retrieve().body(String.class);
        assertThat(body).isEqualTo("order 7");
        assertThat(this.registry.get("httplib.client.requests")
            .tags("method", "GET", "uri", "/orders/{id}", "status", "200", "client.name", "default")
            .timer()
            .count()).isGreaterThanOrEqualTo(1);
        // Spring's own observation names the same exchange under its own name, not httplib's.
        assertThat(this.registry.get("http.client.requests").tags("uri", "/orders/{id}").timer().count())
            .isGreaterThanOrEqualTo(1);
    }

    @Test
    void restClientFollowsRedirectsAsBootsDefaultSettingsAsk() {
        RestClient rest = this.restClientBuilder.baseUrl("http://localhost:" + server.port()).build();
        assertThat(rest.get().uri("/moved").retrieve().body(String.class)).isEqualTo("order 7");
    }

    @Test
    void restClientStreamsALargeRequestBodyAndBuffersASmallOne() {
        RestClient rest = this.restClientBuilder.baseUrl("http://localhost:" + server.port()).build();
        byte[] large = new byte[300 * 1024];
        Arrays.fill(large, (byte) 'x');
        // A body Spring writes itself, with no length known in advance.
        ResponseEntity<String> bigResponse = rest.post().uri("/upload").contentType(MediaType.APPLICATION_OCTET_STREAM)
            .body(out -> out.write(large)).retrieve().toEntity(String.class);
        assertThat(bigResponse.getStatusCode().value()).isEqualTo(201);
        ResponseEntity<String> smallResponse = rest.post().uri("/upload").contentType(MediaType.TEXT_PLAIN)
            .body(out -> out.write("small".getBytes(StandardCharsets.UTF_8))).retrieve().toEntity(String.class);
        assertThat(smallResponse.getBody()).isEqualTo("stored");

        List<LoggedRequest> uploads = server.findAll(postRequestedFor(urlEqualTo("/upload")));
        LoggedRequest big = uploads.stream().filter(r -> r.getBody().length == large.length).findFirst().orElseThrow();
        assertThat(big.getBody()).isEqualTo(large);
        assertThat(big.getHeader("Transfer-Encoding")).isEqualTo("chunked");
        LoggedRequest small = uploads.stream().filter(r -> r.getBody().length == 5).findFirst().orElseThrow();
        assertThat(small.getBodyAsString()).isEqualTo("small");
        assertThat(small.getHeader("Content-Length")).isEqualTo("5");
    }

    @Test
    void restClientRefusesPortZeroInsteadOfSendingToTheDefaultPort() {
        RestClient rest = this.restClientBuilder.build();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> rest.get().uri("http://127.0.0.1:0/users/42").retrieve().toBodilessEntity());
        // Before, port 0 was read as "no port" and the request went to port 80 (a ConnectException).
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("%s", thrown).isNotNull();
        assertThat(cause).hasMessageContaining("port out of range 1-65535: 0");
    }
}
