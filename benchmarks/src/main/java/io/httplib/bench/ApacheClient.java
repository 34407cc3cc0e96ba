package io.httplib.bench;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Apache HttpClient 5 classic with a pooling connection manager sized for the threads. */
final class ApacheClient implements BenchClient {

    private final Target target;
    private final CloseableHttpClient client;

    ApacheClient(Target target, int threads) {
        this.target = target;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(threads)
                        .setMaxConnTotal(threads)
                        .build())
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
                // Content compression is on by default: Accept-Encoding sent, gzip decoded.
                try (ClassicHttpResponse r = client.executeOpen(null, new HttpGet(json), null);
                        InputStream in = r.getEntity().getContent()) {
                    return JsonBody.readAndCheck(in, buf, expected);
                }
            }

            @Override
            public int get() throws IOException {
                byte[] b = client.execute(new HttpGet(small), r -> EntityUtils.toByteArray(r.getEntity()));
                return b.length;
            }

            @Override
            public long download(byte[] buf) throws IOException {
                try (ClassicHttpResponse r = client.executeOpen(null, new HttpGet(large), null)) {
                    long total = 0;
                    try (InputStream in = r.getEntity().getContent()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            total += n;
                        }
                    }
                    return total;
                }
            }

            @Override
            public int upload(byte[] body) throws IOException {
                HttpPost post = new HttpPost(up);
                post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
                return client.execute(post, r -> {
                    EntityUtils.consume(r.getEntity());
                    return r.getCode();
                });
            }
        };
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
