package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.httplib.testing.Http.CLIENT_TIMEOUT;
import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.latin1;
import static io.httplib.testing.ScriptedServer.replyAndClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Replies without a status line: HTTP/0.9 simple responses only when strict is off. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SimpleResponseTest {

    private static HTTPConnection lenient(ScriptedServer server) {
        return HTTPConnection.builder("127.0.0.1").port(server.port()).timeout(CLIENT_TIMEOUT).strict(false).build();
    }

    @Test
    void nonStrictConnectionTreatsAReplyWithoutStatusLineAsHttp09() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replyAndClose("hello world"));
             HTTPConnection conn = lenient(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getVersion()).isEqualTo(9);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(latin1(response.read())).isEqualTo("hello world");
        }
    }

    @Test
    void nonStrictSimpleResponseBodyIsEveryByteIncludingTheFirstLine() throws Exception {
        String reply = "<html>\r\nfirst line\nsecond line\r\n</html>";
        try (ScriptedServer server = ScriptedServer.start(replyAndClose(reply));
             HTTPConnection conn = lenient(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getVersion()).isEqualTo(9);
            assertThat(latin1(response.read())).isEqualTo(reply);
        }
    }

    @Test
    void nonStrictConnectionStillParsesNormalResponses() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replyAndClose("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nnew"));
             HTTPConnection conn = lenient(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getVersion()).isEqualTo(11);
            assertThat(response.getStatus()).isEqualTo(201);
            assertThat(latin1(response.read())).isEqualTo("new");
        }
    }

    @Test
    void strictConnectionRefusesAReplyWithoutStatusLine() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replyAndClose("hello world"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            BadStatusLine thrown = catchThrowableOfType(BadStatusLine.class, conn::getResponse);
            assertThat(thrown).isNotNull();
            assertThat(thrown.getLine()).contains("hello world");
        }
    }

    @Test
    void strictConnectionReportsTheOffendingLine() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replyAndClose("hello world\r\nmore\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            BadStatusLine thrown = catchThrowableOfType(BadStatusLine.class, conn::getResponse);
            assertThat(thrown).isNotNull();
            assertThat(thrown.getLine()).contains("hello world").doesNotContain("more");
        }
    }

    @Test
    void nonStrictConnectionStillReportsAnEmptyReplyAsRemoteDisconnected() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.closeWithoutReply());
             HTTPConnection conn = lenient(server)) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse))
                    .isInstanceOf(RemoteDisconnected.class);
        }
    }
}
