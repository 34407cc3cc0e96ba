package io.httplib.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * {@link HttpURLConnection}: its keep-alive cache is JVM-wide and holds {@code http.maxConnections}
 * idle connections per destination (default 5), so that property is raised to the thread count
 * before the first request.
 */
final class UrlConnectionClient implements BenchClient {

    private final URL small;
    private final URL large;
    private final URL up;

    UrlConnectionClient(Target target, int threads) throws IOException {
        System.setProperty("http.maxConnections", Integer.toString(Math.max(5, threads)));
        this.small = new URL(target.smallUrl());
        this.large = new URL(target.largeUrl());
        this.up = new URL(target.uploadUrl());
    }

    @Override
    public Caller caller() {
        return new Caller() {
            @Override
            public int get() throws IOException {
                HttpURLConnection c = (HttpURLConnection) small.openConnection();
                try (InputStream in = c.getInputStream()) {
                    return in.readAllBytes().length;
                }
            }

            @Override
            public long download(byte[] buf) throws IOException {
                HttpURLConnection c = (HttpURLConnection) large.openConnection();
                try (InputStream in = c.getInputStream()) {
                    long total = 0;
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        total += n;
                    }
                    return total;
                }
            }

            @Override
            public int upload(byte[] body) throws IOException {
                HttpURLConnection c = (HttpURLConnection) up.openConnection();
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                c.setRequestProperty("Content-Type", "application/octet-stream");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
                int status = c.getResponseCode();
                try (InputStream in = c.getInputStream()) {
                    in.readAllBytes();
                }
                return status;
            }
        };
    }

    @Override
    public void close() {}
}
