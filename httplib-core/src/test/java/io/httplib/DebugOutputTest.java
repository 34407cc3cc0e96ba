package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.httplib.testing.Http.CLIENT_TIMEOUT;
import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;

/** Debug output: what is traced, and that credentials never are. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DebugOutputTest {

    private static final String AUTH_SECRET = "Bearer s3cr3t-auth-token";
    private static final String PROXY_SECRET = "Basic cHJveHk6c2VjcmV0LXByb3h5";
    private static final String COOKIE_SECRET = "session=c00kie-secret-value";
    private static final String SET_COOKIE_SECRET = "sid=set-c00kie-secret; HttpOnly";

    private static final String REPLY = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/plain\r\n"
            + "Set-Cookie: " + SET_COOKIE_SECRET + "\r\n"
            + "Content-Length: 5\r\n"
            + "\r\n"
            + "hello";

    private static Map<String, String> secretHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", AUTH_SECRET);
        headers.put("Proxy-Authorization", PROXY_SECRET);
        headers.put("Cookie", COOKIE_SECRET);
        headers.put("X-Visible", "shown-value");
        return headers;
    }

    @Test
    void debugLevelOneTracesSendReplyAndHeaderLines() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (ScriptedServer server = ScriptedServer.start(replies(REPLY));
             HTTPConnection conn = connectionTo(server);
             PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            conn.setDebugLevel(1);
            conn.setDebugOutput(out);
            conn.request("GET", "/traced", (byte[]) null, Map.of("X-Visible", "shown-value"));
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output.lines()).anyMatch(line -> line.startsWith("send:"));
        assertThat(output.lines()).anyMatch(line -> line.startsWith("reply:"));
        assertThat(output.lines()).anyMatch(line -> line.startsWith("header:"));
        assertThat(output).contains("/traced").contains("200").contains("Content-Type");
    }

    @Test
    void credentialsNeverAppearInDebugOutput() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (ScriptedServer server = ScriptedServer.start(replies(REPLY));
             HTTPConnection conn = connectionTo(server);
             PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            conn.setDebugLevel(1);
            conn.setDebugOutput(out);
            conn.request("GET", "/", (byte[]) null, secretHeaders());
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("Authorization")
                .contains("Proxy-Authorization")
                .contains("Cookie")
                .contains("Set-Cookie")
                .contains("shown-value");
        assertThat(output)
                .doesNotContain("s3cr3t-auth-token")
                .doesNotContain("cHJveHk6c2VjcmV0LXByb3h5")
                .doesNotContain("c00kie-secret-value")
                .doesNotContain("set-c00kie-secret");
    }

    @Test
    void credentialsAreStillSentToTheServerWhileDebugging() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(REPLY));
             HTTPConnection conn = connectionTo(server);
             PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            conn.setDebugLevel(1);
            conn.setDebugOutput(out);
            conn.request("GET", "/", (byte[]) null, secretHeaders());
            HTTPResponse response = conn.getResponse();
            assertThat(readText(response)).isEqualTo("hello");
            assertThat(response.getHeader("Set-Cookie")).isEqualTo(SET_COOKIE_SECRET);
            ScriptedServer.Request request = server.request(0);
            assertThat(request.header("Authorization")).isEqualTo(AUTH_SECRET);
            assertThat(request.header("Proxy-Authorization")).isEqualTo(PROXY_SECRET);
            assertThat(request.header("Cookie")).isEqualTo(COOKIE_SECRET);
        }
    }

    @Test
    void credentialsSetThroughPutHeaderNeverAppearInDebugOutput() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (ScriptedServer server = ScriptedServer.start(replies(REPLY));
             PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1")
                     .port(server.port())
                     .timeout(CLIENT_TIMEOUT)
                     .debugLevel(1)
                     .debugOutput(out)
                     .build()) {
            conn.putRequest("GET", "/");
            conn.putHeader("authorization", AUTH_SECRET);
            conn.putHeader("COOKIE", COOKIE_SECRET);
            conn.endHeaders();
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("send:");
        assertThat(output).doesNotContain("s3cr3t-auth-token").doesNotContain("c00kie-secret-value")
                .doesNotContain("set-c00kie-secret");
    }

    @Test
    void debugLevelZeroPrintsNothing() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (ScriptedServer server = ScriptedServer.start(replies(REPLY));
             HTTPConnection conn = connectionTo(server);
             PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            conn.setDebugOutput(out);
            conn.setDebugLevel(0);
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
        }
        assertThat(captured.size()).isZero();
    }

    @Test
    void withoutAnOutputTheLinesGoToTheWireLoggerAtInfoStillRedacted() throws Exception {
        try (WireLog wire = WireLog.at(Level.INFO);
             ScriptedServer server = ScriptedServer.start(replies(REPLY));
             HTTPConnection conn = connectionTo(server)) {
            conn.setDebugLevel(1);
            conn.request("GET", "/logged", (byte[]) null, secretHeaders());
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
            assertThat(wire.records).isNotEmpty().allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.INFO));
            String logged = wire.text();
            assertThat(logged).contains("send: b'GET /logged").contains("reply: 'HTTP/1.1 200 OK")
                    .contains("header: Content-Type: text/plain").contains("Authorization: " + DebugLogRedacted.REDACTED);
            assertThat(logged).doesNotContain("s3cr3t-auth-token").doesNotContain("cHJveHk6c2VjcmV0LXByb3h5")
                    .doesNotContain("c00kie-secret-value").doesNotContain("set-c00kie-secret");
        }
    }

    @Test
    void theWireLoggerAtDebugTurnsTheLinesOnAtLevelZero() throws Exception {
        try (WireLog wire = WireLog.at(Level.FINE);
             ScriptedServer server = ScriptedServer.start(replies(REPLY));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/quietly", (byte[]) null, secretHeaders());
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
            assertThat(wire.records).isNotEmpty().allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.FINE));
            assertThat(wire.text()).contains("send: b'GET /quietly").contains("header: Set-Cookie: <redacted>")
                    .doesNotContain("s3cr3t-auth-token").doesNotContain("set-c00kie-secret");
        }
    }

    @Test
    void levelZeroWithTheWireLoggerAtInfoLogsNothing() throws Exception {
        try (WireLog wire = WireLog.at(Level.INFO);
             ScriptedServer server = ScriptedServer.start(replies(REPLY));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
            assertThat(wire.records).isEmpty();
        }
    }

    @Test
    void aGivenOutputTakesTheLinesInsteadOfTheWireLogger() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (WireLog wire = WireLog.at(Level.FINE);
             ScriptedServer server = ScriptedServer.start(replies(REPLY));
             HTTPConnection conn = connectionTo(server);
             PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            conn.setDebugLevel(1);
            conn.setDebugOutput(out);
            conn.request("GET", "/printed");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
            assertThat(wire.records).isEmpty();
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("send: b'GET /printed");
    }

    /** The redaction marker, named here so the assertion reads as what the log shows. */
    private static final class DebugLogRedacted {
        static final String REDACTED = io.httplib.internal.http1.DebugLog.REDACTED;
    }

    /** Records what reaches the JUL logger behind System.getLogger("io.httplib.wire"); restores it on close. */
    private static final class WireLog extends Handler implements AutoCloseable {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger logger = Logger.getLogger(io.httplib.internal.http1.DebugLog.LOGGER_NAME);
        private final Level previous = logger.getLevel();

        static WireLog at(Level level) {
            WireLog wire = new WireLog();
            wire.setLevel(Level.ALL);
            wire.logger.setLevel(level);
            wire.logger.addHandler(wire);
            return wire;
        }

        String text() {
            StringBuilder b = new StringBuilder();
            for (LogRecord r : records) {
                b.append(r.getMessage()).append('\n');
            }
            return b.toString();
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }
}
