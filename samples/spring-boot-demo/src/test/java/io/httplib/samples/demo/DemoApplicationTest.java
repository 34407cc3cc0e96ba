package io.httplib.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    HttplibClient client;

    @Test
    void summaryEndpointFansOutThroughHttplibAndMetricsShowTheCalls() throws Exception {
        String base = "http://127.0.0.1:" + port;
        try (ClientResponse r = client.send("GET", base + "/api/summary", null, Map.of("Accept", "application/json"))) {
            assertThat(r.status()).isEqualTo(200);
            String body = r.readString();
            assertThat(body).contains("Norwegian Blue").contains("Holy Grail").contains("\"calls\":5");
        }
        try (ClientResponse m = client.send("GET", base + "/actuator/metrics/httplib.client.requests", null, null)) {
            assertThat(m.status()).isEqualTo(200);
            assertThat(m.readString()).contains("\"name\":\"httplib.client.requests\"").contains("COUNT");
        }
        try (ClientResponse p = client.send("GET", base + "/actuator/prometheus", null, null)) {
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.readString()).contains("httplib_client_requests_seconds_count")
                    .contains("uri=\"/upstream/items/{id}\"");
        }
    }
}
