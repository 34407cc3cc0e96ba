package io.httplib.spring.boot.autoconfigure;

import static io.httplib.spring.boot.autoconfigure.LoopbackHttpServer.raw;
import static io.httplib.spring.boot.autoconfigure.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

/**
 * What Spring documents for a {@link ClientHttpRequestFactory} (its javadoc, and the behaviour of
 * {@code ClientHttpRequest}, {@code ClientHttpResponse}, {@code RestClient} and
 * {@code RestTemplate} over it), checked on a real loopback server. Each subclass runs every case
 * against one factory: httplib's, and Spring's own JDK and Apache HttpComponents factories as the
 * reference. A case that passes for the references and fails for httplib is a bug in httplib.
 *
 * <p>Where the references themselves differ (the JDK's HTTP client cannot see a reason phrase,
 * nor a request body it is not given), the subclass says what it offers and the case asserts
 * that.
 */
abstract class ClientHttpRequestFactoryContract {

    static final byte[] HELLO = "Hello World".getBytes(StandardCharsets.UTF_8);

    static LoopbackHttpServer server;

    /** The factory of the running test. */
    protected ClientHttpRequestFactory factory;

    /** The factory under test; made once per test. */
    protected abstract ClientHttpRequestFactory createFactory() throws Exception;

    /** Releases what {@link #createFactory()} made. */
    protected abstract void destroyFactory(ClientHttpRequestFactory factory) throws Exception;

    /** A factory whose reads time out after {@code timeout}; released with {@link #destroyFactory}. */
    protected abstract ClientHttpRequestFactory createFactory(Duration readTimeout) throws Exception;

    /** Whether {@code getStatusText()} is the reason phrase the server sent. */
    protected abstract boolean reportsTheServersReasonPhrase();

