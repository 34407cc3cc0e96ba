package io.httplib.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte pipe from the thread writing a request body to the thread sending it. Unlike
 * {@code PipedInputStream} it does not tie itself to particular threads, and either side can
 * close it so that the other side stops waiting (the sender when the exchange ends early, the
 * writer when writing fails).
 */
final class BodyPipe {

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition readable = this.lock.newCondition();

    private final Condition writable = this.lock.newCondition();

    private final byte[] ring;

    private int head;

    private int size;

    private boolean writerClosed;

    private boolean readerClosed;

    private Exception writerFailure;

    BodyPipe(int capacity) {
        this.ring = new byte[capacity];
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        this.lock.lock();
        try {
            while (length > 0) {
                while (this.size == this.ring.length && !this.readerClosed) {
                    awaitUninterruptiblyOrFail(this.writable);
                }
                if (this.readerClosed) {
                    throw new IOException("the request body is no longer being sent (the exchange ended)");
                }
                int tail = (this.head + this.size) % this.ring.length;
                int n = Math.min(length, Math.min(this.ring.length - this.size, this.ring.length - tail));
                System.arraycopy(bytes, offset, this.ring, tail, n);
                this.size += n;
                offset += n;
                length -= n;
                this.readable.signalAll();
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    private static void awaitUninterruptiblyOrFail(Condition condition) throws IOException {
        try {
            condition.await(1, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming the request body");
        }
    }

    void closeWriter() {
        this.lock.lock();
        try {
            this.writerClosed = true;
            this.readable.signalAll();
        }
        finally {
            this.lock.unlock();
        }
    }

    void fail(Exception cause) {
        this.lock.lock();
        try {
            this.writerFailure = cause;
            this.writerClosed = true;
            this.readable.signalAll();
        }
        finally {
            this.lock.unlock();
        }
    }

    void closeReader() {
        this.lock.lock();
        try {
            this.readerClosed = true;
            this.writable.signalAll();
        }
        finally {
            this.lock.unlock();
        }
    }

    InputStream inputStream() {
        return new InputStream() {

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return (n < 0) ? -1 : (one[0] & 0xff);
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                BodyPipe pipe = BodyPipe.this;
                pipe.lock.lock();
                try {
                    while (pipe.size == 0 && !pipe.writerClosed) {
                        awaitUninterruptiblyOrFail(pipe.readable);
                    }
                    if (pipe.writerFailure != null) {
                        throw new IOException("writing the request body failed", pipe.writerFailure);
                    }
                    if (pipe.size == 0) {
                        return -1;
                    }
                    int n = Math.min(length, Math.min(pipe.size, pipe.ring.length - pipe.head));
                    System.arraycopy(pipe.ring, pipe.head, bytes, offset, n);
                    pipe.head = (pipe.head + n) % pipe.ring.length;
                    pipe.size -= n;
                    pipe.writable.signalAll();
                    return n;
                }
                finally {
                    pipe.lock.unlock();
                }
            }

            @Override
            public int available() {
                pipe().lock.lock();
                try {
                    return pipe().size;
                }
                finally {
                    pipe().lock.unlock();
                }
            }

            @Override
            public void close() {
                closeReader();
            }

            private BodyPipe pipe() {
                return BodyPipe.this;
            }
        };
    }
}
