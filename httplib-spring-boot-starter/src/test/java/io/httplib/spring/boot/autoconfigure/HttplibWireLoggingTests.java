package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Wire lines reach Spring Boot's logging system through the {@code io.httplib.wire} logger,
 * redacted: {@code logging.level.io.httplib.wire=debug} turns them on, {@code httplib.debug-level=1}
 * logs them at INFO.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttplibWireLoggingTests {

    private static final String SECRET = "Bearer wire-secret-token";

    static HttpServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", (exchange) -> {
            byte[] body = "wired".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Set-Cookie", "sid=wire-cookie-secret");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void theWireLoggerAtDebugLogsEveryExchangeRedacted(CapturedOutput output) throws IOException {
        call("--logging.level.io.httplib.wire=debug");
        assertThat(output).contains("send: b'GET /wire-debug").contains("reply: 'HTTP/1.1 200 OK")
            .containsIgnoringCase("header: Set-Cookie: <redacted>").contains("Authorization: <redacted>")
            .doesNotContain("wire-secret-token").doesNotContain("wire-cookie-secret");
        assertThat(output.getOut().lines().filter((line) -> line.contains("send: b'GET /wire-debug")))
            .allSatisfy((line) -> assertThat(line).contains("DEBUG").contains("io.httplib.wire"));
    }

    @Test
    void debugLevelOneLogsAtInfoWithoutTouchingLogLevels(CapturedOutput output) throws IOException {
        call("--httplib.debug-level=1");
        assertThat(output.getOut().lines().filter((line) -> line.contains("send: b'GET /wire-debug")))
            .singleElement()
            .asString()
            .contains("INFO")
            .contains("io.httplib.wire")
            .doesNotContain("wire-secret-token");
    }

    @Test
    void nothingIsLoggedByDefault(CapturedOutput output) throws IOException {
        call();
        assertThat(output).doesNotContain("send: b'").doesNotContain("reply: '");
    }

    private static void call(String... args) throws IOException {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
            .web(WebApplicationType.NONE)
            .run(args)) {
            HttplibClient client = context.getBean(HttplibClient.class);
            try (ClientResponse response = client.send(ClientRequest
                .builder("GET", "http://127.0.0.1:" + server.getAddress().getPort() + "/wire-debug")
                .header("Authorization", SECRET)
                .build())) {
                assertThat(response.readString()).isEqualTo("wired");
            }
        }
    }
}
