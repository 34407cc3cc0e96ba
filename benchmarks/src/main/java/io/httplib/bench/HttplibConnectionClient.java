package io.httplib.bench;

import io.httplib.HTTPConnection;
import io.httplib.HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/** httplib's {@link HTTPConnection}, one per thread (it is not thread-safe), kept alive. */
final class HttplibConnectionClient implements BenchClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Target target;

    HttplibConnectionClient(Target target) {
        this.target = target;
    }

    @Override
    public Caller caller() {
        // With a timeout, as services run it: reads and writes are both bounded.
        HTTPConnection nginx = new HTTPConnection(target.host(), target.nginxPort(), TIMEOUT);
        HTTPConnection upload = new HTTPConnection(target.host(), target.uploadPort(), TIMEOUT);
        return new Caller() {
            @Override
            public int get() throws IOException {
                nginx.request("GET", Target.SMALL_PATH);
                HTTPResponse r = nginx.getResponse();
                return r.read().length;
            }

            @Override
            public long download(byte[] buf) throws IOException {
                nginx.request("GET", Target.LARGE_PATH);
                HTTPResponse r = nginx.getResponse();
                long total = 0;
                InputStream in = r.getInputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                }
                return total;
            }

            @Override
            public int upload(byte[] body) throws IOException {
                upload.request("POST", Target.UPLOAD_PATH, body, null);
                HTTPResponse r = upload.getResponse();
                r.read();
                return r.getStatus();
            }

            @Override
            public void close() {
                nginx.close();
                upload.close();
            }
        };
    }

    @Override
    public void close() {}
}
