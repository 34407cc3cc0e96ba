package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** httplib's meters show on the actuator's metrics endpoint and in the Prometheus scrape. */
@SpringBootTest(classes = { TestApplication.class, HttplibActuatorIntegrationTests.Hello.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=metrics,prometheus",
                "management.metrics.distribution.percentiles-histogram.httplib.client.requests=true" })
class HttplibActuatorIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    HttplibClient client;

    @Test
    void requestMetricsAreOnTheMetricsEndpointAndInThePrometheusScrape() throws IOException {
        String base = "http://localhost:" + this.port;
        try (ClientResponse response = this.client
            .send(ClientRequest.builder("GET", base + "/hello/world").uriTemplate("/hello/{name}").build())) {
            assertThat(response.readString()).isEqualTo("hello world");
        }
        String metrics;
        try (ClientResponse response = this.client.send("GET", base + "/actuator/metrics/httplib.client.requests",
                null, null)) {
            assertThat(response.status()).isEqualTo(200);
            metrics = response.readString();
        }
        assertThat(metrics).contains("\"name\":\"httplib.client.requests\"")
            .contains("\"client.name\"")
            .contains("/hello/{name}")
            .contains("COUNT");
        String scrape;
        try (ClientResponse response = this.client.send("GET", base + "/actuator/prometheus", null, null)) {
            assertThat(response.status()).isEqualTo(200);
            scrape = response.readString();
        }
        assertThat(scrape).contains("httplib_client_requests_seconds_count{")
            .contains("client_name=\"default\"")
            .contains("uri=\"/hello/{name}\"")
            .contains("httplib_client_requests_seconds_bucket{")
            .contains("httplib_client_pool_leased_connections{client_name=\"default\",proxy=\"none\"}")
            .contains("httplib_client_connect_seconds_count{client_name=\"default\"}");
    }

    @RestController
    static class Hello {

        @GetMapping("/hello/{name}")
        String hello(@PathVariable String name) {
            return "hello " + name;
        }
    }
}
