package io.httplib.internal.http1;

import io.httplib.BodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body of one of the kinds {@code HTTPConnection.request} accepts: bytes, a file, a
 * stream or a {@link BodyWriter}. Each is a writer with a length (-1 when unknown) and whether it
 * can be written again (for retries and 307/308 redirects).
 */
public final class RequestBody {

    /** Copy buffer for streamed bodies, and the slice in which byte arrays are written. */
    static final int COPY_BUFFER = 64 * 1024;

    private final BodyWriter writer;
    private final long length;
    private final boolean replayable;
    private final byte[] bytes;
    private final boolean fromWriter;

    private RequestBody(BodyWriter writer, long length, boolean replayable, byte[] bytes, boolean fromWriter) {
        this.writer = writer;
        this.length = length;
        this.replayable = replayable;
        this.bytes = bytes;
        this.fromWriter = fromWriter;
    }

    /** A body held in memory, written in slices (see {@link #COPY_BUFFER}). */
    public static RequestBody of(byte[] data) {
        return new RequestBody(out -> {
            // One huge write makes the NIO socket copy the whole array into a temporary direct
            // buffer of the same size first.
            for (int off = 0; off < data.length; off += COPY_BUFFER) {
                out.write(data, off, Math.min(COPY_BUFFER, data.length - off));
            }
        }, data.length, true, data, false);
    }

    /** A file, its size read now. */
    public static RequestBody of(Path file) throws IOException {
        return new RequestBody(out -> {
            try (InputStream in = Files.newInputStream(file)) {
                copy(in, out);
            }
        }, Files.size(file), true, null, false);
    }

    /** A stream, read once. */
    public static RequestBody of(InputStream stream, long length) {
        return new RequestBody(out -> copy(stream, out), length, false, null, false);
    }

    /**
     * @param writer writes the body
     * @param length its length, or -1 when unknown
     * @param replayable whether the writer can write the same body again
     */
    public static RequestBody of(BodyWriter writer, long length, boolean replayable) {
        return new RequestBody(writer, length, replayable, null, true);
    }

    /** @return the length in bytes, or -1 when unknown (the body is then sent chunked) */
    public long length() {
        return length;
    }

    /** @return whether the body can be sent again (for retries and 307/308 redirects) */
    public boolean replayable() {
        return replayable;
    }

    /** @return the bytes when the body is held in memory, else null */
    public byte[] bytes() {
        return bytes;
    }

    /** @return whether the body is written by a caller's {@link BodyWriter} (so its framing may be chosen as it goes) */
    public boolean isWriter() {
        return fromWriter;
    }

    /** Writes the body; returns the number of bytes written. */
    public long writeTo(OutputStream out) throws IOException {
        CountingOutputStream counting = new CountingOutputStream(out);
        writer.writeTo(counting);
        return counting.count;
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[COPY_BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
    }

    /** Counts what a writer wrote, and keeps it from closing the connection's stream. */
    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            // The connection owns the stream.
        }
    }
}
