package io.httplib;

import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The version and reason of a status line as CPython's {@code http.client} reads them: a higher
 * HTTP/1 minor version is HTTP/1.1 (RFC 9112 section 2.3), any other version named after
 * {@code HTTP/} is an {@link UnknownProtocol}, and the reason phrase loses the whitespace around it.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StatusLineVersionTest {

    private static Object fetch(String statusLine) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(statusLine + "\r\nContent-Length: 2\r\n\r\nok"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            try {
                HTTPResponse r = conn.getResponse();
                return new Object[] {r.getVersion(), r.getStatus(), r.getReason(), readText(r)};
            } catch (Exception e) {
                return e;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.2", "HTTP/1.3", "HTTP/1.9"})
    void aHigherHttp1MinorVersionIsReadAsHttp11(String version) throws Exception {
        assertThat(fetch(version + " 200 OK")).isEqualTo(new Object[] {11, 200, "OK", "ok"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/", "HTTP/3", "HTTP/2", "HTTP/2.0", "HTTP/3.0", "HTTP/1", "HTTP/11", "HTTP/0.9",
        "HTTP/1.x", "HTTP/1.10"})
    void anyOtherVersionRaisesUnknownProtocolNamingIt(String version) throws Exception {
        Object result = fetch(version + " 200 OK");
        assertThat(result).isInstanceOf(UnknownProtocol.class);
        assertThat(((UnknownProtocol) result).getVersion()).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2 2000 OK", "HTTP/3 abc OK", "HTTPS/1.1 200 OK", "HTTP/1.1\t200 OK"})
    void aMalformedCodeOrSeparatorIsABadStatusLineWhateverTheVersion(String line) throws Exception {
        assertThat(fetch(line)).isInstanceOf(BadStatusLine.class).isNotInstanceOf(UnknownProtocol.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Not Found   ", "  Not Found", "\tNot Found\t", " \t Not Found \t "})
    void whitespaceAroundTheReasonPhraseIsRemoved(String reason) throws Exception {
        assertThat(fetch("HTTP/1.1 404 " + reason)).isEqualTo(new Object[] {11, 404, "Not Found", "ok"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"   ", "\t"})
    void aReasonOfOnlyWhitespaceIsEmpty(String reason) throws Exception {
        assertThat(fetch("HTTP/1.1 200 " + reason)).isEqualTo(new Object[] {11, 200, "", "ok"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 200 O\u0000K", "HTTP/1.1 200 OK\r", "HTTP/1.1 200 O\u007fK"})
    void controlCharactersInTheReasonAreStillRefused(String line) throws Exception {
        assertThat(catchThrowable(() -> {
            Object r = fetch(line);
            if (r instanceof Exception e) {
                throw e;
            }
        })).isInstanceOf(BadStatusLine.class);
    }
}
