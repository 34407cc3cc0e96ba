package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.testing.KeepAliveServer;
import io.httplib.testing.RecordingListener;
import io.httplib.testing.TestPki;
import io.httplib.testing.TestTlsServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpEventListenerTest {

    private KeepAliveServer server;
    private final RecordingListener recorder = new RecordingListener();

    @BeforeEach
    void startServer() throws Exception {
        server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "hello"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttplibClient client(HttpEventListener listener) {
        return HttplibClient.builder().baseUri(server.uri()).eventListener(listener).build();
    }

    @Test
    void aPlainRequestOnANewConnectionReportsEveryPhaseInOrder() throws Exception {
        try (HttplibClient client = client(recorder);
                ClientResponse r = client.send("POST", "/items", "abc".getBytes(), null)) {
            assertThat(r.readString()).isEqualTo("hello");
        }
        assertThat(recorder.events()).containsExactly(
                "callStart",
                "dnsStart", "dnsEnd", "connectStart", "connectEnd",
                "connectionAcquired(reused=false)",
                "requestHeadersStart", "requestHeadersEnd", "requestBodyStart", "requestBodyEnd(3)",
                "responseHeadersStart", "responseHeadersEnd(200)", "responseBodyStart", "responseBodyEnd(5)",
                "connectionReleased(keptAlive=true)",
                "callEnd");
        recorder.assertBalanced();
        CallContext call = recorder.calls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.uri().toString()).isEqualTo(server.uri() + "/items");
        assertThat(call.scheme()).isEqualTo("http");
        assertThat(call.host()).isEqualTo("127.0.0.1");
        assertThat(call.port()).isEqualTo(server.port());
        assertThat(call.clientName()).isEqualTo("default");
        assertThat(call.attempt()).isEqualTo(1);
    }

    @Test
    void aRequestOnAReusedConnectionSkipsDnsAndConnect() throws Exception {
        try (HttplibClient client = client(recorder)) {
            client.send("GET", "/", null, null).readAllBytes();
            recorder.clear();
            client.send("GET", "/", null, null).readAllBytes();
        }
        assertThat(recorder.events()).containsExactly(
                "callStart",
                "connectionAcquired(reused=true)",
                "requestHeadersStart", "requestHeadersEnd",
                "responseHeadersStart", "responseHeadersEnd(200)", "responseBodyStart", "responseBodyEnd(5)",
                "connectionReleased(keptAlive=true)",
                "callEnd");
        recorder.assertBalanced();
    }

    @Test
    void callEndComesWhenTheCallerClosesTheResponse() throws Exception {
        try (HttplibClient client = client(recorder)) {
            ClientResponse r = client.send("GET", "/", null, null);
            assertThat(recorder.events()).doesNotContain("callEnd");
            r.close();
            assertThat(recorder.events()).endsWith("callEnd");
        }
        recorder.assertBalanced();
    }

    @Test
    void aTlsRequestReportsTheHandshake() throws Exception {
        TestPki pki = TestPki.create();
        HTTPConnectionFactory factory = HTTPConnectionFactory.builder()
                .tlsConfig(TlsConfig.builder().sslContext(pki.clientSslContext()).build())
                .build();
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(pki.serverCert("localhost")));
                HttplibClient client = HttplibClient.builder().connectionFactory(factory).eventListener(recorder).build();
                ClientResponse r = client.send("GET", "https://localhost:" + tls.port() + "/", null, null)) {
            assertThat(r.readString()).isEqualTo("hello");
        }
        List<String> events = recorder.events();
        assertThat(events).containsSubsequence("connectEnd", "secureConnectStart", "secureConnectEnd",
                "connectionAcquired(reused=false)", "requestHeadersStart");
        assertThat(events).endsWith("connectionReleased(keptAlive=false)", "callEnd");
        recorder.assertBalanced();
        assertThat(recorder.calls().get(0).scheme()).isEqualTo("https");
        assertThat(recorder.calls().get(0).port()).isPositive();
    }

    @Test
    void aRefusedConnectionEndsInCallFailedWithoutCallEnd() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        try (HttplibClient client = client(recorder)) {
            assertThatThrownBy(() -> client.send("GET", "http://127.0.0.1:" + port + "/", null, null))
                    .isInstanceOf(ConnectException.class);
            assertThat(client.pool().stats().leased()).isZero();
        }
        assertThat(recorder.events()).containsExactly(
                "callStart", "dnsStart", "dnsEnd", "connectStart", "connectFailed", "callFailed(ConnectException)");
        recorder.assertBalanced();
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheRequestOrSilenceOtherListeners() throws Exception {
        HttpEventListener throwing = new HttpEventListener() {
            @Override
            public void callStart(CallContext call) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void responseHeadersEnd(CallContext call, int status) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void callEnd(CallContext call) {
                throw new IllegalStateException("boom");
            }
        };
        try (HttplibClient client = client(HttpEventListener.composite(throwing, recorder));
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.readString()).isEqualTo("hello");
        }
        assertThat(recorder.events()).startsWith("callStart").endsWith("callEnd");
        recorder.assertBalanced();
    }

    @Test
    void aListenerFactoryMakesOneListenerPerCallAndComposesWithTheSharedListener() throws Exception {
        AtomicInteger created = new AtomicInteger();
        List<String> perCall = new CopyOnWriteArrayList<>();
        HttpEventListener.Factory factory = call -> {
            int n = created.incrementAndGet();
            return new HttpEventListener() {
                @Override
                public void callEnd(CallContext c) {
                    perCall.add(n + ":" + c.uriTemplate());
                }
            };
        };
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).name("users")
                .eventListener(recorder).eventListenerFactory(factory).build()) {
            for (int i = 0; i < 3; i++) {
                client.send(ClientRequest.builder("GET", "/users/" + i).uriTemplate("/users/{id}").build()).readAllBytes();
            }
        }
        assertThat(created).hasValue(3);
        assertThat(perCall).containsExactly("1:/users/{id}", "2:/users/{id}", "3:/users/{id}");
        assertThat(recorder.calls()).allSatisfy(c -> assertThat(c.clientName()).isEqualTo("users"));
        recorder.assertBalanced();
    }

    @Test
    void listenersOfTheConnectionFactoryAlsoSeeTheClientsCalls() throws Exception {
        HTTPConnectionFactory factory = HTTPConnectionFactory.builder().eventListener(recorder).build();
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).connectionFactory(factory).build()) {
            client.send("GET", "/", null, null).readAllBytes();
        }
        assertThat(recorder.events()).startsWith("callStart").endsWith("callEnd");
    }

    @Test
    void callContextAttributesCarryStateFromStartToEnd() throws Exception {
        List<Long> durations = new CopyOnWriteArrayList<>();
        HttpEventListener timer = new HttpEventListener() {
            @Override
            public void callStart(CallContext call) {
                call.setAttribute("t0", System.nanoTime());
            }

            @Override
            public void callEnd(CallContext call) {
                Long t0 = call.getAttribute("t0");
                durations.add(System.nanoTime() - t0);
            }
        };
        try (HttplibClient client = client(timer)) {
            client.send("GET", "/", null, null).readAllBytes();
        }
        assertThat(durations).hasSize(1).allSatisfy(d -> assertThat(d).isPositive());
    }

    @Test
    void aFailureWhileReadingTheBodyEndsTheCallInCallFailed() throws Exception {
        server.close();
        server = KeepAliveServer.start(r -> "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes());
        try (HttplibClient client = client(recorder)) {
            ClientResponse r = client.send("GET", "/", null, null);
            // the server closes after three of ten bytes when the handler's bytes are written and
            // the next request never comes; a read past them fails
            server.closeAllConnections();
            assertThatThrownBy(r::readAllBytes).isInstanceOf(IOException.class);
            assertThat(client.pool().stats().leased()).isZero();
        }
        assertThat(recorder.events()).contains("connectionReleased(keptAlive=false)").last().asString()
                .startsWith("callFailed");
        recorder.assertBalanced();
    }
}
