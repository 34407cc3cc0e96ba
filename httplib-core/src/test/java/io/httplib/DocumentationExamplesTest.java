package io.httplib;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.httplib.testing.TcpRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.httplib.testing.Http.CLIENT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/** The usage examples of httplib's documentation, run against WireMock. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DocumentationExamplesTest {

    private static final String INDEX = "<!doctype html>\n<html><body>Welcome</body></html>\n";
    private static final String NOT_FOUND = "<html><body>No parrot here</body></html>\n";

    private WireMockServer wireMock;
    private TcpRelay relay;

    @BeforeEach
    void startServers() throws Exception {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        relay = new TcpRelay(wireMock.port());
    }

    @AfterEach
    void stopServers() {
        if (relay != null) {
            relay.close();
        }
        if (wireMock != null) {
            wireMock.stop();
        }
    }

    @Test
    void getThenGetOfAMissingPageOnTheSameConnection() throws Exception {
        wireMock.stubFor(get(urlEqualTo("/")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/html").withBody(INDEX)));
        wireMock.stubFor(get(urlEqualTo("/parrot.spam")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "text/html").withBody(NOT_FOUND)));

        try (HTTPConnection conn = new HTTPConnection("127.0.0.1", relay.port(), CLIENT_TIMEOUT)) {
            conn.request("GET", "/");
            HTTPResponse r1 = conn.getResponse();
            assertThat(r1.getStatus()).isEqualTo(200);
            assertThat(r1.getReason()).isEqualTo("OK");
            byte[] data1 = r1.read();
            assertThat(new String(data1, StandardCharsets.UTF_8)).isEqualTo(INDEX);

            // the same connection is reused for the next request
            conn.request("GET", "/parrot.spam");
            HTTPResponse r2 = conn.getResponse();
            assertThat(r2.getStatus()).isEqualTo(404);
            assertThat(r2.getReason()).isEqualTo("Not Found");
            byte[] data2 = r2.read();
            assertThat(new String(data2, StandardCharsets.UTF_8)).isEqualTo(NOT_FOUND);
        }

        assertThat(relay.connectionCount()).as("TCP connections").isEqualTo(1);
        wireMock.verify(1, getRequestedFor(urlEqualTo("/"))
                .withHeader("Host", equalTo("127.0.0.1:" + relay.port()))
                .withHeader("Accept-Encoding", equalTo("identity")));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/parrot.spam")));
    }

    @Test
    void readingTheBodyInChunksWithReadAmount() throws Exception {
        String big = "0123456789".repeat(1000);
        wireMock.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withBody(big)));

        try (HTTPConnection conn = new HTTPConnection("127.0.0.1", relay.port(), CLIENT_TIMEOUT)) {
            conn.request("GET", "/");
            HTTPResponse r1 = conn.getResponse();
            StringBuilder all = new StringBuilder();
            byte[] chunk;
            while ((chunk = r1.read(200)).length > 0) {
                assertThat(chunk.length).isLessThanOrEqualTo(200);
                all.append(new String(chunk, StandardCharsets.US_ASCII));
            }
            assertThat(all.toString()).isEqualTo(big);
        }
    }

    @Test
    void headRequestHasNoBody() throws Exception {
        wireMock.stubFor(head(urlEqualTo("/")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Length", "1234")));

        try (HTTPConnection conn = new HTTPConnection("127.0.0.1", relay.port(), CLIENT_TIMEOUT)) {
            conn.request("HEAD", "/");
            HTTPResponse res = conn.getResponse();
            assertThat(res.getStatus()).isEqualTo(200);
            assertThat(res.getReason()).isEqualTo("OK");
            assertThat(res.read()).isEmpty();
        }
    }

    @Test
    void postOfAnUrlEncodedForm() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse()
                .withStatus(302).withHeader("Location", "/issues/1").withBody("Redirecting")));

        String params = "spam=1&eggs=2&bacon=0";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-type", "application/x-www-form-urlencoded");
        headers.put("Accept", "text/plain");

        try (HTTPConnection conn = new HTTPConnection("127.0.0.1", relay.port(), CLIENT_TIMEOUT)) {
            conn.request("POST", "/", params, headers);
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(302);
            assertThat(response.getReason()).isEqualTo("Found");
            assertThat(response.getHeader("location")).isEqualTo("/issues/1");
            assertThat(new String(response.read(), StandardCharsets.UTF_8)).isEqualTo("Redirecting");
        }

        wireMock.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withHeader("Accept", equalTo("text/plain"))
                .withHeader("Content-Length", equalTo(String.valueOf(params.length())))
                .withRequestBody(equalTo(params)));
    }
}
