package io.httplib;

import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.httplib.testing.ScriptedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link HTTPLimits#maxLineLength()} counts a line with its terminator, as CPython's
 * {@code _MAXLINE} does: 65,536 bytes including CRLF (or LF) are accepted, 65,537 are not.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LineLengthBoundaryTest {

    private static Object fetch(String reply) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            try {
                HTTPResponse r = conn.getResponse();
                return readText(r);
            } catch (Exception e) {
                return e;
            }
        }
    }

    @ParameterizedTest(name = "header line of {0} bytes ending in {1}")
    @CsvSource({"65535, CRLF", "65536, CRLF", "65535, LF", "65536, LF"})
    void headerLineUpToTheLimitWithItsTerminatorIsAccepted(int total, String terminator) throws Exception {
        String eol = terminator.equals("CRLF") ? "\r\n" : "\n";
        String line = "X-A: " + "v".repeat(total - 5 - eol.length()) + eol;
        assertThat(fetch("HTTP/1.1 200 OK\r\n" + line + "Content-Length: 2\r\n\r\nok")).isEqualTo("ok");
    }

    @ParameterizedTest(name = "header line of {0} bytes ending in {1}")
    @CsvSource({"65537, CRLF", "65537, LF", "70000, CRLF"})
    void headerLinePastTheLimitWithItsTerminatorIsRefused(int total, String terminator) throws Exception {
        String eol = terminator.equals("CRLF") ? "\r\n" : "\n";
        String line = "X-A: " + "v".repeat(total - 5 - eol.length()) + eol;
        Object result = fetch("HTTP/1.1 200 OK\r\n" + line + "Content-Length: 2\r\n\r\nok");
        assertThat(result).isInstanceOf(LineTooLong.class);
        assertThat(((LineTooLong) result).getLimit()).isEqualTo(65536);
    }

    @Test
    void statusLineOf65537BytesWithItsCrlfIsRefused() throws Exception {
        String line = "HTTP/1.1 200 " + "r".repeat(65537 - 15) + "\r\n";
        assertThat(fetch(line + "Content-Length: 2\r\n\r\nok")).isInstanceOf(LineTooLong.class);
    }

    @Test
    void statusLineOf65536BytesWithItsCrlfIsAccepted() throws Exception {
        String line = "HTTP/1.1 200 " + "r".repeat(65536 - 15) + "\r\n";
        assertThat(fetch(line + "Content-Length: 2\r\n\r\nok")).isEqualTo("ok");
    }

    @Test
    void trailerLineOf65537BytesWithItsCrlfIsRefused() throws Exception {
        String trailer = "X-T: " + "t".repeat(65537 - 7) + "\r\n";
        Object result = fetch("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n" + trailer + "\r\n");
        assertThat(result).isInstanceOf(HTTPException.class);
        assertThat(catchThrowable(() -> {
            throw (Exception) result;
        })).isInstanceOf(LineTooLong.class);
    }

    @Test
    void requestHeaderLineIsMeasuredWithItsCrlfToo() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            String fits = "v".repeat(65536 - "X-A: \r\n".length());
            assertThat(catchThrowable(() -> conn.request("GET", "/", (byte[]) null, Map.of("X-A", fits + "v"))))
                    .isInstanceOf(IllegalArgumentException.class);
            conn.request("GET", "/", (byte[]) null, Map.of("X-A", fits));
            conn.getResponse().read();
            assertThat(server.request(0).header("X-A")).isEqualTo(fits);
        }
    }
}
