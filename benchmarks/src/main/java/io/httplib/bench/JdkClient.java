package io.httplib.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The JDK's {@code java.net.http.HttpClient}, HTTP/1.1 only. Its pool has no size setting (it keeps
 * every idle connection), so it holds one connection per thread on its own.
 */
final class JdkClient implements BenchClient {

    private final Target target;
    private final HttpClient client;

    JdkClient(Target target, int threads) {
        this.target = target;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Caller caller() {
        HttpRequest small = HttpRequest.newBuilder(URI.create(target.smallUrl())).build();
        HttpRequest large = HttpRequest.newBuilder(URI.create(target.largeUrl())).build();
        URI up = URI.create(target.uploadUrl());
        return new Caller() {
            @Override
            public int get() throws IOException {
                return send(small, HttpResponse.BodyHandlers.ofByteArray()).body().length;
            }

            @Override
            public long download(byte[] buf) throws IOException {
                try (InputStream in = send(large, HttpResponse.BodyHandlers.ofInputStream()).body()) {
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
                HttpRequest post = HttpRequest.newBuilder(up)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", "application/octet-stream")
                        .build();
                return send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        };
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    @Override
    public void close() {}
}
