package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.KeepAliveServer;
import io.httplib.testing.RecordingListener;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RedirectTest {

    private KeepAliveServer server;
    private final List<KeepAliveServer.Request> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = KeepAliveServer.start(r -> {
            seen.add(r);
            String t = r.target();
            if (t.startsWith("/status/")) {
                int code = Integer.parseInt(t.substring(8, 11));
                return KeepAliveServer.response(code, "Moved", "", "Location: /target");
            }
            if (t.equals("/loop")) {
                return KeepAliveServer.response(302, "Found", "", "Location: /loop");
            }
            if (t.startsWith("/away?to=")) {
                return KeepAliveServer.response(302, "Found", "", "Location: " + t.substring(9));
            }
            if (t.equals("/no-location")) {
                return KeepAliveServer.response(302, "Found", "");
            }
            return KeepAliveServer.response(200, "OK", r.method() + " " + new String(r.body(), StandardCharsets.UTF_8));
        });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttplibClient client() {
        return HttplibClient.builder().baseUri(server.uri()).followRedirects(true).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aGetFollowsEveryRedirectStatus(int status) throws Exception {
        try (HttplibClient client = client(); ClientResponse r = client.send("GET", "/status/" + status, null, null)) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.readString()).isEqualTo("GET ");
            assertThat(r.uri().toString()).isEqualTo(server.uri() + "/target");
        }
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303})
    void aPostRedirectedBy301Or302Or303BecomesAGetWithoutBody(int status) throws Exception {
        try (HttplibClient client = client(); ClientResponse r = client.send("POST", "/status/" + status,
                "payload".getBytes(), Map.of("Content-Type", "text/plain"))) {
            assertThat(r.readString()).isEqualTo("GET ");
            assertThat(r.method()).isEqualTo("GET");
        }
        KeepAliveServer.Request redirected = seen.get(1);
        assertThat(redirected.header("content-length")).isNull();
        assertThat(redirected.header("content-type")).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void a307Or308KeepsTheMethodAndAReplayableBody(int status) throws Exception {
        try (HttplibClient client = client();
                ClientResponse r = client.send("POST", "/status/" + status, "payload".getBytes(), null)) {
            assertThat(r.readString()).isEqualTo("POST payload");
        }
    }

    @Test
    void a307WithABodyThatCannotBeSentAgainIsReturnedAsItIs() throws Exception {
        try (HttplibClient client = client(); ClientResponse r = client.send(ClientRequest.builder("POST", "/status/307")
                .body(new ByteArrayInputStream("payload".getBytes()), 7).build())) {
            assertThat(r.status()).isEqualTo(307);
            assertThat(r.header("Location")).isEqualTo("/target");
        }
    }

    @Test
    void redirectsAreNotFollowedUnlessEnabled() throws Exception {
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/status/301", null, null)) {
            assertThat(r.status()).isEqualTo(301);
        }
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send(ClientRequest.builder("GET", "/status/301").followRedirects(true).build())) {
            assertThat(r.status()).isEqualTo(200);
        }
    }

    @Test
    void aRedirectWithoutLocationIsReturnedAsItIs() throws Exception {
        try (HttplibClient client = client(); ClientResponse r = client.send("GET", "/no-location", null, null)) {
            assertThat(r.status()).isEqualTo(302);
        }
    }

    @Test
    void tooManyRedirectsFailAfterTheBoundWithoutLeakingConnections() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).followRedirects(true)
                .maxRedirects(3).eventListener(recorder).build()) {
            assertThatThrownBy(() -> client.send("GET", "/loop", null, null))
                    .isInstanceOf(HTTPException.class)
                    .hasMessage("too many redirects: more than 3 (the last from " + server.uri() + "/loop to "
                            + server.uri() + "/loop)");
            assertThat(client.pool().stats().leased()).isZero();
        }
        assertThat(seen).hasSize(4);
        assertThat(recorder.calls().get(0).attempt()).isEqualTo(4);
        recorder.assertBalanced();
    }

    @Test
    void credentialsAreDroppedWhenARedirectGoesToAnotherHost() throws Exception {
        String otherHost = "http://localhost:" + server.port() + "/target";
        Map<String, String> secrets = Map.of("Authorization", "Bearer s3cret", "Cookie", "id=1", "X-Trace", "t1");
        try (HttplibClient client = client()) {
            client.send("GET", "/away?to=" + otherHost, null, secrets).readAllBytes();
            client.send("GET", "/away?to=/target", null, secrets).readAllBytes();
        }
        KeepAliveServer.Request crossHost = seen.get(1);
        assertThat(crossHost.header("host")).isEqualTo("localhost:" + server.port());
        assertThat(crossHost.header("authorization")).isNull();
        assertThat(crossHost.header("cookie")).isNull();
        assertThat(crossHost.header("x-trace")).isEqualTo("t1");
        KeepAliveServer.Request sameHost = seen.get(3);
        assertThat(sameHost.header("authorization")).isEqualTo("Bearer s3cret");
        assertThat(sameHost.header("cookie")).isEqualTo("id=1");
    }
}
