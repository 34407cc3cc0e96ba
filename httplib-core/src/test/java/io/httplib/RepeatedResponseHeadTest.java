package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection takes the Strings of its previous response head where the next one repeats the
 * same bytes at the same place. What a response says must never depend on what came before it:
 * every head read after others on one connection is compared with the same head read first on a
 * connection of its own.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RepeatedResponseHeadTest {

    /** Heads that differ from their predecessor in one byte, one case, one position, one fold. */
    private static final String[] HEADS = {
        "HTTP/1.1 200 OK\r\nServer: s/1\r\nContent-Type: text/plain\r\nX-A: abc\r\n",
        "HTTP/1.1 200 OK\r\nServer: s/1\r\nContent-Type: text/plain\r\nX-A: abc\r\n",
        // same length, last byte differs
        "HTTP/1.1 200 OK\r\nServer: s/1\r\nContent-Type: text/plaiN\r\nX-A: abd\r\n",
        // a name in another case at the same position, and the same value under another name
        "HTTP/1.1 200 OK\r\nserver: s/1\r\nContent-Type: text/plaiN\r\nX-B: abd\r\n",
        // a field inserted first: every later one moved by one
        "HTTP/1.1 200 OK\r\nDate: d\r\nServer: s/1\r\nContent-Type: text/plain\r\nX-A: abc\r\n",
        // fewer fields, whitespace around a value that otherwise repeats
        "HTTP/1.1 200 OK\r\nDate:   d \t\r\n",
        // a value that is a prefix of the previous one, an empty value, a fold continuing a repeat
        "HTTP/1.1 200 OK\r\nDate: \r\nServer: s\r\nContent-Type: text/plaiN\r\n more\r\nX-A: abc\r\n",
        "HTTP/1.1 200 OK\r\nDate: \r\nServer: s\r\nContent-Type: text/plaiN\r\nX-A: abc\r\n",
        // status lines that differ from the repeated one in the reason, its case, the code
        "HTTP/1.1 200 Ok\r\nServer: s/1\r\n",
        "HTTP/1.1 200 OK \r\nServer: s/1\r\n",
        "HTTP/1.1 201 OK\r\nServer: s/1\r\n",
        "HTTP/1.1 404 Not Found\r\nServer: s/1\r\n",
        "HTTP/1.1 404 Not Found\r\nServer: s/1\r\n",
        "HTTP/1.1 200 OK\r\nServer: s/1\r\n",
    };

    private record Seen(int version, int status, String reason, List<Map.Entry<String, String>> headers, String body) {}

    private static String withBody(String head, int i) {
        String body = "body" + i;
        return head + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static Seen read(HTTPConnection conn, int i) throws Exception {
        conn.request("GET", "/" + i);
        HTTPResponse r = conn.getResponse();
        String body = new String(r.read(), java.nio.charset.StandardCharsets.ISO_8859_1);
        return new Seen(r.getVersion(), r.getStatus(), r.getReason(), new ArrayList<>(r.getHeaders()), body);
    }

    @Test
    void everyHeadReadsTheSameAfterOthersAsOnItsOwnConnection() throws Exception {
        String[] responses = new String[HEADS.length];
        for (int i = 0; i < HEADS.length; i++) {
            responses[i] = withBody(HEADS[i], i);
        }
        List<Seen> alone = new ArrayList<>();
        for (int i = 0; i < HEADS.length; i++) {
            try (ScriptedServer server = ScriptedServer.start(replies(responses[i]));
                 HTTPConnection conn = connectionTo(server)) {
                alone.add(read(conn, i));
            }
        }
        List<Seen> inTurn = new ArrayList<>();
        try (ScriptedServer server = ScriptedServer.start(replies(responses));
             HTTPConnection conn = connectionTo(server)) {
            for (int i = 0; i < HEADS.length; i++) {
                inTurn.add(read(conn, i));
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
        for (int i = 0; i < HEADS.length; i++) {
            assertThat(inTurn.get(i)).as("response %d: %s", i, HEADS[i]).isEqualTo(alone.get(i));
        }
        // Spot checks against the literal heads, so the comparison above cannot pass on two equal mistakes.
        assertThat(inTurn.get(2).headers()).extracting(Map.Entry::getValue).contains("text/plaiN", "abd");
        assertThat(inTurn.get(3).headers()).extracting(Map.Entry::getKey).startsWith("server").contains("X-B");
        assertThat(inTurn.get(5).headers().get(0)).isEqualTo(Map.entry("Date", "d"));
        assertThat(inTurn.get(6).headers()).contains(Map.entry("Content-Type", "text/plaiN more"), Map.entry("Date", ""));
        assertThat(inTurn.get(7).headers()).contains(Map.entry("Content-Type", "text/plaiN"));
        assertThat(inTurn.get(8).reason()).isEqualTo("Ok");
        assertThat(inTurn.get(10).status()).isEqualTo(201);
        assertThat(inTurn.get(11)).extracting(Seen::status, Seen::reason).containsExactly(404, "Not Found");
        assertThat(inTurn.get(13)).extracting(Seen::status, Seen::reason).containsExactly(200, "OK");
    }

    /** Sends a GET and reads its response to the end; returns the response. */
    private static HTTPResponse exchange(HTTPConnection conn, String path) throws Exception {
        conn.request("GET", path);
        HTTPResponse r = conn.getResponse();
        r.read();
        return r;
    }

    @Test
    void aRepeatedHeadCostsNoNewStrings() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: application/octet-stream\r\n"
                + "X-Request-Kind: repeat\r\n";
        try (ScriptedServer server = ScriptedServer.start(replies(withBody(head, 1), withBody(head, 1), withBody(head, 2)));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse first = exchange(conn, "/1");
            HTTPResponse second = exchange(conn, "/2");
            for (String name : new String[] {"Server", "Content-Type", "X-Request-Kind", "Content-Length"}) {
                assertThat(second.getHeader(name)).as(name).isSameAs(first.getHeader(name));
            }
            // A value that changed is a new String with the new bytes.
            conn.request("GET", "/3");
            HTTPResponse third = conn.getResponse();
            assertThat(new String(third.read(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("body2");
            assertThat(third.getHeader("Server")).isSameAs(first.getHeader("Server"));
            assertThat(third.getHeader("Content-Length")).isEqualTo("5");
        }
    }

    @Test
    void aHeadWithSetCookieIsNotKeptSoNoCookieOutlivesItsResponse() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nServer: s/1\r\nSet-Cookie: session=secret\r\n";
        try (ScriptedServer server = ScriptedServer.start(replies(withBody(head, 1), withBody(head, 1)));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse first = exchange(conn, "/1");
            HTTPResponse second = exchange(conn, "/2");
            assertThat(second.getHeader("Set-Cookie")).isEqualTo("session=secret")
                    .isNotSameAs(first.getHeader("Set-Cookie"));
            assertThat(second.getHeader("Server")).isNotSameAs(first.getHeader("Server"));
        }
    }

    @Test
    void aHeadLargerThanTheRetentionBoundIsNotKept() throws Exception {
        String big = "x".repeat(io.httplib.internal.http1.Http1CodecAccess.maxRetainedHeadBytes());
        String head = "HTTP/1.1 200 OK\r\nServer: s/1\r\nX-Big: " + big + "\r\n";
        String small = "HTTP/1.1 200 OK\r\nServer: s/1\r\n";
        try (ScriptedServer server = ScriptedServer.start(
                replies(withBody(head, 1), withBody(head, 1), withBody(small, 1), withBody(small, 1)));
             HTTPConnection conn = connectionTo(server)) {
            HTTPResponse[] r = new HTTPResponse[4];
            for (int i = 0; i < 4; i++) {
                r[i] = exchange(conn, "/" + i);
            }
            assertThat(r[1].getHeader("X-Big")).isEqualTo(big).isNotSameAs(r[0].getHeader("X-Big"));
            // A small head after it is kept again.
            assertThat(r[3].getHeader("Server")).isSameAs(r[2].getHeader("Server"));
        }
    }
}
