package io.httplib.spring.boot.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The other clients Boot builds, {@code RestTemplate} from {@code RestTemplateBuilder} and an HTTP
 * service client from {@code @ImportHttpServices}, send through httplib too: their calls show up
 * in {@code httplib.client.requests}.
 */
@SpringBootTest(classes = HttplibBootClientsIntegrationTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class HttplibBootClientsIntegrationTests {

    static WireMockServer server;

    @Autowired
    RestTemplateBuilder restTemplateBuilder;

    @Autowired
    Orders orders;

    @Autowired
    MeterRegistry registry;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/legacy/3")).willReturn(aResponse().withStatus(200).withBody("legacy 3")));
        server.stubFor(get(urlEqualTo("/orders/9")).willReturn(aResponse().withStatus(200).withBody("order 9")));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @DynamicPropertySource
    static void urls(DynamicPropertyRegistry properties) {
        properties.add("spring.http.serviceclient.orders.base-url", () -> "http://localhost:" + server.port());
    }

    @Test
    void restTemplateFromBootsBuilderSendsThroughHttplib() {
        String body = this.restTemplateBuilder.rootUri("http://localhost:" + server.port()).build()
            .getForObject("/legacy/{id}", String.class, 3);
        assertThat(body).isEqualTo("legacy 3");
        assertThat(requests("GET", "200")).isGreaterThanOrEqualTo(1);
        assertThat(this.registry.find("httplib.client.requests").tag("uri", "/legacy/3").timer()).isNull();
    }

    @Test
    void httpServiceClientBuiltByBootSendsThroughHttplib() {
        long before = requests("GET", "200");
        assertThat(this.orders.order("9")).isEqualTo("order 9");
        assertThat(requests("GET", "200")).isEqualTo(before + 1);
        assertThat(this.registry.find("httplib.client.requests").tag("uri", "/orders/9").timer()).isNull();
    }

    private long requests(String method, String status) {
        return this.registry.find("httplib.client.requests").tags("method", method, "status", status).timers()
            .stream().mapToLong(Timer::count).sum();
    }

    @HttpExchange
    interface Orders {

        @GetExchange("/orders/{id}")
        String order(@PathVariable String id);

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ImportHttpServices(group = "orders", types = Orders.class)
    static class App {

    }

}
