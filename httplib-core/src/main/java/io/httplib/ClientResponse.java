package io.httplib;

import io.httplib.internal.codec.ContentCoding;
import io.httplib.internal.codec.ContentDecodingInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response returned by {@link HttplibClient#send}. Its connection stays leased from the pool
 * until the body was read to its end or the response is closed, so <b>always close it</b>
 * (try-with-resources); reading the body to the end is enough too.
 *
 * <p>{@link #close()} before the end drains what is left when that is at most {@value #DRAIN_LIMIT}
 * bytes and arrives within {@link #DRAIN_TIME_BUDGET}, so the connection can still be reused;
 * otherwise the connection is closed. A response
 * that is neither read to its end nor closed keeps its connection leased (the pool's stats show
 * it) until the garbage collector finds the response unreachable: then its socket is closed, the
 * lease freed and the call reported as failed.
 *
 * <p>A gzip or deflate body that the client decodes ({@link Decompression}) is decoded as it is
 * read: {@link #body()}, {@link #readAllBytes()} and {@link #readString()} give the decoded bytes,
 * and {@link #headers()} and {@link #header(String)} no longer show {@code Content-Encoding} and
 * {@code Content-Length}, which describe the bytes on the wire; {@link #receivedHeaders()} still
 * does. Not thread-safe, except {@link #close()}: called from another thread while a read is
 * blocked, it closes the connection at once (no drain) and that read fails with an
 * {@code IOException}, which is how to cancel a download.
 */
public final class ClientResponse implements Closeable {

    /** The most bytes {@link #close()} reads to save a keep-alive connection. */
    public static final int DRAIN_LIMIT = 64 * 1024;

    /**
     * The longest {@link #close()} spends reading the rest of a body to save a keep-alive
     * connection: a new connection costs less than waiting on a slow server (OkHttp allows 100 ms
     * too). Past it the connection is closed instead.
     */
    public static final Duration DRAIN_TIME_BUDGET = Duration.ofMillis(100);

    private static final Cleaner CLEANER = Cleaner.create();

    private final HTTPResponse response;
    private final ClientLease lease;
    private final URI uri;
    /** The decoded body when the client decodes this response's content coding, else null. */
    private final ContentDecodingInputStream decoded;
    private final HTTPMessage headers;
    private final InputStream body = new Body();
    private Cleaner.Cleanable cleanable;
    /**
     * Held by the thread reading the body. {@link #close()} from another thread that cannot take it
     * knows a read is blocked: it aborts the socket instead of draining, and the reader finishes
     * the close on its way out (a close must not wait for a stalled read, nor read beside it).
     */
    private final ReentrantLock reading = new ReentrantLock();
    private final AtomicBoolean closeDone = new AtomicBoolean();
    private volatile boolean closed;

    /** @param decompression the bounds to decode a gzip or deflate body with, or null to pass it through */
    ClientResponse(HTTPResponse response, ClientLease lease, URI uri, Decompression decompression) {
        this.response = response;
        this.lease = lease;
        this.uri = uri;
        ContentCoding coding = decompression == null ? null : ContentCoding.of(response.getHeader("Content-Encoding"));
        if (coding == null) {
            this.decoded = null;
            this.headers = response.getMsg();
        } else {
            this.decoded = new ContentDecodingInputStream(response.getInputStream(), coding, decompression);
            this.headers = response.getMsg().without("Content-Encoding", "Content-Length");
            if (!response.isClosed()) {
                // A wrong checksum or trailing bytes show only after the last wire byte: the call
                // ends (callEnd or callFailed) when the decoder has checked them.
                lease.awaitDecoder();
            }
        }
    }

    ClientLease lease() {
        return lease;
    }

    /** Registers the safety net for a response whose body has not ended yet. */
    void watchForLeak() {
        if (!response.isClosed()) {
            ClientLease l = lease; // the action must not reach this response
            cleanable = CLEANER.register(this, l::leaked);
        }
    }

    /** @return the status code */
    public int status() {
        return response.getStatus();
    }

    /** @return the reason phrase, possibly empty */
    public String reason() {
        return response.getReason();
    }

    /** @return 11 for HTTP/1.1, 10 for HTTP/1.0 */
    public int version() {
        return response.getVersion();
    }

    /** @return the method of the request this response answers (after redirects, the last one) */
    public String method() {
        return response.getMethod();
    }

    /**
     * @return the headers; without {@code Content-Encoding} and {@code Content-Length} when the
     *     body is decoded ({@link #isDecompressed()})
     */
    public HTTPMessage headers() {
        return headers;
    }

    /** @param name a header name, any case @return its value (repeats joined with ", "), or null; as {@link #headers()} */
    public String header(String name) {
        return headers.get(name);
    }

    /** @return the headers exactly as received, {@code Content-Encoding} and {@code Content-Length} included */
    public HTTPMessage receivedHeaders() {
        return response.getMsg();
    }

    /**
     * @return whether the body is decoded from the gzip or deflate coding that
     *     {@code receivedHeaders().get("Content-Encoding")} names
     */
    public boolean isDecompressed() {
        return decoded != null;
    }

    /** @return the URI that answered: the request's, or the last one after redirects */
    public URI uri() {
        return uri;
    }

    /**
     * @return the body as a stream; at its end the connection goes back to the pool. Closing the
     *     stream closes the response.
     */
    public InputStream body() {
        return body;
    }

    /** @return the rest of the body; the connection goes back to the pool */
    public byte[] readAllBytes() throws IOException {
        reading.lock();
        try {
            if (decoded == null) {
                return response.read();
            }
            byte[] all = decoded.readAllBytes();
            lease.decoderEnded(null);
            return all;
        } catch (IOException e) {
            if (decoded != null) {
                lease.decoderEnded(e);
            }
            throw lease.call.translate(e);
        } finally {
            reading.unlock();
            close();
        }
    }

    /** @return the rest of the body decoded as UTF-8 */
    public String readString() throws IOException {
        return new String(readAllBytes(), StandardCharsets.UTF_8);
    }

    /** @return whether the body ended or the response was closed */
    public boolean isClosed() {
        return closed || (decoded != null ? decoded.isFinished() : response.isClosed());
    }

    /**
     * Releases the connection: back to the pool when the body was read to its end or the rest
     * could be drained within {@link #DRAIN_LIMIT} bytes and {@link #DRAIN_TIME_BUDGET} (and the
     * server keeps the connection alive); otherwise the socket is closed. Never throws; idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            finishCloseIfReaderLeft();
            return;
        }
        closed = true;
        if (!reading.tryLock()) {
            // Another thread is blocked in a read: end it now; it completes the close when it returns.
            lease.abort();
            finishCloseIfReaderLeft();
            return;
        }
        try {
            finishClose();
        } finally {
            reading.unlock();
        }
    }

    /** Completes a close that found a read in progress, once that read has returned. */
    private void finishCloseIfReaderLeft() {
        if (closed && !closeDone.get() && reading.tryLock()) {
            try {
                finishClose();
            } finally {
                reading.unlock();
            }
        }
    }

    /** The close itself, under {@link #reading}: drain or close the body, release the decoder. */
    private void finishClose() {
        if (!closeDone.compareAndSet(false, true)) {
            return;
        }
        if (!response.isClosed()) {
            lease.conn.drain(response, DRAIN_LIMIT, DRAIN_TIME_BUDGET.toNanos());
            if (!response.isClosed()) {
                response.close();
            }
        }
        if (decoded != null) {
            decoded.close(); // releases the inflater's native memory
            lease.decoderEnded(null); // closed before the end: abandoned, as an unread body
        }
        Cleaner.Cleanable c = cleanable;
        if (c != null) {
            c.clean(); // the lease is released by now: this only deregisters
        }
    }

    @Override
    public String toString() {
        return "ClientResponse[" + status() + " " + reason() + ", " + uri + "]";
    }

    private InputStream source() {
        return decoded != null ? decoded : response.getInputStream();
    }

    /** The body stream: reports deadline failures as {@link DeadlineExceeded}; close closes the response. */
    private final class Body extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reading.lock();
            try {
                int n = source().read(b, off, len);
                if (n < 0 && decoded != null) {
                    lease.decoderEnded(null);
                }
                return n;
            } catch (IOException e) {
                if (decoded != null) {
                    lease.decoderEnded(e);
                }
                throw lease.call.translate(e);
            } finally {
                reading.unlock();
                finishCloseIfReaderLeft();
            }
        }

        @Override
        public int available() throws IOException {
            return source().available();
        }

        @Override
        public void close() {
            ClientResponse.this.close();
        }
    }
}
