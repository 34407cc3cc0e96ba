package io.httplib.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** OkHttp 5 with a connection pool that keeps one idle connection per thread. */
final class OkHttpBenchClient implements BenchClient {

    private static final MediaType OCTETS = MediaType.get("application/octet-stream");

    private final Target target;
    private final OkHttpClient client;

    OkHttpBenchClient(Target target, int threads) {
        this.target = target;
        this.client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(Math.max(5, threads), 5, TimeUnit.MINUTES))
                .protocols(List.of(Protocol.HTTP_1_1))
                .retryOnConnectionFailure(false)
                .build();
    }

    @Override
    public Caller caller() {
        Request small = new Request.Builder().url(target.smallUrl()).build();
        Request large = new Request.Builder().url(target.largeUrl()).build();
        String up = target.uploadUrl();
        Request json = new Request.Builder().url(target.jsonUrl()).build();
        return new Caller() {
            @Override
            public long json(byte[] buf, byte[] expected) throws IOException {
                // Transparent gzip: BridgeInterceptor asks for it and decodes it.
                try (Response r = client.newCall(json).execute(); InputStream in = r.body().byteStream()) {
                    return JsonBody.readAndCheck(in, buf, expected);
                }
            }

            @Override
            public int get() throws IOException {
                try (Response r = client.newCall(small).execute()) {
                    return r.body().bytes().length;
                }
            }

            @Override
            public long download(byte[] buf) throws IOException {
                try (Response r = client.newCall(large).execute(); InputStream in = r.body().byteStream()) {
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
                Request post = new Request.Builder().url(up).post(RequestBody.create(body, OCTETS)).build();
                try (Response r = client.newCall(post).execute()) {
                    r.body().bytes();
                    return r.code();
                }
            }
        };
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
