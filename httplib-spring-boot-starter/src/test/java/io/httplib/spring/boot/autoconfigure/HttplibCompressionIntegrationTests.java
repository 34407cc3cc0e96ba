package io.httplib.spring.boot.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.httplib.DecompressionLimitExceeded;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A {@code RestClient} built by Boot decodes gzip through httplib as Spring's own JDK factory does
 * with compression on: {@code Accept-Encoding: gzip, deflate} is sent, the body arrives decoded,
 * {@code Content-Encoding} and {@code Content-Length} are gone, and a bomb is refused.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "httplib.compression.max-decoded-size=256KB")
class HttplibCompressionIntegrationTests {

    static final String JSON = json();

    static WireMockServer server;

    @Autowired
    RestClient.Builder restClientBuilder;

    @Autowired
    MeterRegistry registry;

    @BeforeAll
    static void startServer() throws IOException {
        // WireMock gzips a response itself when the request accepts gzip, as most servers do.
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/users")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBody(JSON)));
        server.stubFor(get(urlEqualTo("/bomb")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
            .withBody(gzipZeros(1024 * 1024))));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void aGzipResponseArrivesDecodedWithoutItsCodingHeaders() {
        RestClient rest = this.restClientBuilder.baseUrl("http://localhost:" + server.port()).build();
        double before = bytesReceived();
        ResponseEntity<String> response = rest.get().uri("/users").retrieve().toEntity(String.class);
        assertThat(response.getBody()).isEqualTo(JSON);
        assertThat(response.getHeaders().containsHeader(HttpHeaders.CONTENT_ENCODING)).isFalse();
        assertThat(response.getHeaders().containsHeader(HttpHeaders.CONTENT_LENGTH)).isFalse();
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        server.verify(getRequestedFor(urlEqualTo("/users")).withHeader("Accept-Encoding",
                equalTo("gzip, deflate")));
        // What crossed the wire was compressed.
        assertThat(bytesReceived() - before).isPositive().isLessThan(JSON.length() / 4.0);
    }

    @Test
    void aCallersOwnAcceptEncodingStillGetsADecodedBody() {
        RestClient rest = this.restClientBuilder.baseUrl("http://localhost:" + server.port()).build();
        ResponseEntity<String> response = rest.get().uri("/users").header(HttpHeaders.ACCEPT_ENCODING, "gzip")
            .retrieve().toEntity(String.class);
        assertThat(response.getBody()).isEqualTo(JSON);
        assertThat(response.getHeaders().containsHeader(HttpHeaders.CONTENT_ENCODING)).isFalse();
    }

    @Test
    void aBodyDecodingPastTheConfiguredBoundFailsWithTheTypedError() {
        RestClient rest = this.restClientBuilder.baseUrl("http://localhost:" + server.port()).build();
        assertThatThrownBy(() -> rest.get().uri("/bomb").retrieve().body(String.class))
            .isInstanceOf(RestClientException.class)
            .satisfies((e) -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                .isInstanceOf(DecompressionLimitExceeded.class)
                .hasMessageContaining("maxDecodedSize 262144 bytes"));
    }

    private double bytesReceived() {
        return this.registry.get("httplib.client.bytes.received").tag("client.name", "default").summary().totalAmount();
    }

    private static String json() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"user-").append(i).append("\"}");
        }
        return b.append(']').toString();
    }

    private static byte[] gzipZeros(int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(new byte[n]);
        }
        return out.toByteArray();
    }
}
