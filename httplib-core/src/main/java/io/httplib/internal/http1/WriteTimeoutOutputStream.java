package io.httplib.internal.http1;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds socket writes by the connection's timeout. Java socket writes have no timeout: once a
 * server stops reading, an upload fills the socket buffers and the write blocks forever. Here
 * every write of at most {@link #SLICE} bytes arms a timer on one shared daemon thread; when the
 * write has not returned after the timeout, the TCP socket is closed (the blocked write fails at
 * once) and the failure is reported as {@link SocketTimeoutException}. As with the read timeout,
 * the timeout bounds each step of progress, not the whole upload.
 */
public final class WriteTimeoutOutputStream extends OutputStream {

    /** Most bytes written under one timer: a slow but moving upload never times out. */
    static final int SLICE = 64 * 1024;

    private final OutputStream out;
    private final Socket tcp;
    private final int timeoutMillis;
    private volatile boolean timedOut;

    /**
     * @param out the socket's output stream (TLS or plain)
     * @param tcp the TCP socket to close on timeout: the raw one, since closing a TLS layer would
     *     itself try to write a close_notify
     * @param timeoutMillis the timeout, positive
     */
    public WriteTimeoutOutputStream(OutputStream out, Socket tcp, int timeoutMillis) {
        this.out = out;
        this.tcp = tcp;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, SLICE);
            ScheduledFuture<?> timer = Timer.INSTANCE.schedule(this::expire, timeoutMillis, TimeUnit.MILLISECONDS);
            try {
                out.write(b, off, n);
            } catch (IOException e) {
                throw timedOut ? timeout(e) : e;
            } finally {
                timer.cancel(false);
            }
            if (timedOut) {
                throw timeout(null);
            }
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void expire() {
        timedOut = true;
        try {
            tcp.close();
        } catch (IOException ignored) {
            // the socket is unusable either way
        }
    }

    private SocketTimeoutException timeout(IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException("write timed out after " + timeoutMillis
                + " ms (the server stopped reading)");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** The one timer thread, started on first use. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "httplib-write-timeout");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            return e;
        }
    }
}
