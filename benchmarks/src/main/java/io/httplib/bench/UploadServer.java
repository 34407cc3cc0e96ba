package io.httplib.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The upload server: reads each request's whole body (Content-Length or chunked), discarding it,
 * and only then answers {@code 200} with a 2-byte body. Keep-alive, one thread per connection,
 * answers {@code Expect: 100-continue}. Arguments: {@code port}. Runs until killed.
 */
public final class UploadServer {

    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private UploadServer() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            System.out.println("upload server listening on " + server.getLocalSocketAddress());
            System.out.flush();
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "upload-conn");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setReceiveBufferSize(4 * 1024 * 1024);
            Reader r = new Reader(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String line = r.line();
                if (line == null) {
                    return;
                }
                if (line.isEmpty()) {
                    continue;
                }
                long length = 0;
                boolean chunked = false;
                boolean expectContinue = false;
                boolean close = false;
                String h;
                while (!(h = r.line()).isEmpty()) {
                    int colon = h.indexOf(':');
                    String name = h.substring(0, colon).trim();
                    String value = h.substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        length = Long.parseLong(value);
                    } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        chunked = value.toLowerCase().contains("chunked");
                    } else if (name.equalsIgnoreCase("Expect")) {
                        expectContinue = value.equalsIgnoreCase("100-continue");
                    } else if (name.equalsIgnoreCase("Connection")) {
                        close = value.equalsIgnoreCase("close");
                    }
                }
                if (expectContinue) {
                    out.write(CONTINUE);
                    out.flush();
                }
                if (chunked) {
                    while (true) {
                        String size = r.line();
                        int semi = size.indexOf(';');
                        long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                        if (n == 0) {
                            while (!r.line().isEmpty()) {
                                // trailers
                            }
                            break;
                        }
                        r.skip(n);
                        r.line();
                    }
                } else {
                    r.skip(length);
                }
                out.write(OK);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing to do
        }
    }

    /** A buffered reader of lines and bytes to skip. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] buf = new byte[256 * 1024];
        private int pos;
        private int lim;

        Reader(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (pos == lim) {
                pos = 0;
                lim = 0;
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                return false;
            }
            lim += n;
            return true;
        }

        String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos == lim && !fill()) {
                    return sb.length() == 0 ? null : sb.toString();
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
        }

        void skip(long n) throws IOException {
            while (n > 0) {
                if (pos == lim && !fill()) {
                    throw new IOException("body ended early");
                }
                int k = (int) Math.min(n, lim - pos);
                pos += k;
                n -= k;
            }
        }
    }
}
