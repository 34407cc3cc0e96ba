package io.httplib.bench;

import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HttplibClient;
import java.io.IOException;
import java.io.InputStream;

/** httplib's thread-safe {@link HttplibClient} over a {@link ConnectionPool} sized for the threads. */
final class HttplibPooledClient implements BenchClient {

    private final Target target;
    private final HttplibClient client;

    HttplibPooledClient(Target target, int threads) {
        this.target = target;
        this.client = HttplibClient.builder()
                .pool(ConnectionPool.builder().maxPerRoute(threads).maxTotal(2 * threads).build())
                .build();
    }

    @Override
    public Caller caller() {
        String small = target.smallUrl();
        String large = target.largeUrl();
        String up = target.uploadUrl();
        String json = target.jsonUrl();
        return new Caller() {
            @Override
            public long json(byte[] buf, byte[] expected) throws IOException {
                // Asks for gzip and decodes it by default (Decompression.DEFAULT).
                try (ClientResponse r = client.send("GET", json, null, null); InputStream in = r.body()) {
                    return JsonBody.readAndCheck(in, buf, expected);
                }
            }

            @Override
            public int get() throws IOException {
                try (ClientResponse r = client.send("GET", small, null, null)) {
                    return r.readAllBytes().length;
                }
            }

            @Override
            public long download(byte[] buf) throws IOException {
                try (ClientResponse r = client.send("GET", large, null, null); InputStream in = r.body()) {
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
                try (ClientResponse r = client.send(ClientRequest.builder("POST", up).body(body).build())) {
                    r.readAllBytes();
                    return r.status();
                }
            }
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
