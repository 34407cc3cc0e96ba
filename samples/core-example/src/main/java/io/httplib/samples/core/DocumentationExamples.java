package io.httplib.samples.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.httplib.HTTPConnection;
import io.httplib.HTTPResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The two examples of httplib's documentation, with httplib-core alone: a GET and then a 404 on
 * the same connection, and a POST of a form. With no argument they run against a small server
 * started in this process (so the sample works offline); pass {@code host[:port]} to use another.
 */
public final class DocumentationExamples {

    private DocumentationExamples() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            run(args[0], System.out);
            return;
        }
        HttpServer server = startEmbeddedServer();
        try {
            run("127.0.0.1:" + server.getAddress().getPort(), System.out);
        } finally {
            server.stop(0);
        }
    }

    /**
     * Runs both examples against {@code host} and prints what httplib's documentation prints.
     *
     * @param host {@code host[:port]}
     * @param out where to print
     */
    public static void run(String host, PrintStream out) throws IOException {
        // Example 1: a GET, then a second request on the same connection.
        try (HTTPConnection conn = new HTTPConnection(host)) {
            conn.request("GET", "/");
            HTTPResponse r1 = conn.getResponse();
            out.println(r1.getStatus() + " " + r1.getReason());
            byte[] data1 = r1.read(); // the whole body; the connection can now be reused

            conn.request("GET", "/parrot.spam");
            HTTPResponse r2 = conn.getResponse();
            out.println(r2.getStatus() + " " + r2.getReason());
            byte[] data2 = r2.read();
            out.println("bodies: " + data1.length + " and " + data2.length + " bytes");
        }

        // Example 2: a POST of a form.
        String params = "spam=1&eggs=2&bacon=0";
        Map<String, String> headers = Map.of(
                "Content-type", "application/x-www-form-urlencoded",
                "Accept", "text/plain");
        try (HTTPConnection conn = new HTTPConnection(host)) {
            conn.request("POST", "/cgi-bin/query", params, headers);
            HTTPResponse response = conn.getResponse();
            out.println(response.getStatus() + " " + response.getReason());
            out.println(new String(response.read(), StandardCharsets.UTF_8));
        }
    }

    /** A loopback server that answers as the documentation's hosts do. */
    static HttpServer startEmbeddedServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                reply(exchange, 200, "<!doctype html><title>httplib sample</title>");
            } else if (path.equals("/cgi-bin/query") && exchange.getRequestMethod().equals("POST")) {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Location", "/done");
                reply(exchange, 302, "received " + form);
            } else {
                reply(exchange, 404, "not found: " + path);
            }
        });
        server.start();
        return server;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }
}
