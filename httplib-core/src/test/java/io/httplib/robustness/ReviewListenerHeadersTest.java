package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.httplib.ClientResponse;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.testing.ScriptedServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A listener adds context to a call's requests ({@link CallContext#setRequestHeader}); it may not
 * change how the request is framed, where it is routed or how the connection is managed. Before,
 * a listener's {@code Transfer-Encoding: chunked} went out on a GET without a body (the server
 * waited for chunks and the call hung until the read timeout), its {@code Content-Length} failed
 * every request of the call with an {@code IllegalArgumentException}, and its {@code Host} followed
 * a redirect to another origin, where a caller's {@code Host} is dropped.
 */
@Timeout(30)
class ReviewListenerHeadersTest {

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static HttpEventListener setting(String name, String value) {
        return new HttpEventListener() {
            @Override
            public void callStart(CallContext call) {
                call.setRequestHeader(name, value);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = { "Host", "content-length", "Transfer-Encoding", "Expect", "Connection", "Keep-Alive",
            "Proxy-Connection", "TE", "Trailer", "Upgrade" })
    void headersThatFrameRouteOrManageTheExchangeAreRefused(String name) {
        CallContext call = new CallContext("GET", URI.create("http://example.test/"), null, "test");
        assertThatIllegalArgumentException().isThrownBy(() -> call.setRequestHeader(name, "x"))
            .withMessageContaining(name);
        assertThat(call.requestHeaders()).isEmpty();
    }

    @Test
    void aListenersChunkedTransferEncodingNeverReachesTheWireAndTheCallsSucceed() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                HttplibClient client = HttplibClient.builder().eventListener(setting("Transfer-Encoding", "chunked"))
                        .connectionFactory(HTTPConnectionFactory.builder().readTimeout(Duration.ofSeconds(2)).build())
                        .build()) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            try (ClientResponse r = client.send("POST", url, "hello".getBytes(), null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
            try (ClientResponse r = client.send("GET", url, null, null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
            assertThat(server.request(0).headers("Transfer-Encoding")).isEmpty();
            assertThat(server.request(0).header("Content-Length")).isEqualTo("5");
            assertThat(server.request(1).headers("Transfer-Encoding")).isEmpty();
        }
    }

    @Test
    void aListenersContentLengthDoesNotFailTheCall() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().eventListener(setting("Content-Length", "0")).build();
                ClientResponse r = client.send("POST", "http://127.0.0.1:" + server.port() + "/", "hello".getBytes(),
                        null)) {
            assertThat(r.readString()).isEqualTo("ok");
            assertThat(server.request(0).bodyText()).isEqualTo("hello");
        }
    }

    @Test
    void aListenersHostNeverFollowsARedirectToAnotherOrigin() throws Exception {
        try (ScriptedServer other = ScriptedServer.start(ScriptedServer.replies(OK));
                ScriptedServer first = ScriptedServer.start(ScriptedServer.replies("HTTP/1.1 302 Found\r\nLocation: "
                        + "http://localhost:" + other.port() + "/next\r\nContent-Length: 0\r\n\r\n"));
                HttplibClient client = HttplibClient.builder().followRedirects(true)
                        .eventListener(setting("Host", "first.example")).build();
                ClientResponse r = client.send("GET", "http://127.0.0.1:" + first.port() + "/", null, null)) {
            assertThat(r.readString()).isEqualTo("ok");
            assertThat(other.request(0).headers("Host")).isEqualTo(List.of("localhost:" + other.port()));
        }
    }
}
