package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Methods, targets and header fields that would corrupt the request (or smuggle another one)
 * are refused before a single byte is written.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CallerInputValidationTest {

    /** A callable that uses a fresh connection to the server. */
    @FunctionalInterface
    interface ConnectionAction {
        void run(HTTPConnection conn) throws Exception;
    }

    /**
     * Runs the action against a scripted server, asserts it threw {@code expected}, and that the
     * server received no byte at all.
     */
    private static void assertRefusedBeforeSending(Class<? extends Throwable> expected, ConnectionAction action)
            throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("should not be asked")))) {
            Throwable thrown;
            try (HTTPConnection conn = connectionTo(server)) {
                thrown = catchThrowable(() -> action.run(conn));
            }
            assertThat(thrown).isInstanceOf(expected);
            server.settle();
            assertThat(server.totalBytesReceived()).as("bytes the server received").isZero();
            assertThat(server.receivedRequests()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET\r\n", "GE\rT", "GE\nT", "GET\u0000", "G ET", "GET ", "G\tET", "GET\r\nX-Injected: 1"})
    void methodWithControlCharactersOrWhitespaceIsRefusedByRequest(String method) throws Exception {
        assertRefusedBeforeSending(IllegalArgumentException.class, conn -> conn.request(method, "/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET\r\n", "GE\nT", "GET\u0000", "G ET", "G\tET"})
    void methodWithControlCharactersOrWhitespaceIsRefusedByPutRequest(String method) throws Exception {
        assertRefusedBeforeSending(IllegalArgumentException.class, conn -> {
            conn.putRequest(method, "/");
            conn.endHeaders();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/path\r\nX-Injected: 1",
            "/pa\rth",
            "/pa\nth",
            "/pa\u0000th",
            "/pa th",
            "/path HTTP/1.1\r\nHost: evil",
            "/pa\tth",
            "/pa\u0001th",
            "/pa\u001fth",
            "/pa\u007fth",
    })
    void targetWithControlCharactersOrSpacesIsRefusedByRequest(String url) throws Exception {
        assertRefusedBeforeSending(InvalidURL.class, conn -> conn.request("GET", url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pa\r\nth", "/pa th", "/pa\u0000th", "/pa\u007fth"})
    void targetWithControlCharactersOrSpacesIsRefusedByPutRequest(String url) throws Exception {
        assertRefusedBeforeSending(InvalidURL.class, conn -> {
            conn.putRequest("GET", url);
            conn.endHeaders();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"X Y", "X:Y", "", "X\r\n", "X\r\nInjected", "X\u0000", "X\tY", "(X)"})
    void headerNameThatIsNotATokenIsRefusedByPutHeader(String name) throws Exception {
        assertRefusedBeforeSending(IllegalArgumentException.class, conn -> {
            conn.putRequest("GET", "/");
            conn.putHeader(name, "value");
            conn.endHeaders();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"X Y", "X:Y", "", "X\r\n"})
    void headerNameThatIsNotATokenIsRefusedByRequest(String name) throws Exception {
        assertRefusedBeforeSending(IllegalArgumentException.class,
                conn -> conn.request("GET", "/", (byte[]) null, Map.of(name, "value")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\rb", "a\nb", "a\u0000b", "a\r\n\r\nGET /smuggled HTTP/1.1"})
    void headerValueWithCrLfOrNulIsRefusedByPutHeader(String value) throws Exception {
        assertRefusedBeforeSending(IllegalArgumentException.class, conn -> {
            conn.putRequest("GET", "/");
            conn.putHeader("X-Value", value);
            conn.endHeaders();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\rb", "a\nb", "a\u0000b"})
    void headerValueWithCrLfOrNulIsRefusedByRequest(String value) throws Exception {
        assertRefusedBeforeSending(IllegalArgumentException.class,
                conn -> conn.request("POST", "/", "body", Map.of("X-Value", value)));
    }

    @Test
    void oneBadValueAmongSeveralIsRefusedByPutHeader() throws Exception {
        assertRefusedBeforeSending(IllegalArgumentException.class, conn -> {
            conn.putRequest("GET", "/");
            conn.putHeader("X-Multi", "good", "bad\r\nX-Injected: 1");
            conn.endHeaders();
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {65536, 70000, Integer.MAX_VALUE})
    void portOutOfRangeIsRefusedBeforeConnecting(int port) {
        ThrowingCallable construct = () -> new HTTPConnection("127.0.0.1", port);
        assertThat(catchThrowable(construct)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validMethodsTargetsAndHeadersAreSentUnchanged() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("fine")));
             HTTPConnection conn = connectionTo(server)) {
            conn.putRequest("M-SEARCH", "/a/b;p=1?q=%0D%0A&r=~!$'()*+,;=:@");
            conn.putHeader("X-Token_1.2~!#$%&'*+^`|", "value with\ttab");
            conn.endHeaders();
            assertThat(readText(conn.getResponse())).isEqualTo("fine");
            ScriptedServer.Request request = server.request(0);
            assertThat(request.requestLine()).isEqualTo("M-SEARCH /a/b;p=1?q=%0D%0A&r=~!$'()*+,;=:@ HTTP/1.1");
            assertThat(request.header("X-Token_1.2~!#$%&'*+^`|")).isEqualTo("value with\ttab");
        }
    }
}
