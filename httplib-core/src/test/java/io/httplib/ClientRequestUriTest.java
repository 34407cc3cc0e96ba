package io.httplib;

import static io.httplib.testing.Http.ok;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.ScriptedServer;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Requests given as a parsed {@link URI}: sent as given, resolved against the base URI when relative. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientRequestUriTest {

    @Test
    void absoluteUriObjectIsSentWithItsPathAndQuery() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("yes")));
             HttplibClient client = HttplibClient.builder().build()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/a%20b/c?q=1&r=%2F");
            try (ClientResponse r = client.send(ClientRequest.builder("GET", uri).build())) {
                assertThat(r.readString()).isEqualTo("yes");
                assertThat(r.uri()).isEqualTo(uri);
            }
            assertThat(server.request(0).requestLine()).isEqualTo("GET /a%20b/c?q=1&r=%2F HTTP/1.1");
        }
    }

    @Test
    void nonAsciiCharactersInAUriGoOutPercentEncodedAsUtf8() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("yes")));
             HttplibClient client = HttplibClient.builder().build()) {
            URI uri = new URI("http", null, "127.0.0.1", server.port(), "/caf\u00e9/\u65e5", "q=\u00fc", null);
            try (ClientResponse r = client.send(ClientRequest.builder("GET", uri).build())) {
                assertThat(r.readString()).isEqualTo("yes");
            }
            assertThat(server.request(0).requestLine()).isEqualTo("GET /caf%C3%A9/%E6%97%A5?q=%C3%BC HTTP/1.1");
        }
    }

    @Test
    void relativeUriObjectIsResolvedAgainstTheBaseUri() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("base")));
             HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port() + "/api/").build();
             ClientResponse r = client.send(ClientRequest.builder("GET", URI.create("users/7")).build())) {
            assertThat(r.readString()).isEqualTo("base");
            assertThat(server.request(0).requestLine()).isEqualTo("GET /api/users/7 HTTP/1.1");
        }
    }

    @Test
    void relativeUriObjectWithoutABaseIsRefused() throws Exception {
        try (HttplibClient client = HttplibClient.builder().build()) {
            assertThatThrownBy(() -> client.send(ClientRequest.builder("GET", URI.create("/x")).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base URI");
        }
    }
}
