package io.httplib.internal.http1;

import io.httplib.BodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A request body of one of the kinds {@code HTTPConnection.request} accepts. */
public abstract class RequestBody {

    /** Copy buffer for streamed bodies. */
    static final int COPY_BUFFER = 64 * 1024;

    /** @return the length in bytes, or -1 when unknown (the body is then sent chunked) */
    public abstract long length();

    /** @return whether the body can be sent again (for retries and 307/308 redirects) */
    public abstract boolean replayable();

    /** Writes the body; returns the number of bytes written. */
    public abstract long writeTo(OutputStream out) throws IOException;

    /** @return the bytes when the body is held in memory, else null */
    public byte[] bytes() {
        return null;
    }

    public static RequestBody of(byte[] data) {
        return new Bytes(data);
    }

    public static RequestBody of(Path file) throws IOException {
        return new FileBody(file, Files.size(file));
    }

    public static RequestBody of(InputStream stream, long length) {
        return new StreamBody(stream, length);
    }

    /**
     * @param writer writes the body
     * @param length its length, or -1 when unknown
     * @param replayable whether the writer can write the same body again
     */
    public static RequestBody of(BodyWriter writer, long length, boolean replayable) {
        return new WriterBody(writer, length, replayable);
    }

    /** @return whether the body is written by a {@link BodyWriter} (so its framing may be chosen as it goes) */
    public boolean isWriter() {
        return this instanceof WriterBody;
    }

    private static final class WriterBody extends RequestBody {
        private final BodyWriter writer;
        private final long length;
        private final boolean replayable;

        WriterBody(BodyWriter writer, long length, boolean replayable) {
            this.writer = writer;
            this.length = length;
            this.replayable = replayable;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean replayable() {
            return replayable;
        }

        @Override
        public long writeTo(OutputStream out) throws IOException {
            CountingOutputStream counting = new CountingOutputStream(out);
            writer.writeTo(counting);
            return counting.count;
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

    private static final class Bytes extends RequestBody {
        private final byte[] data;

        Bytes(byte[] data) {
            this.data = data;
        }

        @Override
        public long length() {
            return data.length;
        }

        @Override
        public boolean replayable() {
            return true;
        }

        @Override
        public long writeTo(OutputStream out) throws IOException {
            // In slices: one huge write makes the NIO socket copy the whole array into a temporary
            // direct buffer of the same size first.
            for (int off = 0; off < data.length; off += COPY_BUFFER) {
                out.write(data, off, Math.min(COPY_BUFFER, data.length - off));
            }
            return data.length;
        }

        @Override
        public byte[] bytes() {
            return data;
        }
    }

    private static final class FileBody extends RequestBody {
        private final Path file;
        private final long length;

        FileBody(Path file, long length) {
            this.file = file;
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean replayable() {
            return true;
        }

        @Override
        public long writeTo(OutputStream out) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                return copy(in, out);
            }
        }
    }

    private static final class StreamBody extends RequestBody {
        private final InputStream stream;
        private final long length;

        StreamBody(InputStream stream, long length) {
            this.stream = stream;
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean replayable() {
            return false;
        }

        @Override
        public long writeTo(OutputStream out) throws IOException {
            return copy(stream, out);
        }
    }

    static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[COPY_BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }
}