    @BeforeAll
    static void startServer() throws IOException {
        server = new LoopbackHttpServer()
            .route("/echo", (request, out) -> {
                byte[] body = request.body();
                raw(out, "HTTP/1.1 200 OK\r\nX-Method: " + request.method() + "\r\nContent-Length: " + body.length
                        + "\r\n\r\n");
                out.write(body);
                return true;
            })
            .route("/status/", (request, out) -> {
                String status = request.path().substring("/status/".length()).replace('_', ' ');
                int code = Integer.parseInt(status.substring(0, 3));
                if (code == 204 || code == 304) {
                    raw(out, "HTTP/1.1 " + status + "\r\n\r\n");
                }
                else {
                    respond(out, status, "status " + code);
                }
                return true;
            })
            .route("/hello", (request, out) -> {
                raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
                if (!request.method().equals("HEAD")) {
                    raw(out, "hello");
                }
                return true;
            })
            .route("/chunked", (request, out) -> {
                raw(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n6\r\n World\r\n0\r\n\r\n");
                return true;
            })
            .route("/repeated", (request, out) -> {
                raw(out, "HTTP/1.1 200 OK\r\nX-Multi: one\r\nX-Multi: two\r\nContent-Length: 0\r\n\r\n");
                return true;
            })
            .route("/typed", (request, out) -> {
                raw(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=UTF-8\r\nX-Case: v\r\n"
                        + "Content-Length: 2\r\n\r\nok");
                return true;
            })
            .route("/interim", (request, out) -> {
                raw(out, "HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                return true;
            })
            .route("/cut-short", (request, out) -> {
                raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello");
                return false;
            })
            .route("/hang-up", (request, out) -> false)
            .route("/until-close", (request, out) -> {
                raw(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nread until the end");
                return false;
            })
            .route("/closing", (request, out) -> {
                raw(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 6\r\n\r\nclosed");
                return false;
            })
            .route("/stall", (request, out) -> {
                raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n");
                out.flush();
                try {
                    Thread.sleep(3_000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                raw(out, "late");
                return false;
            });
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @BeforeEach
    void makeFactory() throws Exception {
        this.factory = createFactory();
    }

    @AfterEach
    void releaseFactory() throws Exception {
        destroyFactory(this.factory);
    }

    // ---- ClientHttpRequest / ClientHttpResponse ----------------------------------------------

    @Test
    void theRequestKeepsItsMethodAndUriAndTheResponseItsStatus() throws Exception {
        URI uri = URI.create(server.url("/status/404_Not_Found"));
        ClientHttpRequest request = this.factory.createRequest(uri, HttpMethod.GET);
        assertThat(request.getMethod()).isEqualTo(HttpMethod.GET);
        assertThat(request.getURI()).isEqualTo(uri);
        try (ClientHttpResponse response = request.execute()) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void everyMethodReachesTheServerAsGiven() throws Exception {
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
                HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE)) {
            String path = "/echo/method-" + method.name().toLowerCase(Locale.ROOT);
            ClientHttpRequest request = this.factory.createRequest(URI.create(server.url(path)), method);
            boolean hasBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
            if (hasBody) {
                streamingBody(request, HELLO);
            }
            try (ClientHttpResponse response = request.execute()) {
                assertThat(response.getStatusCode()).as(method.name()).isEqualTo(HttpStatus.OK);
                assertThat(response.getHeaders().getFirst("X-Method")).isEqualTo(method.name());
                byte[] body = StreamUtils.copyToByteArray(response.getBody());
                assertThat(body).as(method.name()).isEqualTo((hasBody && method != HttpMethod.HEAD) ? HELLO : new byte[0]);
            }
            assertThat(server.request(path).method()).isEqualTo(method.name());
        }
    }

    @Test
    void aStreamingBodyOfUnknownLengthArrivesWhole() throws Exception {
        byte[] large = new byte[300 * 1024];
        Arrays.fill(large, (byte) 'x');
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/streaming")), HttpMethod.POST);
        streamingBody(request, large);
        try (ClientHttpResponse response = request.execute()) {
            assertThat(StreamUtils.copyToByteArray(response.getBody())).isEqualTo(large);
        }
        assertThat(server.request("/echo/streaming").body()).isEqualTo(large);
    }

    @Test
    void aStreamingBodyWithItsLengthIsSentWithThatLength() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/sized")), HttpMethod.PUT);
        request.getHeaders().setContentLength(HELLO.length);
        streamingBody(request, HELLO);
        try (ClientHttpResponse response = request.execute()) {
            assertThat(StreamUtils.copyToByteArray(response.getBody())).isEqualTo(HELLO);
        }
        LoopbackHttpServer.Request received = server.request("/echo/sized");
        assertThat(received.chunked()).isFalse();
        assertThat(received.headers("Content-Length")).containsExactly(String.valueOf(HELLO.length));
        assertThat(received.body()).isEqualTo(HELLO);
    }

    @Test
    void aBufferedBodyArrivesWhole() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/buffered")), HttpMethod.POST);
        request.getBody().write(HELLO);
        try (ClientHttpResponse response = request.execute()) {
            assertThat(StreamUtils.copyToByteArray(response.getBody())).isEqualTo(HELLO);
        }
        assertThat(server.request("/echo/buffered").body()).isEqualTo(HELLO);
    }

    @Test
    void anEmptyBufferedBodyArrivesEmptyAndFramed() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/empty-buffered")),
                HttpMethod.POST);
        request.getBody();
        try (ClientHttpResponse response = request.execute()) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        LoopbackHttpServer.Request received = server.request("/echo/empty-buffered");
        assertThat(received.body()).isEmpty();
        assertThat(received.chunked() || received.headers("Content-Length").equals(List.of("0")))
            .as("chunked or Content-Length: 0").isTrue();
    }

    @Test
    void headersReachTheServer() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/headers")), HttpMethod.GET);
        request.getHeaders().add("X-Single", "value");
        request.getHeaders().setAccept(List.of(MediaType.TEXT_PLAIN));
        try (ClientHttpResponse response = request.execute()) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        LoopbackHttpServer.Request received = server.request("/echo/headers");
        assertThat(received.headers("X-Single")).containsExactly("value");
        assertThat(received.headers("Accept")).containsExactly("text/plain");
        assertThat(received.headers("Host")).containsExactly("127.0.0.1:" + server.port());
    }

    @Test
    void aHeaderWithSeveralValuesGoesOutAsOneLinePerValueInOrder() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/multi")), HttpMethod.GET);
        request.getHeaders().add("X-Multi", "value1");
        request.getHeaders().add("X-Multi", "value2, with a comma");
        request.getHeaders().add("X-Multi", "value3");
        try (ClientHttpResponse response = request.execute()) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(server.request("/echo/multi").headers("X-Multi"))
            .containsExactly("value1", "value2, with a comma", "value3");
    }

