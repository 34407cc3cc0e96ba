package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;

/** Status lines that are valid: version, code and reason phrase. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StatusLineTest {

    private static HTTPResponse fetch(HTTPConnection conn) throws Exception {
        conn.request("GET", "/");
        return conn.getResponse();
    }

    @Test
    void http11StatusLineIsParsed() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = fetch(conn);
            assertThat(response.getVersion()).isEqualTo(11);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getReason()).isEqualTo("OK");
            assertThat(readText(response)).isEqualTo("hi");
        }
    }

    @Test
    void http10StatusLineIsParsed() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.0 404 Not Found\r\nContent-Length: 4\r\n\r\ngone"));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = fetch(conn);
            assertThat(response.getVersion()).isEqualTo(10);
            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(response.getReason()).isEqualTo("Not Found");
            assertThat(readText(response)).isEqualTo("gone");
        }
    }

    @Test
    void reasonPhraseWithSeveralWordsIsKeptWhole() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 503 Service Temporarily  Unavailable\r\nContent-Length: 0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = fetch(conn);
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getReason()).isEqualTo("Service Temporarily  Unavailable");
        }
    }

    @Test
    void emptyReasonAfterTheSpaceIsAnEmptyString() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok"));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = fetch(conn);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getReason()).isEmpty();
            assertThat(readText(response)).isEqualTo("ok");
        }
    }

    @Test
    void missingReasonWithoutTheSpaceIsAcceptedAsEmpty() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok"));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = fetch(conn);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getReason()).isEmpty();
            assertThat(readText(response)).isEqualTo("ok");
        }
    }

    @Test
    void reasonPhraseMayContainLatin1Bytes() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 Tr\u00e8s bien\r\nContent-Length: 0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = fetch(conn);
            assertThat(response.getReason()).isEqualTo("Tr\u00e8s bien");
        }
    }

    @Test
    void unknownButWellFormedStatusCodeIsAccepted() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 299 Custom\r\nContent-Length: 0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse response = fetch(conn);
            assertThat(response.getStatus()).isEqualTo(299);
            assertThat(response.getReason()).isEqualTo("Custom");
        }
    }
}
