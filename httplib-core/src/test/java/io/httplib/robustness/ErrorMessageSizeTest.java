package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.httplib.ClientRequest;
import io.httplib.HTTPConnection;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.Route;
import io.httplib.testing.ScriptedServer;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An error message quotes at most a short prefix of the value it refuses: a 1 MiB header name,
 * value, target or URI must not come back whole in the message (logs, metrics tags and exception
 * chains would carry it on).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ErrorMessageSizeTest {

    /** Far more than any prefix a message may quote, far less than the values below. */
    private static final int MAX_MESSAGE = 1_000;
    private static final String MIB = "a".repeat(1 << 20);

    private static ScriptedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ScriptedServer.start(ScriptedServer.replies("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HTTPConnection conn() {
        return new HTTPConnection("127.0.0.1", server.port());
    }

    private static HttplibClient client() {
        return HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("1 MiB header name through request()",
                        (ThrowingCallable) () -> conn().request("GET", "/", (byte[]) null, Map.of(MIB, "v"))),
                Arguments.of("1 MiB header name through putHeader()", (ThrowingCallable) () -> {
                    HTTPConnection c = conn();
                    c.putRequest("GET", "/");
                    c.putHeader(MIB, "v");
                }),
                Arguments.of("1 MiB header name with a CR in its value",
                        (ThrowingCallable) () -> conn().request("GET", "/", (byte[]) null, Map.of(MIB, "a\rb"))),
                Arguments.of("1 MiB header name without a value", (ThrowingCallable) () -> {
                    HTTPConnection c = conn();
                    c.putRequest("GET", "/");
                    c.putHeader(MIB);
                }),
                Arguments.of("1 MiB header name through the client", (ThrowingCallable) () -> {
                    try (HttplibClient client = client()) {
                        client.send(ClientRequest.builder("GET", "/").header(MIB, "v").build());
                    }
                }),
                Arguments.of("1 MiB header name with a null value in ClientRequest",
                        (ThrowingCallable) () -> ClientRequest.builder("GET", "/").header(MIB, null)),
                Arguments.of("1 MiB invalid header name", (ThrowingCallable) () -> conn().request("GET", "/", (byte[]) null,
                        Map.of(MIB + " ", "v"))),
                Arguments.of("1 MiB header value with a bad character at its end",
                        (ThrowingCallable) () -> conn().request("GET", "/", (byte[]) null, Map.of("X", MIB + "\n"))),
                Arguments.of("1 MiB target", (ThrowingCallable) () -> conn().request("GET", "/" + MIB)),
                Arguments.of("1 MiB target with a space", (ThrowingCallable) () -> conn().request("GET", "/" + MIB + " x")),
                Arguments.of("1 MiB method", (ThrowingCallable) () -> conn().request(MIB + " ", "/")),
                Arguments.of("1 MiB relative URI without a base", (ThrowingCallable) () -> {
                    try (HttplibClient client = HttplibClient.builder().build()) {
                        client.send("GET", "/" + MIB, null, null);
                    }
                }),
                Arguments.of("1 MiB unparseable URI", (ThrowingCallable) () -> {
                    try (HttplibClient client = client()) {
                        client.send("GET", "/" + MIB + " x", null, null);
                    }
                }),
                Arguments.of("1 MiB scheme", (ThrowingCallable) () -> Route.of(URI.create("x" + MIB + "://h/"))),
                Arguments.of("1 MiB URI without host", (ThrowingCallable) () -> Route.of(URI.create("http:/" + MIB))),
                Arguments.of("1 MiB URI for a factory", (ThrowingCallable) () -> HTTPConnectionFactory.defaults()
                        .create(URI.create("ftp://h/" + MIB))),
                Arguments.of("1 MiB host string", (ThrowingCallable) () -> new HTTPConnection(MIB + "/")),
                Arguments.of("1 MiB tunnel header", (ThrowingCallable) () -> conn().setTunnel("h", 1, Map.of(MIB, "a\nb"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void theMessageQuotesAShortPrefixOnly(String name, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as(name).isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()).length()).as("%s: message of %s", name, t.getClass()).isLessThan(MAX_MESSAGE);
        }
    }
}
