package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

/**
 * Boot's {@code spring.http.clients.read-timeout} or {@code connect-timeout} past the range of a
 * {@code long} of nanoseconds (about 292 years: {@code 106752d}) gives a working {@code RestClient},
 * as it does with Boot's own JDK and HttpComponents factories. Before, naming the derived client
 * ({@code default:read-timeout=...}) called {@code Duration.toNanos()}, and creating
 * {@code RestClient.Builder} failed with {@code ArithmeticException: long overflow}.
 */
@Timeout(60)
class ReviewBootTimeoutNameTests {

    static LoopbackHttpServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
                ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
                HttplibAutoConfiguration.class, HttplibHttpClientAutoConfiguration.class));

    @BeforeAll
    static void startServer() throws IOException {
        server = new LoopbackHttpServer().route("/hi", (request, out) -> {
            LoopbackHttpServer.respond(out, "200 OK", "hi");
            return true;
        });
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "spring.http.clients.read-timeout", "spring.http.clients.connect-timeout" })
    void aBootClientTimeoutPastTheNanosecondRangeGivesAWorkingRestClient(String property) {
        this.runner.withPropertyValues(property + "=106752d").run((context) -> {
            assertThat(context).hasNotFailed();
            RestClient rest = context.getBean(RestClient.Builder.class).build();
            assertThat(rest.get().uri(server.url("/hi")).retrieve().body(String.class)).isEqualTo("hi");
        });
    }

}
