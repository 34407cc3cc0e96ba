package io.httplib.internal.http1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Bounds every read and write of one connection by its timeout, without socket timeouts.
 *
 * <p>Why not {@link Socket#setSoTimeout}: writes have no socket timeout in Java (once a server
 * stops reading, an upload fills the socket buffers and blocks forever), and on JDK 17 a read with
 * a socket timeout through a {@code SocketChannel}'s socket switches the channel to non-blocking
 * mode and back, four {@code fcntl} system calls per read. Here each read, and each write of at
 * most {@link #SLICE} bytes, records when it started (a clock read and two volatile stores, no
 * allocation, no system call); one shared daemon thread (the {@link Watchdog}) looks at the I/O in
 * progress every {@link Watchdog#TICK_MILLIS} ms and, when one has been blocked longer than the
 * timeout, closes the TCP socket so that it fails at once; the failure is reported as
 * {@link SocketTimeoutException}. As a socket timeout does, the timeout bounds each step of
 * progress (one read, one slice of a write), not a whole body; its precision is the tick.
 *
 * <p>A guard registers once, weakly, so an abandoned connection is not kept alive.
 */
public final class IoTimeoutGuard {

    /** Most bytes written under one start time: a slow but moving upload never times out. */
    static final int SLICE = 64 * 1024;

    private final Socket tcp;
    private final int timeoutMillis;
    private final long timeoutNanos;
    private final WeakReference<IoTimeoutGuard> registration;
    /** System.nanoTime() when the read in progress started (made odd, so never 0); 0 when none. */
    private volatile long readStarted;
    /** The same for the write in progress. */
    private volatile long writeStarted;
    /** "read" or "write": what the watchdog found overdue; null until then. */
    private volatile String timedOut;

    /**
     * @param tcp the TCP socket to close on timeout: the raw one, since closing a TLS layer would
     *     itself try to write a close_notify
     * @param timeoutMillis the timeout, positive
     */
    public IoTimeoutGuard(Socket tcp, int timeoutMillis) {
        this.tcp = tcp;
        this.timeoutMillis = timeoutMillis;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.registration = new WeakReference<>(this);
        Watchdog.register(registration);
    }

    /** @return {@code in} with every read bounded by the timeout */
    public InputStream input(InputStream in) {
        return new Input(in);
    }

    /** @return {@code out} with every write bounded by the timeout */
    public OutputStream output(OutputStream out) {
        return new Output(out);
    }

    /** Stops watching (the connection is being closed). */
    public void release() {
        Watchdog.unregister(registration);
    }

    /** Called by the watchdog: closes the socket when the I/O in progress is overdue. */
    private void check(long now) {
        long read = readStarted;
        long write = writeStarted;
        String overdue = read != 0 && now - read > timeoutNanos ? "read"
                : write != 0 && now - write > timeoutNanos ? "write" : null;
        if (overdue != null) {
            timedOut = overdue;
            Transport.closeQuietly(tcp);
        }
    }

    private IOException failure(IOException cause) {
        String what = timedOut;
        if (what == null) {
            return cause;
        }
        SocketTimeoutException e = new SocketTimeoutException(what.equals("read")
                ? "read timed out after " + timeoutMillis + " ms"
                : "write timed out after " + timeoutMillis + " ms (the server stopped reading)");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private final class Input extends InputStream {
        private final InputStream in;

        Input(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            readStarted = System.nanoTime() | 1;
            try {
                return in.read();
            } catch (IOException e) {
                throw failure(e);
            } finally {
                readStarted = 0;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            readStarted = System.nanoTime() | 1;
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw failure(e);
            } finally {
                readStarted = 0;
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private final class Output extends OutputStream {
        private final OutputStream out;

        Output(OutputStream out) {
            this.out = out;
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
                    throw failure(e);
                } finally {
                    writeStarted = 0;
                }
                if (timedOut != null) {
                    throw failure(null);
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
            release();
            out.close();
        }
    }

    /**
     * The one daemon thread that checks I/O in progress. It runs only while some connection with a
     * timeout is open, and stops when none is left. It ignores interrupts.
     */
    static final class Watchdog {
        /** How often I/O in progress is checked: the precision of the timeouts. */
        static final long TICK_MILLIS = 50;

        /** The thread's name. */
        static final String THREAD_NAME = "httplib-io-timeout";

        private static final Set<WeakReference<IoTimeoutGuard>> WATCHED = ConcurrentHashMap.newKeySet();
        private static boolean running;

        private Watchdog() {}

        static void register(WeakReference<IoTimeoutGuard> ref) {
            synchronized (Watchdog.class) {
                WATCHED.add(ref);
                if (!running) {
                    running = true;
                    Thread t = new Thread(Watchdog::run, THREAD_NAME);
                    t.setDaemon(true);
                    t.start();
                }
            }
        }

        static void unregister(WeakReference<IoTimeoutGuard> ref) {
            WATCHED.remove(ref);
        }

        private static void run() {
            while (true) {
                try {
                    Thread.sleep(TICK_MILLIS);
                } catch (InterruptedException e) {
                    // This thread belongs to no caller: an interrupt (a shutdown hook interrupting
                    // every thread, a debugger) is not a request to stop guarding I/O in progress.
                    // The flag stays cleared, so the next sleep sleeps: restoring it made every
                    // later sleep fail at once and the thread spin on a core.
                }
                long now = System.nanoTime();
                for (WeakReference<IoTimeoutGuard> ref : WATCHED) {
                    IoTimeoutGuard g = ref.get();
                    if (g == null || g.tcp.isClosed()) {
                        WATCHED.remove(ref);
                    } else {
                        g.check(now);
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
