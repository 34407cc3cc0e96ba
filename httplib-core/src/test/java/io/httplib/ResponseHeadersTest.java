package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;

/** Response header fields: lookup, repeats, order, encoding, folding and trimming. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResponseHeadersTest {

    private static HTTPResponse responseWithHeaders(ScriptedServer server, HTTPConnection conn) throws Exception {
        conn.request("GET", "/");
        return conn.getResponse();
    }

    private static ScriptedServer serverWithHeaders(String headerLines) throws Exception {
        return ScriptedServer.start(replies("HTTP/1.1 200 OK\r\n" + headerLines + "Content-Length: 0\r\n\r\n"));
    }

    @Test
    void headerLookupIgnoresCase() throws Exception {
        try (ScriptedServer server = serverWithHeaders("Content-Type: text/plain\r\n");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeader("content-type")).isEqualTo("text/plain");
            assertThat(response.getHeader("CONTENT-TYPE")).isEqualTo("text/plain");
            assertThat(response.getHeader("Content-Type")).isEqualTo("text/plain");
            assertThat(response.getMsg().get("cOnTeNt-TyPe")).isEqualTo("text/plain");
            assertThat(response.getMsg().contains("CONTENT-type")).isTrue();
        }
    }

    @Test
    void absentHeaderIsNullOrTheGivenDefault() throws Exception {
        try (ScriptedServer server = serverWithHeaders("");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeader("X-Missing")).isNull();
            assertThat(response.getHeader("X-Missing", "fallback")).isEqualTo("fallback");
            assertThat(response.getHeader("Content-Length", "fallback")).isEqualTo("0");
            assertThat(response.getMsg().get("X-Missing")).isNull();
            assertThat(response.getMsg().getAll("X-Missing")).isEmpty();
            assertThat(response.getMsg().contains("X-Missing")).isFalse();
        }
    }

    @Test
    void repeatedHeadersAreJoinedWithCommaInGetHeaderAndKeptApartInGetHeaders() throws Exception {
        try (ScriptedServer server = serverWithHeaders(
                "Set-Cookie: a=1\r\nX-Other: o\r\nset-cookie: b=2\r\nSet-Cookie: c=3\r\n");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeader("Set-Cookie")).isEqualTo("a=1, b=2, c=3");
            assertThat(response.getHeaders())
                    .filteredOn(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                    .extracting(Map.Entry::getValue)
                    .containsExactly("a=1", "b=2", "c=3");
            assertThat(response.getMsg().getAll("SET-COOKIE")).containsExactly("a=1", "b=2", "c=3");
        }
    }

    @Test
    void getHeadersKeepsReceivedOrderAndNameSpelling() throws Exception {
        try (ScriptedServer server = serverWithHeaders("X-CaSe: 1\r\nalpha: 2\r\nZETA: 3\r\nx-case: 4\r\n");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeaders()).containsExactly(
                    Map.entry("X-CaSe", "1"),
                    Map.entry("alpha", "2"),
                    Map.entry("ZETA", "3"),
                    Map.entry("x-case", "4"),
                    Map.entry("Content-Length", "0"));
            assertThat(response.getMsg().entries()).isEqualTo(response.getHeaders());
            assertThat(response.getMsg().size()).isEqualTo(5);
        }
    }

    @Test
    void latin1BytesInHeaderValuesArePreserved() throws Exception {
        try (ScriptedServer server = serverWithHeaders("X-Name: caf\u00e9\r\n");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeader("X-Name")).isEqualTo("caf\u00e9");
        }
    }

    @Test
    void obsFoldIsUnfoldedIntoOneSpace() throws Exception {
        try (ScriptedServer server = serverWithHeaders("X: a\r\n  b\r\n");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeader("X")).isEqualTo("a b");
        }
    }

    @Test
    void obsFoldWithTabIsUnfoldedIntoOneSpace() throws Exception {
        try (ScriptedServer server = serverWithHeaders("X-Folded: first\r\n\tsecond\r\n");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeader("X-Folded")).isEqualTo("first second");
        }
    }

    @Test
    void headerValuesAreTrimmed() throws Exception {
        try (ScriptedServer server = serverWithHeaders("X:   v   \r\nY:\tw\t\r\n");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeader("X")).isEqualTo("v");
            assertThat(response.getHeader("Y")).isEqualTo("w");
        }
    }

    @Test
    void emptyHeaderValueIsAnEmptyString() throws Exception {
        try (ScriptedServer server = serverWithHeaders("X-Empty:\r\nX-Blank:   \r\n");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeader("X-Empty")).isEmpty();
            assertThat(response.getHeader("X-Blank")).isEmpty();
        }
    }

    @Test
    void headerValueMayContainColons() throws Exception {
        try (ScriptedServer server = serverWithHeaders("Location: http://example.com:8080/a?b=c:d\r\n");
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeader("Location")).isEqualTo("http://example.com:8080/a?b=c:d");
        }
    }

    @Test
    void exactlyOneHundredHeadersAreAccepted() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 99; i++) {
            lines.append("X-H").append(i).append(": ").append(i).append("\r\n");
        }
        // 99 + Content-Length = 100 header fields
        try (ScriptedServer server = serverWithHeaders(lines.toString());
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = responseWithHeaders(server, conn);
            assertThat(response.getHeaders()).hasSize(100);
            assertThat(response.getHeader("X-H98")).isEqualTo("98");
        }
    }
}
