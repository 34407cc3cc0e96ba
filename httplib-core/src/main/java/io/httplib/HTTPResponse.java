package io.httplib;

import io.httplib.internal.http1.BodyInputStream;
import io.httplib.internal.http1.ChunkedInputStream;
import io.httplib.internal.http1.HeaderFields;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One response, returned by {@link HTTPConnection#getResponse()}. The head (status, reason,
 * version, headers) is parsed when the response is created; the body is read on demand through
 * {@link #read()}, {@link #read(int)} or {@link #getInputStream()}, which all consume the same bytes.
 *
 * <p>Read the body to its end (or {@link #close()} the response) before the connection sends its
 * next request. A body read to its end leaves a keep-alive connection ready for reuse; closing
 * before the end closes the socket, so unread bytes can never be taken for the next response.
 * Not thread-safe.
 */
public class HTTPResponse implements Closeable {

    private static final byte[] EMPTY = new byte[0];

    /**
     * The largest first buffer of a read, whatever length the server announces: an announced
     * size is a promise, not bytes, and never sizes an allocation past this. Larger bodies grow
     * the buffer as their bytes arrive.
     */
    private static final int MAX_INITIAL_BUFFER = 1 << 20;

    private final int status;
    private final String reason;
    private final int version;
    private final HTTPMessage msg;
    private final BodyInputStream body;
    private final String method;
    private boolean closed;

    HTTPResponse(int version, int status, String reason, HeaderFields headers, BodyInputStream body, String method) {
        this.version = version;
        this.status = status;
        this.reason = reason;
        this.msg = new HTTPMessage(headers.names(), headers.values(), headers.size());
        this.body = body;
        this.method = method;
    }

    /** @return the status code, e.g. 200 */
    public int getStatus() {
        return status;
    }

    /** @return the reason phrase as sent by the server, possibly empty */
    public String getReason() {
        return reason;
    }

    /** @return 10 for HTTP/1.0, 11 for HTTP/1.1, 9 for a non-strict HTTP/0.9 reply */
    public int getVersion() {
        return version;
    }

    /** @return the method of the request this response answers */
    public String getMethod() {
        return method;
    }

    /**
     * @param name a header name, any case
     * @return its value, repeated fields joined with {@code ", "}; null if absent
     */
    public String getHeader(String name) {
        return msg.get(name);
    }

    /**
     * @param name a header name, any case
     * @param defaultValue returned when the header is absent
     * @return its value as {@link #getHeader(String)}, or the default
     */
    public String getHeader(String name, String defaultValue) {
        return msg.get(name, defaultValue);
    }

    /** @return every header as (name, value), in received order, names as received */
    public List<Map.Entry<String, String>> getHeaders() {
        return msg.entries();
    }

    /** @return the headers */
    public HTTPMessage getMsg() {
        return msg;
    }

    /**
     * @return the trailer fields of a chunked body; empty for other bodies or before the body
     *     was read to its end
     */
    public HTTPMessage getTrailers() {
        if (body instanceof ChunkedInputStream c && c.isFinished()) {
            HeaderFields t = c.trailers();
            return new HTTPMessage(t.names(), t.values(), t.size());
        }
        return HTTPMessage.EMPTY;
    }

    /**
     * @return the body length announced by {@code Content-Length} (0 for bodiless responses), or
     *     -1 when the body is chunked or delimited by the connection closing
     */
    public long getContentLength() {
        String cl = msg.get("Content-Length");
        if (body.isFinished() && body.count() == 0) {
            return 0;
        }
        if (cl == null || msg.contains("Transfer-Encoding")) {
            return -1;
        }
        int comma = cl.indexOf(',');
        return Long.parseLong((comma < 0 ? cl : cl.substring(0, comma)).trim());
    }

    /**
     * Reads the rest of the body.
     *
     * @return the bytes; an empty array when the body was already read
     * @throws IncompleteRead when the connection ended early; it carries every byte received
     */
    public byte[] read() throws IOException {
        if (closed || body.isFinished()) {
            closed = true;
            return EMPTY;
        }
        long hint = body.remainingHint();
        byte[] buf = new byte[hint > 0 ? (int) Math.min(hint, MAX_INITIAL_BUFFER) : 8192];
        int len = 0;
        try {
            while (true) {
                if (len == buf.length) {
                    if (body.isFinished()) {
                        break; // the hint was exact: no need to grow for a read that returns -1
                    }
                    buf = Arrays.copyOf(buf, growTo(buf.length));
                }
                int n = body.read(buf, len, buf.length - len);
                if (n < 0) {
                    break;
                }
                len += n;
            }
        } catch (IncompleteRead e) {
            closed = true;
            throw new IncompleteRead(Arrays.copyOf(buf, len), e.getExpected().orElse(-1));
        }
        closed = true;
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    /**
     * Reads up to {@code amt} bytes, blocking until that many arrived or the body ended.
     *
     * @param amt the most bytes to return
     * @return the bytes; an empty array at the end of the body
     * @throws IncompleteRead when the connection ended before the body did
     */
    public byte[] read(int amt) throws IOException {
        if (amt < 0) {
            throw new IllegalArgumentException("amt must be >= 0, got " + amt);
        }
        if (closed || body.isFinished() || amt == 0) {
            if (body.isFinished()) {
                closed = true;
            }
            return EMPTY;
        }
        long hint = body.remainingHint();
        byte[] buf = new byte[(int) Math.min(amt, hint >= 0 ? Math.min(hint, MAX_INITIAL_BUFFER) : 64 * 1024)];
        int len = 0;
        try {
            while (len < amt) {
                if (len == buf.length) {
                    if (body.isFinished()) {
                        break;
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(amt, growTo(buf.length)));
                }
                int n = body.read(buf, len, buf.length - len);
                if (n < 0) {
                    break;
                }
                len += n;
            }
        } catch (IncompleteRead e) {
            closed = true;
            throw new IncompleteRead(Arrays.copyOf(buf, len), e.getExpected().orElse(-1));
        }
        if (body.isFinished()) {
            closed = true;
        }
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    private static int growTo(int n) {
        if (n >= Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("response body larger than a Java array");
        }
        return (int) Math.min((long) n * 2, Integer.MAX_VALUE - 16);
    }

    /**
     * @return a streaming view of the body; it returns -1 at the body's end and raises
     *     {@link IncompleteRead} when the connection ends early. Closing it before the end
     *     closes the connection.
     */
    public InputStream getInputStream() {
        return body;
    }

    /** @return true once the body was read to its end or the response was closed */
    public boolean isClosed() {
        return closed || body.isFinished();
    }

    /**
     * Closes the response. When the body was not read to its end the connection's socket is closed
     * (the next request opens a new one), so no unread byte is ever taken for the next response.
     */
    @Override
    public void close() {
        closed = true;
        body.close();
    }

    @Override
    public String toString() {
        return "HTTPResponse[" + status + " " + reason + "]";
    }
}
