package io.httplib.bench.restclient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Counters read from the servers before and after a run, for the correctness check: nginx's
 * {@code stub_status} (connections accepted, requests) and {@link UploadSink}'s {@code /stats}
 * (connections, requests, body bytes). Each read is one HTTP/1.0 request on a connection of its
 * own, which the servers count too: {@link #since} takes that one connection and request off.
 *
 * @param connections TCP connections accepted
 * @param requests requests served
 * @param bytes request body bytes received (the sink only; 0 for nginx)
 */
record ServerStats(long connections, long requests, long bytes) {

    /** Reads nginx's {@code stub_status} page. */
    static ServerStats nginx(String host, int statusPort) throws IOException {
        String body = get(host, statusPort, "/status");
        // Active connections: 1
        // server accepts handled requests
        //  16 16 31
        String[] lines = body.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].startsWith("server accepts")) {
                String[] n = lines[i + 1].trim().split("\\s+");
                return new ServerStats(Long.parseLong(n[0]), Long.parseLong(n[2]), 0);
            }
        }
        throw new IOException("unexpected stub_status page: " + body);
    }

    /** Reads the upload sink's counters. */
    static ServerStats sink(String host, int sinkPort) throws IOException {
        String body = get(host, sinkPort, "/stats").trim();
        long c = 0;
        long r = 0;
        long b = 0;
        for (String kv : body.split(" ")) {
            int eq = kv.indexOf('=');
            long v = Long.parseLong(kv.substring(eq + 1));
            switch (kv.substring(0, eq)) {
                case "connections" -> c = v;
                case "requests" -> r = v;
                case "bytes" -> b = v;
                default -> throw new IOException("unexpected sink stats: " + body);
            }
        }
        return new ServerStats(c, r, b);
    }

    /**
     * What happened between {@code before} and this reading, less the reading's own connection and
     * request (nginx counts the request that reads its status; the sink counts neither).
     */
    ServerStats since(ServerStats before, boolean nginx) {
        long own = nginx ? 1 : 0;
        return new ServerStats(this.connections - before.connections - own, this.requests - before.requests - own,
                this.bytes - before.bytes);
    }

    private static String get(String host, int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.") || !response.contains(" 200 ") || end < 0) {
                throw new IOException("GET " + path + " on port " + port + " answered: " + response);
            }
            return response.substring(end + 4);
        }
    }
}
