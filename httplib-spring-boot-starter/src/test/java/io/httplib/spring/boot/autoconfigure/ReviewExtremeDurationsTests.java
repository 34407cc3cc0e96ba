package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
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
 * Timeouts longer than a {@code long} of nanoseconds holds (past about 292 years: {@code 106752d})
 * are valid properties, meaning "for ever": the context starts and calls succeed, through the
 * {@code HttplibClient} bean and through a {@code RestClient} Boot builds, as they do with Boot's own
 * JDK and HttpComponents factories. Before, the pool timeouts failed the start, the deadline and the
 * acquire timeout failed every call, and Boot's read or connect timeout failed the creation of
 * {@code RestClient.Builder}, each with an {@code ArithmeticException: long overflow}.
 */
@Timeout(60)
class ReviewExtremeDurationsTests {

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
    @ValueSource(strings = { "httplib.request-timeout", "httplib.connect-timeout", "httplib.read-timeout",
            "httplib.pool.acquire-timeout", "httplib.pool.idle-timeout", "httplib.pool.max-lifetime" })
    void aTimeoutPropertyBeyondTheNanosecondRangeMeansForEver(String property) {
        this.runner.withPropertyValues(property + "=106752d").run((context) -> {
            assertThat(context).hasNotFailed();
            HttplibClient client = context.getBean(HttplibClient.class);
            try (ClientResponse response = client.send("GET", server.url("/hi"), null, null)) {
                assertThat(response.readString()).isEqualTo("hi");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "spring.http.clients.read-timeout", "spring.http.clients.connect-timeout" })
    void bootsClientTimeoutBeyondTheNanosecondRangeGivesAWorkingRestClient(String property) {
        this.runner.withPropertyValues(property + "=106752d").run((context) -> {
            assertThat(context).hasNotFailed();
            RestClient rest = context.getBean(RestClient.Builder.class).build();
            assertThat(rest.get().uri(server.url("/hi")).retrieve().body(String.class)).isEqualTo("hi");
        });
    }

}
