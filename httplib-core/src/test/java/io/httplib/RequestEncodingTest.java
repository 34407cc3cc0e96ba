package io.httplib;

import io.httplib.testing.ScriptedServer;
import io.httplib.testing.ScriptedServer.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.httplib.testing.Http.CLIENT_TIMEOUT;
import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;

/** What goes over the wire for a request: request line, automatic headers, body framing. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RequestEncodingTest {

    private static Request exchange(ScriptedServer server, ThrowingConsumer<HTTPConnection> sendRequest)
            throws Exception {
        try (HTTPConnection conn = connectionTo(server)) {
            sendRequest.accept(conn);
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            response.read();
        }
        return server.request(0);
    }

    @FunctionalInterface
    interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }

    @Test
    void requestLineUsesMethodTargetAndHttp11() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> c.request("GET", "/path/to?q=1&r=%20"));
            assertThat(request.requestLine()).isEqualTo("GET /path/to?q=1&r=%20 HTTP/1.1");
            assertThat(request.head()).startsWith("GET /path/to?q=1&r=%20 HTTP/1.1\r\n").endsWith("\r\n\r\n");
        }
    }

    @Test
    void hostHeaderCarriesThePortWhenItIsNot80() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> c.request("GET", "/"));
            assertThat(request.headers("Host")).containsExactly("127.0.0.1:" + server.port());
        }
    }

    @Test
    void hostHeaderBracketsAnIpv6Address() throws Exception {
        // Binding ::1 must work on the build machines; if it does not, this test fails loudly.
        try (ScriptedServer server = ScriptedServer.startIPv6(replies(ok("v6")));
             HTTPConnection conn = new HTTPConnection("[::1]:" + server.port(), -1, CLIENT_TIMEOUT)) {
            assertThat(conn.getHost()).isEqualTo("::1");
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("v6");
            assertThat(server.request(0).headers("Host")).containsExactly("[::1]:" + server.port());
        }
    }

    @Test
    void acceptEncodingIdentityIsSentByDefault() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> c.request("GET", "/"));
            assertThat(request.headers("Accept-Encoding")).containsExactly("identity");
        }
    }

    @Test
    void putRequestAddsHostAndAcceptEncodingByDefault() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> {
                c.putRequest("GET", "/");
                c.endHeaders();
            });
            assertThat(request.headers("Host")).containsExactly("127.0.0.1:" + server.port());
            assertThat(request.headers("Accept-Encoding")).containsExactly("identity");
        }
    }

    @Test
    void skipHostAndSkipAcceptEncodingLeaveThoseHeadersOut() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> {
                c.putRequest("GET", "/", true, true);
                c.putHeader("Host", "virtual.example");
                c.endHeaders();
            });
            assertThat(request.headers("Host")).containsExactly("virtual.example");
            assertThat(request.headers("Accept-Encoding")).isEmpty();
        }
    }

    @Test
    void skipHostAloneKeepsAcceptEncoding() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> {
                c.putRequest("GET", "/", true, false);
                c.endHeaders();
            });
            assertThat(request.headers("Host")).isEmpty();
            assertThat(request.headers("Accept-Encoding")).containsExactly("identity");
        }
    }

    @Test
    void userGivenHostAndAcceptEncodingReplaceTheAutomaticOnes() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Host", "virtual.example:8080");
            headers.put("Accept-Encoding", "gzip");
            Request request = exchange(server, c -> c.request("GET", "/", (byte[]) null, headers));
            assertThat(request.headers("Host")).containsExactly("virtual.example:8080");
            assertThat(request.headers("Accept-Encoding")).containsExactly("gzip");
        }
    }

    @Test
    void userGivenHeadersAreSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Request-Id", "abc-123");
            headers.put("Accept", "text/plain");
            headers.put("User-Agent", "httplib-test/1.0");
            Request request = exchange(server, c -> c.request("GET", "/", (byte[]) null, headers));
            assertThat(request.header("X-Request-Id")).isEqualTo("abc-123");
            assertThat(request.header("Accept")).isEqualTo("text/plain");
            assertThat(request.header("User-Agent")).isEqualTo("httplib-test/1.0");
        }
    }

    @Test
    void byteArrayBodyGetsContentLength() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            byte[] body = {0, 1, 2, (byte) 0xff, 'a'};
            Request request = exchange(server, c -> c.request("POST", "/bytes", body, Map.of()));
            assertThat(request.headers("Content-Length")).containsExactly("5");
            assertThat(request.headers("Transfer-Encoding")).isEmpty();
            assertThat(request.body()).isEqualTo(body);
        }
    }

    @Test
    void stringBodyIsUtf8AndContentLengthCountsBytes() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> c.request("POST", "/text", "héllo", Map.of()));
            assertThat(request.headers("Content-Length")).containsExactly("6");
            assertThat(request.body()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void pathBodyGetsContentLengthOfTheFile(@TempDir Path dir) throws Exception {
        byte[] content = new byte[10_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("upload.bin"), content);
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> c.request("PUT", "/file", file, Map.of()));
            assertThat(request.headers("Content-Length")).containsExactly("10000");
            assertThat(request.headers("Transfer-Encoding")).isEmpty();
            assertThat(request.body()).isEqualTo(content);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH"})
    void methodsThatExpectABodySendContentLengthZeroWithoutOne(String method) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> c.request(method, "/"));
            assertThat(request.method()).isEqualTo(method);
            assertThat(request.headers("Content-Length")).containsExactly("0");
            assertThat(request.headers("Transfer-Encoding")).isEmpty();
        }
    }

    @Test
    void getWithoutBodySendsNoContentLengthNorTransferEncoding() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> c.request("GET", "/"));
            assertThat(request.headers("Content-Length")).isEmpty();
            assertThat(request.headers("Transfer-Encoding")).isEmpty();
            assertThat(request.head()).endsWith("\r\n\r\n");
        }
    }

    @Test
    void inputStreamBodyWithoutContentLengthIsSentChunked() throws Exception {
        byte[] content = new byte[20_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            InputStream body = new ByteArrayInputStream(content);
            Request request = exchange(server, c -> c.request("POST", "/stream", body, Map.of()));
            assertThat(request.headers("Transfer-Encoding")).containsExactly("chunked");
            assertThat(request.headers("Content-Length")).isEmpty();
            assertThat(request.body()).isEqualTo(content);
            assertWellFormedChunkedEncoding(request.rawBodyText(), content);
        }
    }

    @Test
    void emptyInputStreamBodyIsSentAsTheLastChunkOnly() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            InputStream body = new ByteArrayInputStream(new byte[0]);
            Request request = exchange(server, c -> c.request("POST", "/stream", body, Map.of()));
            assertThat(request.headers("Transfer-Encoding")).containsExactly("chunked");
            assertThat(request.rawBodyText()).isEqualTo("0\r\n\r\n");
        }
    }

    @Test
    void inputStreamBodyWithUserContentLengthIsSentAsIs() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            InputStream body = new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.US_ASCII));
            Request request = exchange(server,
                    c -> c.request("POST", "/stream", body, Map.of("Content-Length", "10")));
            assertThat(request.headers("Content-Length")).containsExactly("10");
            assertThat(request.headers("Transfer-Encoding")).isEmpty();
            assertThat(request.bodyText()).isEqualTo("0123456789");
        }
    }

    @Test
    void putHeaderWithSeveralValuesSendsContinuationLines() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> {
                c.putRequest("GET", "/");
                c.putHeader("X", "a", "b");
                c.endHeaders();
            });
            assertThat(request.head()).contains("\r\nX: a\r\n\tb\r\n");
        }
    }

    @Test
    void putHeaderWithOneValueSendsOneLine() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")))) {
            Request request = exchange(server, c -> {
                c.putRequest("GET", "/");
                c.putHeader("X-Single", "value with spaces");
                c.endHeaders();
            });
            assertThat(request.head()).contains("\r\nX-Single: value with spaces\r\n");
        }
    }

    /** Checks {@code raw} is chunk-size CRLF data CRLF ... 0 CRLF CRLF and decodes to {@code expected}. */
    private static void assertWellFormedChunkedEncoding(String raw, byte[] expected) {
        Pattern chunk = Pattern.compile("\\G([0-9a-fA-F]+)\r\n");
        int pos = 0;
        StringBuilder decoded = new StringBuilder();
        while (true) {
            Matcher m = chunk.matcher(raw);
            assertThat(m.find(pos)).as("chunk-size line at offset %d", pos).isTrue();
            assertThat(m.start()).isEqualTo(pos);
            int size = Integer.parseInt(m.group(1), 16);
            pos = m.end();
            if (size == 0) {
                assertThat(raw.substring(pos)).isEqualTo("\r\n");
                break;
            }
            decoded.append(raw, pos, pos + size);
            pos += size;
            assertThat(raw.substring(pos, pos + 2)).as("CRLF after chunk data").isEqualTo("\r\n");
            pos += 2;
        }
        assertThat(decoded.toString().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }

    @Test
    void hostHeaderBracketsABareIpv6HostGivenWithAnExplicitPort() throws Exception {
        try (ScriptedServer server = ScriptedServer.startIPv6(replies(ok("v6")));
             HTTPConnection conn = new HTTPConnection("::1", server.port(), CLIENT_TIMEOUT)) {
            assertThat(conn.getHost()).isEqualTo("::1");
            assertThat(conn.getPort()).isEqualTo(server.port());
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("v6");
            assertThat(server.request(0).headers("Host")).containsExactly("[::1]:" + server.port());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://[fe80::1%25eth0]:8080/x", "http://u:p@[fe80::1%25eth0]:8080/x"})
    void absoluteFormTargetWithAnIpv6ZoneSendsHostWithoutTheZone(String target) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", target);
            conn.getResponse().read();
            assertThat(server.request(0).header("Host")).isEqualTo("[fe80::1]:8080");
            assertThat(server.request(0).target()).isEqualTo(target);
        }
    }
}
