package io.httplib;

import io.httplib.internal.http1.ChunkedOutputStream;
import io.httplib.internal.http1.Http1Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The body stream of a {@link BodyWriter} of unknown length: it holds the first
 * {@link HTTPConnection#ADAPTIVE_BODY_BUFFER} bytes while the head is still unsent. A body that
 * ends there is sent with {@code Content-Length}; one that outgrows it gets
 * {@code Transfer-Encoding: chunked}, the head goes out, and every later write streams through as
 * a chunk. Used by {@link HTTPConnection#request} only, on the caller's thread.
 */
final class AdaptiveBodyStream extends OutputStream {

    private final HTTPConnection conn;
    private byte[] buffer = new byte[1024];
    private int count;
    private Http1Codec codec;
    private ChunkedOutputStream chunked;
    private long streamed;

    AdaptiveBodyStream(HTTPConnection conn) {
        this.conn = conn;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (chunked != null) {
            chunked.write(b, off, len);
            streamed += len;
            return;
        }
        if (count + len <= HTTPConnection.ADAPTIVE_BODY_BUFFER) {
            if (count + len > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(HTTPConnection.ADAPTIVE_BODY_BUFFER,
                        Math.max(count + len, buffer.length * 2)));
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
            return;
        }
        conn.putHeader("Transfer-Encoding", "chunked");
        conn.endHeaders();
        codec = conn.codec();
        codec.bodyStarts();
        chunked = new ChunkedOutputStream(codec.out());
        chunked.write(buffer, 0, count);
        chunked.write(b, off, len);
        streamed = count + (long) len;
        buffer = null;
    }

    @Override
    public void flush() throws IOException {
        if (chunked != null) {
            chunked.flush();
        }
    }

    /** Ends the body: sends head and body when it stayed small, else the last chunk. */
    void finish() throws IOException {
        if (chunked == null) {
            conn.putHeader("Content-Length", Integer.toString(count));
            if (count <= HTTPConnection.COALESCE_BODY_LIMIT) {
                conn.endHeaders(Arrays.copyOf(buffer, count));
                return;
            }
            conn.endHeaders();
            codec = conn.codec();
            codec.bodyStarts();
            codec.out().write(buffer, 0, count);
            codec.out().flush();
            codec.bodySent(count);
            return;
        }
        chunked.finish();
        codec.out().flush();
        codec.bodySent(streamed);
    }
}
