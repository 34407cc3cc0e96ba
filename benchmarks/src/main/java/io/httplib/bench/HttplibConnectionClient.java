package io.httplib.bench;

import io.httplib.HTTPConnection;
import io.httplib.HTTPResponse;
import java.io.IOException;
import java.io.InputStream;

/** httplib's {@link HTTPConnection}, one per thread (it is not thread-safe), kept alive. */
final class HttplibConnectionClient implements BenchClient {

    private final Target target;

    HttplibConnectionClient(Target target) {
        this.target = target;
    }

    @Override
    public Caller caller() {
        HTTPConnection nginx = new HTTPConnection(target.host(), target.nginxPort());
        HTTPConnection upload = new HTTPConnection(target.host(), target.uploadPort());
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
