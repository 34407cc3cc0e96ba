package io.httplib.internal.http1;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Bounds socket writes by the connection's timeout. Java socket writes have no timeout: once a
 * server stops reading, an upload fills the socket buffers and the write blocks forever. Here each
 * write of at most {@link #SLICE} bytes records when it started; one shared daemon thread (the
 * {@link Watchdog}) looks at the writes in progress every {@link Watchdog#TICK_MILLIS} ms and, when
 * one has been blocked longer than the timeout, closes the TCP socket (the blocked write fails at
 * once); the failure is reported as {@link SocketTimeoutException}. As with the read timeout, the
 * timeout bounds each step of progress, not the whole upload.
 *
 * <p>A write costs two volatile stores and no allocation, so the guard stays off the profile of
 * small requests; connections register once, weakly, so an abandoned connection is not kept alive.
 */
public final class WriteTimeoutOutputStream extends OutputStream {

    /** Most bytes written under one start time: a slow but moving upload never times out. */
    static final int SLICE = 64 * 1024;

    private final OutputStream out;
    private final Socket tcp;
    private final int timeoutMillis;
    private final long timeoutNanos;
    private final WeakReference<WriteTimeoutOutputStream> registration;
    /** System.nanoTime() when the write in progress started (made odd, so never 0); 0 when idle. */
    private volatile long writeStarted;
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
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.registration = new WeakReference<>(this);
        Watchdog.register(registration);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, SLICE);
            writeStarted = System.nanoTime() | 1;
            try {
                out.write(b, off, n);
            } catch (IOException e) {
                throw timedOut ? timeout(e) : e;
            } finally {
                writeStarted = 0;
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

    /** Stops watching this stream (its socket is being closed); the stream itself stays open. */
    public void release() {
        Watchdog.unregister(registration);
    }

    @Override
    public void close() throws IOException {
        release();
        out.close();
    }

    /** Called by the watchdog: closes the socket when the write in progress is overdue. */
    private void check(long now) {
        long started = writeStarted;
        if (started != 0 && now - started > timeoutNanos) {
            timedOut = true;
            try {
                tcp.close();
            } catch (IOException ignored) {
                // the socket is unusable either way
            }
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

    /**
     * The one daemon thread that checks writes in progress. It runs only while some connection
     * with a timeout is open, and stops when none is left. It ignores interrupts.
     */
    static final class Watchdog {
        /** How often writes in progress are checked: the precision of the write timeout. */
        static final long TICK_MILLIS = 50;

        private static final Set<WeakReference<WriteTimeoutOutputStream>> WATCHED = ConcurrentHashMap.newKeySet();
        private static boolean running;

        private Watchdog() {}

        static void register(WeakReference<WriteTimeoutOutputStream> ref) {
            synchronized (Watchdog.class) {
                WATCHED.add(ref);
                if (!running) {
                    running = true;
                    Thread t = new Thread(Watchdog::run, "httplib-write-timeout");
                    t.setDaemon(true);
                    t.start();
                }
            }
        }

        static void unregister(WeakReference<WriteTimeoutOutputStream> ref) {
            WATCHED.remove(ref);
        }

        private static void run() {
            while (true) {
                try {
                    Thread.sleep(TICK_MILLIS);
                } catch (InterruptedException e) {
                    // This thread belongs to no caller: an interrupt (a shutdown hook interrupting
                    // every thread, a debugger) is not a request to stop guarding writes in
                    // progress. The flag stays cleared, so the next sleep sleeps: restoring it
                    // made every later sleep fail at once and the thread spin on a core.
                }
                long now = System.nanoTime();
                for (WeakReference<WriteTimeoutOutputStream> ref : WATCHED) {
                    WriteTimeoutOutputStream w = ref.get();
                    if (w == null || w.tcp.isClosed()) {
                        WATCHED.remove(ref);
                    } else {
                        w.check(now);
                    }
                }
                synchronized (Watchdog.class) {
                    if (WATCHED.isEmpty()) {
                        running = false;
                        return;
                    }
                }
            }
        }
    }
}
