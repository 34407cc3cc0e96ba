package io.httplib.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The floor: a minimal keep-alive client on a plain socket that writes a pre-built request and
 * reads the response by Content-Length only (no validation, no header objects, no allocation per
 * request). Nothing a real client could do costs less.
 */
final class RawClient implements BenchClient {

    private final Target target;
    private final byte[] getRequest;
    private final byte[] downloadRequest;

    RawClient(Target target) {
        this.target = target;
        this.getRequest = head("GET", Target.SMALL_PATH, target.host() + ":" + target.nginxPort(), -1);
        this.downloadRequest = head("GET", Target.LARGE_PATH, target.host() + ":" + target.nginxPort(), -1);
    }

    private static byte[] head(String method, String path, String host, long length) {
        String s = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (length >= 0 ? "Content-Length: " + length + "\r\n" : "") + "\r\n";
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public Caller caller() {
        return new RawCaller();
    }

    @Override
    public void close() {}

    private final class RawCaller implements Caller {
        private Conn nginx;
        private Conn upload;
        private byte[] uploadHead;
        private int uploadHeadFor = -1;
        private final byte[] small = new byte[1024];

        @Override
        public int get() throws IOException {
            if (nginx == null) {
                nginx = new Conn(target.host(), target.nginxPort());
            }
            nginx.out.write(getRequest);
            long len = nginx.readHead();
            nginx.readBody(len, small);
            return (int) len;
        }

        @Override
        public long download(byte[] buf) throws IOException {
            if (nginx == null) {
                nginx = new Conn(target.host(), target.nginxPort());
            }
            nginx.out.write(downloadRequest);
            long len = nginx.readHead();
            nginx.readBody(len, buf);
            return len;
        }

        @Override
        public int upload(byte[] body) throws IOException {
            if (upload == null) {
                upload = new Conn(target.host(), target.uploadPort());
            }
            if (uploadHeadFor != body.length) {
                uploadHead = head("POST", Target.UPLOAD_PATH, target.host() + ":" + target.uploadPort(), body.length);
                uploadHeadFor = body.length;
            }
            upload.out.write(uploadHead);
            upload.out.write(body);
            long len = upload.readHead();
            upload.readBody(len, small);
            return 200;
        }

        @Override
        public void close() throws IOException {
            if (nginx != null) {
                nginx.socket.close();
            }
            if (upload != null) {
                upload.socket.close();
            }
        }
    }

    /** One socket with a read buffer; the response head is scanned for Content-Length only. */
    private static final class Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buf = new byte[16 * 1024];
        int pos;
        int lim;

        Conn(String host, int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port));
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Consumes the head; returns Content-Length. */
        long readHead() throws IOException {
            long length = -1;
            int lineStart = pos;
            while (true) {
                for (int i = lineStart; i < lim; i++) {
                    if (buf[i] != '\n') {
                        continue;
                    }
                    int lineLen = i - lineStart; // includes the CR
                    if (lineLen <= 1) {
                        pos = i + 1;
                        return length;
                    }
                    if (lineLen > 16 && (buf[lineStart] | 0x20) == 'c' && (buf[lineStart + 8] | 0x20) == 'l'
                            && buf[lineStart + 14] == ':') {
                        long v = 0;
                        for (int k = lineStart + 15; k < i; k++) {
                            int c = buf[k];
                            if (c >= '0' && c <= '9') {
                                v = v * 10 + (c - '0');
                            }
                        }
                        length = v;
                    }
                    lineStart = i + 1;
                }
                // Need more bytes: keep the partial line.
                if (lineStart > 0) {
                    System.arraycopy(buf, lineStart, buf, 0, lim - lineStart);
                    lim -= lineStart;
                    lineStart = 0;
                }
                int n = in.read(buf, lim, buf.length - lim);
                if (n < 0) {
                    throw new EOFException("connection closed in response head");
                }
                lim += n;
                pos = 0;
            }
        }

        void readBody(long length, byte[] into) throws IOException {
            long left = length;
            int buffered = Math.min(lim - pos, (int) Math.min(left, Integer.MAX_VALUE));
            pos += buffered;
            left -= buffered;
            if (pos == lim) {
                pos = 0;
                lim = 0;
            }
            while (left > 0) {
                int n = in.read(into, 0, (int) Math.min(into.length, left));
                if (n < 0) {
                    throw new EOFException("connection closed in body");
                }
                left -= n;
            }
        }
    }
}
