package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.RecordingListener;
import io.httplib.testing.ScriptedServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A header with several values goes out as several lines, in order, never joined (RFC 9110 section
 * 5.3 allows joining only list-valued fields: {@code a} and {@code b, c} joined read as three
 * values). And every check of what a client sends runs before any connection is made.
 */
@Timeout(30)
class RepeatedRequestHeadersTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void putHeaderTwiceSendsTwoLinesAsCpythonsPutheaderDoes() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
            conn.putRequest("GET", "/");
            conn.putHeader("X-Tag", "a");
            conn.putHeader("X-Tag", "b, c");
            conn.endHeaders();
            conn.getResponse().read();
            assertThat(server.request(0).headers("X-Tag")).containsExactly("a", "b, c");
            assertThat(server.received(0)).contains("\r\nX-Tag: a\r\nX-Tag: b, c\r\n");
        }
    }

    @Test
    void requestTakesACollectionOfValuesAndSendsOneLineEachInOrder() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("Cookie", List.of("a=1", "b=2"));
            headers.put("X-Single", "s");
            headers.put("Accept", List.of("text/plain", "application/json;q=0.5"));
            conn.request("GET", "/", (byte[]) null, headers);
            conn.getResponse().read();
            assertThat(server.received(0)).contains("\r\nCookie: a=1\r\nCookie: b=2\r\nX-Single: s\r\n"
                    + "Accept: text/plain\r\nAccept: application/json;q=0.5\r\n");
        }
    }

    @Test
    void clientRequestsAddValuesWithoutReplacingAndSetSeveralAtOnce() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port()).build()) {
            ClientRequest request = ClientRequest.builder("GET", "/")
                    .addHeader("X-Tag", "a")
                    .addHeader("x-tag", "b, c")
                    .headers("Via", List.of("1.1 first", "1.1 second"))
                    .addHeader("X-Empty", "")
                    .build();
            assertThat(request.header("X-TAG")).containsExactly("a", "b, c");
            client.send(request).readAllBytes();
            ScriptedServer.Request got = server.request(0);
            assertThat(got.headers("X-Tag")).containsExactly("a", "b, c");
            assertThat(got.headers("Via")).containsExactly("1.1 first", "1.1 second");
            assertThat(got.headers("X-Empty")).containsExactly("");

            client.send(ClientRequest.builder("GET", "/").addHeader("X-Tag", "a").header("X-Tag", "z").build())
                    .readAllBytes();
            assertThat(server.request(1).headers("X-Tag")).containsExactly("z");
        }
    }

    @Test
    void twoHostsConflictingLengthsAndValuesThatAreNotStringsAreRefused() throws Exception {
        try (HTTPConnection conn = new HTTPConnection("127.0.0.1", 9, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> conn.request("GET", "/", (byte[]) null, Map.of("Host", List.of("a", "b"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one Host");
            assertThatThrownBy(() -> conn.request("POST", "/", new byte[1], Map.of("Content-Length", List.of("1", "2"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conflicting Content-Length");
            assertThatThrownBy(() -> conn.request("GET", "/", (byte[]) null, Map.of("X-A", List.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value");
            assertThatThrownBy(() -> conn.request("GET", "/", (byte[]) null, Map.of("X-A", 42)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("String");
            assertThat(conn.isConnected()).isFalse();
        }
    }

    @Test
    void throughTheClientEveryCheckRunsBeforeAnyConnectionIsMade() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                        .eventListener(recorder).build()) {
            String huge = "v".repeat(1 << 20);
            assertThatThrownBy(() -> client.send("GET", "/", null, Map.of("X-Huge", huge)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.send("GET", "/" + huge, null, null)).isInstanceOf(InvalidURL.class);
            Map<String, String> many = new LinkedHashMap<>();
            for (int i = 0; i < 2_000; i++) {
                many.put("X-H" + i, "v".repeat(600));
            }
            assertThatThrownBy(() -> client.send("GET", "/", null, many)).isInstanceOf(RequestHeadTooLarge.class);
            String hugeName = "N".repeat(1 << 20);
            assertThatThrownBy(() -> client.send("GET", "/", null, Map.of(hugeName, "v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1_000));
            server.settle();
            assertThat(server.connectionCount()).isZero();
            assertThat(client.pool().stats().leased()).isZero();
        }
        assertThat(recorder.events()).doesNotContain("connectStart", "connectionAcquired(reused=false)");
    }
}
