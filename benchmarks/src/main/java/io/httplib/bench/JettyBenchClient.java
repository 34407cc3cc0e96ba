package io.httplib.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;

/** Jetty 12 HttpClient (HTTP/1.1 transport), at most one connection per thread. */
final class JettyBenchClient implements BenchClient {

    private final Target target;
    private final HttpClient client;

    JettyBenchClient(Target target, int threads) throws Exception {
        this.target = target;
        this.client = new HttpClient();
        client.setMaxConnectionsPerDestination(threads);
        client.setFollowRedirects(false);
        client.start();
    }

    @Override
    public Caller caller() {
        String small = target.smallUrl();
        String large = target.largeUrl();
        String up = target.uploadUrl();
        return new Caller() {
            @Override
            public int get() throws IOException {
                try {
                    ContentResponse r = client.GET(small);
                    return r.getContent().length;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException(e);
                }
            }

            @Override
            public long download(byte[] buf) throws IOException {
                InputStreamResponseListener listener = new InputStreamResponseListener();
                client.newRequest(large).send(listener);
                try {
                    Response r = listener.get(60, TimeUnit.SECONDS);
                    if (r.getStatus() != 200) {
                        throw new IOException("status " + r.getStatus());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException(e);
                }
                long total = 0;
                try (InputStream in = listener.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        total += n;
                    }
                }
                return total;
            }

            @Override
            public int upload(byte[] body) throws IOException {
                try {
                    ContentResponse r = client.POST(up)
                            .body(new BytesRequestContent("application/octet-stream", body))
                            .send();
                    return r.getStatus();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException(e);
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
