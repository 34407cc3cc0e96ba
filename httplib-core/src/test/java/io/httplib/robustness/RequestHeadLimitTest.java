package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HTTPConnection;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HTTPLimits;
import io.httplib.HttplibClient;
import io.httplib.RequestHeadTooLarge;
import io.httplib.testing.Http;
import io.httplib.testing.ScriptedServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The request head is bounded as the response head is ({@link HTTPLimits#maxRequestHeaders()},
 * {@link HTTPLimits#maxRequestHeadBytes()}): a head of 2,000 headers of 600 bytes (1.2 MB) used
 * to be sent whole. Over a limit, {@link RequestHeadTooLarge} is raised before any byte is written.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RequestHeadLimitTest {

    private static Map<String, String> headers(int n, int valueLength) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("X-" + i, "v".repeat(valueLength));
        }
        return m;
    }

    @Test
    void aHeadOfTwoThousandHeadersIsRefusedBeforeAnyByteAndTheConnectionStaysUsable() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("fine")));
             HTTPConnection conn = Http.connectionTo(server)) {
            Throwable thrown = catchThrowable(() -> conn.request("GET", "/", (byte[]) null, headers(2000, 600)));
            assertThat(thrown).isInstanceOf(RequestHeadTooLarge.class).isInstanceOf(IllegalArgumentException.class);
            RequestHeadTooLarge e = (RequestHeadTooLarge) thrown;
            assertThat(e.getSetting()).isEqualTo("maxRequestHeaders");
            assertThat(e.getLimit()).isEqualTo(100);
            assertThat(e.getActual()).isEqualTo(101);
            server.settle();
            assertThat(server.connectionCount()).isZero();

            conn.request("GET", "/after");
            assertThat(Http.readText(conn.getResponse())).isEqualTo("fine");
            assertThat(server.request(0).target()).isEqualTo("/after");
        }
    }

    @Test
    void aHundredFieldsAutomaticOnesIncludedAreSentAndOneMoreIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("a"), Http.ok("b")));
             HTTPConnection conn = Http.connectionTo(server)) {
            // Host and Accept-Encoding are added: 98 more make 100.
            conn.request("GET", "/", (byte[]) null, headers(98, 1));
            assertThat(Http.readText(conn.getResponse())).isEqualTo("a");
            assertThat(server.request(0).headers()).hasSize(100);
            assertThat(catchThrowable(() -> conn.request("GET", "/", (byte[]) null, headers(99, 1))))
                    .isInstanceOf(RequestHeadTooLarge.class);
            // POST without a body adds Content-Length: 0, which counts too.
            assertThat(catchThrowable(() -> conn.request("POST", "/", (byte[]) null, headers(98, 1))))
                    .isInstanceOf(RequestHeadTooLarge.class);
        }
    }

    @Test
    void theByteLimitCountsTheWholeHeadExactly() throws Exception {
        // "GET / HTTP/1.1\r\n" (16) + "Host: 127.0.0.1:NNNNN\r\n" + "Accept-Encoding: identity\r\n" (27)
        // + "X-A: vvv\r\n" + "\r\n"
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("a")))) {
            String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
            int fixed = 16 + host.length() + 27 + 2;
            HTTPLimits limits = HTTPLimits.builder().maxRequestHeadBytes(fixed + 10).build();
            try (HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port())
                    .timeout(Http.CLIENT_TIMEOUT).limits(limits).build()) {
                RequestHeadTooLarge e = (RequestHeadTooLarge) catchThrowable(
                        () -> conn.request("GET", "/", (byte[]) null, Map.of("X-A", "vvvv")));
                assertThat(e.getSetting()).isEqualTo("maxRequestHeadBytes");
                assertThat(e.getActual()).isEqualTo(fixed + 11);
                conn.request("GET", "/", (byte[]) null, Map.of("X-A", "vvv"));
                assertThat(Http.readText(conn.getResponse())).isEqualTo("a");
                assertThat(server.receivedBytes(0)).hasSize(fixed + 10);
            }
        }
    }

    @Test
    void aRequestLineOverTheByteLimitIsRefusedAtPutRequest() throws Exception {
        HTTPLimits limits = HTTPLimits.builder().maxRequestHeadBytes(64).build();
        try (HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(9).limits(limits).build()) {
            assertThat(catchThrowable(() -> conn.putRequest("GET", "/" + "a".repeat(100))))
                    .isInstanceOf(RequestHeadTooLarge.class);
            // Still Idle: a new request may start.
            conn.putRequest("GET", "/");
        }
    }

    @Test
    void putHeaderPastTheLimitAddsNothingAndTheHeadCanStillBeSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("ok")));
             HTTPConnection conn = Http.connectionTo(server)) {
            conn.putRequest("GET", "/");
            for (int i = 0; i < 98; i++) {
                conn.putHeader("X-" + i, "v");
            }
            assertThat(catchThrowable(() -> conn.putHeader("X-Over", "v"))).isInstanceOf(RequestHeadTooLarge.class);
            conn.endHeaders();
            assertThat(Http.readText(conn.getResponse())).isEqualTo("ok");
            assertThat(server.request(0).headers()).hasSize(100);
            assertThat(server.request(0).header("X-Over")).isNull();
        }
    }

    @Test
    void throughTheClientTheErrorIsTypedAndThePooledConnectionIsFreed() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("ok"), Http.ok("ok")));
             HttplibClient client = HttplibClient.builder()
                     .baseUri("http://127.0.0.1:" + server.port())
                     .pool(ConnectionPool.builder().maxPerRoute(1).acquireTimeout(Duration.ofSeconds(2)).build())
                     .connectionFactory(HTTPConnectionFactory.builder().readTimeout(Http.CLIENT_TIMEOUT).build())
                     .build()) {
            ClientRequest.Builder big = ClientRequest.builder("GET", "/");
            headers(2000, 600).forEach(big::header);
            assertThat(catchThrowable(() -> client.send(big.build()))).isInstanceOf(RequestHeadTooLarge.class);
            try (ClientResponse r = client.send("GET", "/", null, null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
            assertThat(server.totalBytesReceived()).isLessThan(1000);
        }
    }
}
