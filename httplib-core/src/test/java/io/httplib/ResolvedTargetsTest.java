package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.KeepAliveServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client keeps the URI strings it was given, resolved: a kept entry must send exactly what a
 * fresh parse would, the table stays bounded, and a refused URI is refused every time.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResolvedTargetsTest {

    @Test
    void tableNeverHoldsMoreThanItsBoundNorOverlongUris() {
        ResolvedTargets t = new ResolvedTargets();
        URI u = URI.create("http://h/");
        ResolvedTargets.Resolved r = new ResolvedTargets.Resolved(u, Route.of(u), "/");
        for (int i = 0; i < ResolvedTargets.MAX_ENTRIES * 3 + 7; i++) {
            t.put("/p" + i, r);
            assertThat(t.size()).isLessThanOrEqualTo(ResolvedTargets.MAX_ENTRIES);
        }
        assertThat(t.get("/p" + (ResolvedTargets.MAX_ENTRIES * 3 + 6))).isSameAs(r);
        String longUri = "/" + "x".repeat(ResolvedTargets.MAX_URI_LENGTH);
        t.put(longUri, r);
        assertThat(t.get(longUri)).isNull();
        // User info may be a password: never kept.
        t.put("http://user:secret@h/", r);
        assertThat(t.get("http://user:secret@h/")).isNull();
    }

    @Test
    void repeatedAndDistinctUrisAreSentAsGivenPastTheTableBound() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(req -> KeepAliveServer.response(200, "OK", req.target()));
             HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port() + "/api/")
                     .build()) {
            String absolute = "http://127.0.0.1:" + server.port() + "/abs?q=%2F";
            int distinct = ResolvedTargets.MAX_ENTRIES + 40;
            for (int i = 0; i < distinct; i++) {
                String relative = i % 3 == 0 ? "users/" + i + "?x=" + i : i % 3 == 1 ? "/root/" + i : "../up/" + i;
                String expected = i % 3 == 0 ? "/api/users/" + i + "?x=" + i : i % 3 == 1 ? "/root/" + i : "/up/" + i;
                for (String uri : new String[] {relative, "users/same", absolute, relative}) {
                    String want = uri.equals(relative) ? expected : uri.equals(absolute) ? "/abs?q=%2F" : "/api/users/same";
                    try (ClientResponse r = client.send("GET", uri, null, null)) {
                        assertThat(new String(r.readAllBytes(), StandardCharsets.ISO_8859_1)).as(uri).isEqualTo(want);
                        assertThat(r.uri().toString()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + want)
                                .toString());
                    }
                }
            }
        }
    }

    @Test
    void aRefusedUriIsRefusedAgainAndNotKept() throws Exception {
        try (HttplibClient client = HttplibClient.builder().build()) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> client.send("GET", "/relative", null, null))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base URI");
                assertThatThrownBy(() -> client.send("GET", "ftp://127.0.0.1/x", null, null))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> client.send("GET", "http://127.0.0.1:0/x", null, null))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
            }
        }
    }
}
