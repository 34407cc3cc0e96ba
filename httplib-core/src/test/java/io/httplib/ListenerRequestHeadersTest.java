package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.testing.ScriptedServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listener adds headers to the requests of its call through {@link CallContext#setRequestHeader}
 * (how trace context is propagated): every exchange carries them, the caller's own headers win,
 * and credentials stay with the call's first origin.
 */
@Timeout(30)
class ListenerRequestHeadersTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static final HttpEventListener PROPAGATING = new HttpEventListener() {
        @Override
        public void callStart(CallContext call) {
            call.setRequestHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            call.setRequestHeader("Authorization", "Bearer from-listener");
            call.setRequestHeader("X-Caller-Wins", "listener");
        }
    };

    @Test
    void everyExchangeOfTheCallCarriesTheListenersHeadersAndTheCallersOwnWin() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                        .eventListener(PROPAGATING).build()) {
            client.send("GET", "/", null, Map.of("X-Caller-Wins", "caller")).readAllBytes();
            ScriptedServer.Request r = server.request(0);
            assertThat(r.header("traceparent")).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            assertThat(r.header("Authorization")).isEqualTo("Bearer from-listener");
            assertThat(r.headers("X-Caller-Wins")).containsExactly("caller");
        }
    }

    @Test
    void aRedirectToAnotherOriginKeepsTheTraceButDropsTheListenersCredentials() throws Exception {
        try (ScriptedServer target = ScriptedServer.start(ScriptedServer.replies(OK));
                ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(
                        "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + target.port() + "/there\r\nContent-Length: 0\r\n\r\n"));
                HttplibClient client = HttplibClient.builder().followRedirects(true).eventListener(PROPAGATING).build()) {
            assertThat(client.send("GET", "http://localhost:" + origin.port() + "/here", null, null).readString()).isEqualTo("ok");
            assertThat(origin.request(0).header("Authorization")).isEqualTo("Bearer from-listener");
            ScriptedServer.Request redirected = target.request(0);
            assertThat(redirected.header("traceparent")).isNotNull();
            assertThat(redirected.header("Authorization")).isNull();
        }
    }

    @Test
    void requestAttributesReachTheCallContextBeforeAnyListenerSeesTheCall() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                        .eventListenerFactory(call -> {
                            seen.add(call.getAttribute("observed-by"));
                            return new HttpEventListener() {
                                @Override
                                public void callStart(CallContext c) {
                                    seen.add(c.getAttribute("observed-by"));
                                }
                            };
                        }).build()) {
            client.send(ClientRequest.builder("GET", "/").attribute("observed-by", "RestClient").build()).readAllBytes();
        }
        assertThat(seen).containsExactly("RestClient", "RestClient");
    }

    @Test
    void listenersChangeTheCallsAttributesNeverTheRequests() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        ClientRequest request = ClientRequest.builder("GET", "/").attribute("a", "from-request")
                .attribute("b", "also-from-request").build();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                        .eventListener(new HttpEventListener() {
                            @Override
                            public void callStart(CallContext c) {
                                seen.add(c.getAttribute("a"));
                                c.setAttribute("a", "from-listener");
                                c.setAttribute("b", null);
                                c.setAttribute("c", "added");
                            }

                            @Override
                            public void callEnd(CallContext c) {
                                seen.add(c.getAttribute("a"));
                                seen.add(String.valueOf((Object) c.getAttribute("b")));
                                seen.add(c.getAttribute("c"));
                            }
                        }).build()) {
            client.send(request).readAllBytes();
            // The same request again: it starts from its own attributes, not the last call's.
            client.send(request).readAllBytes();
        }
        assertThat(seen).containsExactly("from-request", "from-listener", "null", "added",
                "from-request", "from-listener", "null", "added");
        assertThat(request.attributes()).containsExactly(Map.entry("a", "from-request"), Map.entry("b", "also-from-request"));
    }

    @Test
    void aNullAttributeKeyIsRefusedWhateverTheCallCarries() throws Exception {
        for (int count = 0; count <= 2; count++) {
            ClientRequest.Builder b = ClientRequest.builder("GET", "/");
            for (int i = 0; i < count; i++) {
                b.attribute("k" + i, "v");
            }
            List<Throwable> refused = new CopyOnWriteArrayList<>();
            try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                    HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                            .eventListener(new HttpEventListener() {
                                @Override
                                public void callStart(CallContext c) {
                                    try {
                                        c.getAttribute(null);
                                    } catch (NullPointerException e) {
                                        refused.add(e);
                                    }
                                    try {
                                        c.setAttribute(null, null);
                                    } catch (NullPointerException e) {
                                        refused.add(e);
                                    }
                                }
                            }).build()) {
                client.send(b.build()).readAllBytes();
            }
            assertThat(refused).as("%d request attributes", count).hasSize(2)
                    .allSatisfy(e -> assertThat(e).hasMessage("key"));
        }
    }

    @Test
    void invalidHeadersAreRefusedAndNullRemovesOne() {
        CallContext call = new CallContext("GET", URI.create("http://example.test/"), null, "default");
        assertThatThrownBy(() -> call.setRequestHeader("bad name", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> call.setRequestHeader("X-A", "a\r\nInjected: 1")).isInstanceOf(IllegalArgumentException.class);
        call.setRequestHeader("X-A", "1");
        call.setRequestHeader("x-a", "2");
        assertThat(call.requestHeaders()).containsExactly(Map.entry("x-a", "2"));
        call.setRequestHeader("X-A", null);
        assertThat(call.requestHeaders()).isEmpty();
    }
}