    @Test
    void aNullHeaderValueGoesOutAsAnEmptyOne() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/null")), HttpMethod.GET);
        request.getHeaders().add("X-Empty", null);
        request.getHeaders().add("X-After", "kept");
        try (ClientHttpResponse response = request.execute()) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        LoopbackHttpServer.Request received = server.request("/echo/null");
        assertThat(received.headers("X-Empty")).containsExactly("");
        assertThat(received.headers("X-After")).containsExactly("kept");
    }

    @Test
    void theRequestTargetIsTheRawPathAndQuery() throws Exception {
        String target = "/echo/query?a=1&b=x%20y&b=z&c=%C3%A9&d=a%2Bb";
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url(target)), HttpMethod.GET);
        try (ClientHttpResponse response = request.execute()) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(server.request("/echo/query").target()).isEqualTo(target);
    }

    @Test
    void headersCannotChangeOnceTheRequestIsExecuted() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/after")), HttpMethod.POST);
        request.getHeaders().add("MyHeader", "value");
        streamingBody(request, HELLO);
        try (ClientHttpResponse response = request.execute()) {
            assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> request.getHeaders().add("MyHeader", "other"));
        }
    }

    @Test
    void theBodyCannotBeWrittenOnceTheRequestIsExecuted() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/twice")), HttpMethod.POST);
        request.getBody().write(HELLO);
        request.execute().close();
        assertThatIllegalStateException().isThrownBy(() -> request.getBody().write(HELLO));
    }

    @Test
    void statusCodesAreThoseOfTheResponseKnownOrNot() throws Exception {
        for (String status : List.of("200_OK", "201_Created", "299_Fine_Anyway", "404_Not_Found", "418_I'm_a_teapot",
                "500_Internal_Server_Error", "599_Network_Connect_Timeout")) {
            ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/status/" + status)),
                    HttpMethod.GET);
            try (ClientHttpResponse response = request.execute()) {
                assertThat(response.getStatusCode().value()).isEqualTo(Integer.parseInt(status.substring(0, 3)));
                String text = response.getStatusText();
                assertThat(text).isNotNull();
                if (reportsTheServersReasonPhrase()) {
                    assertThat(text).isEqualTo(status.substring(4).replace('_', ' '));
                }
                assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8))
                    .isEqualTo("status " + status.substring(0, 3));
            }
        }
    }

    @Test
    void aResponseWithoutContentHasAnEmptyBody() throws Exception {
        for (String status : List.of("204_No_Content", "304_Not_Modified")) {
            ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/status/" + status)),
                    HttpMethod.GET);
            try (ClientHttpResponse response = request.execute()) {
                assertThat(response.getStatusCode().value()).isEqualTo(Integer.parseInt(status.substring(0, 3)));
                InputStream body = response.getBody();
                assertThat(body).isNotNull();
                assertThat(body.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void headReadsNoBodyAndTheNextExchangeStillWorks() throws Exception {
        ClientHttpRequest head = this.factory.createRequest(URI.create(server.url("/hello")), HttpMethod.HEAD);
        try (ClientHttpResponse response = head.execute()) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(response.getHeaders().getContentLength()).isEqualTo(5);
            assertThat(StreamUtils.copyToByteArray(response.getBody())).isEmpty();
        }
        ClientHttpRequest get = this.factory.createRequest(URI.create(server.url("/hello")), HttpMethod.GET);
        try (ClientHttpResponse response = get.execute()) {
            assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void aResponseClosedUnreadLeavesTheFactoryUsable() throws Exception {
        for (int i = 0; i < 3; i++) {
            this.factory.createRequest(URI.create(server.url("/hello")), HttpMethod.GET).execute().close();
        }
        try (ClientHttpResponse response = this.factory.createRequest(URI.create(server.url("/hello")), HttpMethod.GET)
            .execute()) {
            assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void repeatedResponseHeadersKeepEveryValue() throws Exception {
        try (ClientHttpResponse response = this.factory.createRequest(URI.create(server.url("/repeated")), HttpMethod.GET)
            .execute()) {
            assertThat(response.getHeaders().get("X-Multi")).containsExactly("one", "two");
        }
    }

    @Test
    void responseHeadersAreLookedUpInAnyCaseAndTyped() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/typed")), HttpMethod.GET);
        try (ClientHttpResponse response = request.execute()) {
            HttpHeaders headers = response.getHeaders();
            assertThat(headers.getContentType()).isEqualTo(MediaType.parseMediaType("text/plain;charset=UTF-8"));
            assertThat(headers.getContentLength()).isEqualTo(2);
            assertThat(headers.getFirst("x-case")).isEqualTo("v");
            assertThat(headers.containsHeader("X-CASE")).isTrue();
            assertThat(headers.get("x-absent")).isNull();
            assertThat(headers.headerNames()).anySatisfy((name) -> assertThat(name).isEqualToIgnoringCase("X-Case"));
            assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
    }

    @Test
    void aChunkedResponseBodyIsDecoded() throws Exception {
        try (ClientHttpResponse response = this.factory.createRequest(URI.create(server.url("/chunked")), HttpMethod.GET)
            .execute()) {
            assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("Hello World");
        }
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        try (ClientHttpResponse response = this.factory.createRequest(URI.create(server.url("/interim")), HttpMethod.GET)
            .execute()) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
    }

    @Test
    void aBodyDelimitedByTheConnectionsEndIsReadWhole() throws Exception {
        try (ClientHttpResponse response = this.factory
            .createRequest(URI.create(server.url("/until-close")), HttpMethod.GET)
            .execute()) {
            assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8))
                .isEqualTo("read until the end");
        }
    }

    @Test
    void aConnectionTheServerClosesIsNotReused() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (ClientHttpResponse response = this.factory
                .createRequest(URI.create(server.url("/closing")), HttpMethod.GET)
                .execute()) {
                assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("closed");
            }
        }
    }

    @Test
    void theFragmentIsNotSent() throws Exception {
        this.factory.createRequest(URI.create(server.url("/echo/fragment?q=1#part")), HttpMethod.GET).execute().close();
        assertThat(server.request("/echo/fragment").target()).isEqualTo("/echo/fragment?q=1");
    }

    // ---- errors --------------------------------------------------------------------------

    @Test
    void aReadThatTimesOutIsAnIOException() throws Exception {
        ClientHttpRequestFactory timed = createFactory(Duration.ofMillis(300));
        try {
            assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
                try (ClientHttpResponse response = timed.createRequest(URI.create(server.url("/stall")), HttpMethod.GET)
                    .execute()) {
                    StreamUtils.copyToByteArray(response.getBody());
                }
            });
        }
        finally {
            destroyFactory(timed);
        }
    }

    @Test
    void aRefusedConnectionIsAnIOException() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create("http://127.0.0.1:" + closedPort() + "/"),
                HttpMethod.GET);
        assertThatExceptionOfType(IOException.class).isThrownBy(request::execute);
    }

    @Test
    void aConnectionClosedBeforeAnyResponseIsAnIOException() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/hang-up")), HttpMethod.GET);
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> request.execute().getStatusCode());
    }

    @Test
    void aBodyCutShortFailsWhileItIsRead() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/cut-short")), HttpMethod.GET);
        try (ClientHttpResponse response = request.execute()) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> StreamUtils.copyToByteArray(response.getBody()));
        }
    }

    // ---- RestClient and RestTemplate over the factory --------------------------------------

    @Test
    void restClientReadsBodiesAndMapsErrorStatusesToExceptions() {
        RestClient rest = RestClient.builder().requestFactory(this.factory).baseUrl(server.url("")).build();
        assertThat(rest.post().uri("/echo/rest-client").contentType(MediaType.TEXT_PLAIN).body("ping")
            .retrieve().body(String.class)).isEqualTo("ping");
        ResponseEntity<Void> noContent = rest.get().uri("/status/204_No_Content").retrieve().toBodilessEntity();
        assertThat(noContent.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        HttpClientErrorException notFound = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientErrorException.NotFound.class,
                () -> rest.get().uri("/status/404_Nothing_Here").retrieve().body(String.class));
        assertThat(notFound.getResponseBodyAsString()).isEqualTo("status 404");
        if (reportsTheServersReasonPhrase()) {
            assertThat(notFound.getStatusText()).isEqualTo("Nothing Here");
        }
        assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
            .isThrownBy(() -> rest.get().uri("/status/503_Service_Unavailable").retrieve().body(String.class));
        assertThatExceptionOfType(ResourceAccessException.class).isThrownBy(
                () -> rest.get().uri("http://127.0.0.1:" + closedPort() + "/").retrieve().body(String.class));
        // Spring wraps a failure while reading the body into the target type as a plain
        // RestClientException (its cause the IOException), for every factory alike.
        assertThatExceptionOfType(RestClientException.class)
            .isThrownBy(() -> rest.get().uri("/cut-short").retrieve().body(String.class))
            .withRootCauseInstanceOf(IOException.class);
    }

    @Test
    void restTemplateReadsBodiesAndMapsErrorStatusesToExceptions() {
        RestTemplate rest = new RestTemplate(this.factory);
        assertThat(rest.postForObject(server.url("/echo/rest-template"), "pong", String.class)).isEqualTo("pong");
        assertThat(rest.getForEntity(server.url("/status/201_Created"), String.class).getStatusCode())
            .isEqualTo(HttpStatus.CREATED);
        HttpClientErrorException teapot = org.junit.jupiter.api.Assertions.assertThrows(HttpClientErrorException.class,
                () -> rest.getForObject(server.url("/status/418_Short_And_Stout"), String.class));
        assertThat(teapot.getStatusCode().value()).isEqualTo(418);
        if (reportsTheServersReasonPhrase()) {
            assertThat(teapot.getStatusText()).isEqualTo("Short And Stout");
        }
        assertThatExceptionOfType(HttpServerErrorException.class)
            .isThrownBy(() -> rest.getForObject(server.url("/status/599_Odd"), String.class));
        assertThat(rest.headForHeaders(server.url("/hello")).getContentLength()).isEqualTo(5);
        assertThatExceptionOfType(ResourceAccessException.class)
            .isThrownBy(() -> rest.getForObject("http://127.0.0.1:" + closedPort() + "/", String.class));
    }

    // ---- helpers -------------------------------------------------------------------------

    static void streamingBody(ClientHttpRequest request, byte[] body) throws IOException {
        if (request instanceof StreamingHttpOutputMessage streaming) {
            streaming.setBody((out) -> out.write(body));
        }
        else {
            request.getBody().write(body);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
