package io.httplib.testing;

import io.httplib.HTTPConnection;
import io.httplib.HTTPResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Small helpers shared by the core tests. */
public final class Http {

    /** Client-side timeout of every test connection, so a stuck read fails instead of hanging. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

    /** How long tests wait for server-side events. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    public static final String CRLF = "\r\n";

    private Http() {
    }

    /** A connection to the scripted server on 127.0.0.1, with {@link #CLIENT_TIMEOUT}. */
    public static HTTPConnection connectionTo(ScriptedServer server) {
        return new HTTPConnection("127.0.0.1", server.port(), CLIENT_TIMEOUT);
    }

    /** {@code HTTP/1.1 200 OK} with a Content-Length body. */
    public static String ok(String body) {
        return response(200, "OK", body);
    }

    /** An HTTP/1.1 response with a Content-Length body (body chars are bytes, ISO-8859-1). */
    public static String response(int status, String reason, String body) {
        return "HTTP/1.1 " + status + " " + reason + CRLF
                + "Content-Length: " + body.length() + CRLF
                + CRLF
                + body;
    }

    /** The rest of the body as a UTF-8 string. */
    public static String readText(HTTPResponse response) throws IOException {
        return new String(response.read(), StandardCharsets.UTF_8);
    }

    public static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
