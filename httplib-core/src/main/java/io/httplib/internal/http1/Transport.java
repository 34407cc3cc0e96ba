package io.httplib.internal.http1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * An established connection, as the establishment unit ({@code io.httplib.internal.connect})
 * hands it over: TCP connected, tunnel opened, TLS negotiated. It owns the socket, the
 * connection's one read buffer and its guarded output stream. The exchange codec speaks HTTP on
 * it; nothing here ever opens or reopens a socket.
 *
 * <p>Only {@link #abort()} may be called from another thread.
 */
public final class Transport {

    private final Socket socket;
    private final Socket tcp;
    private final SocketChannel channel;
    private final HttpInputBuffer in;
    private final OutputStream out;
    private final InetSocketAddress peer;
    private final int readTimeoutMillis;
    /** Bounds reads and writes by {@link #readTimeoutMillis}; null without a timeout. */
    private final IoTimeoutGuard guard;
    /** One-byte buffer of the stale probe, reused: a byte it reads condemns the connection anyway. */
    private ByteBuffer probe;
    private volatile boolean closed;

    /**
     * @param socket the socket HTTP is spoken on: the TLS socket, or the TCP one
     * @param tcp the TCP socket under it (the same as {@code socket} without TLS)
     * @param channel the TCP socket's channel for the non-blocking stale probe; null under TLS
     * @param tunnelled the read buffer a CONNECT exchange left over {@code socket} (it may already
     *     hold bytes of the tunnel), or null to make one
     * @param peer the address connected to (a proxy's when tunnelling)
     * @param readTimeoutMillis bound of each read and write, 0 for none; enforced by an
     *     {@link IoTimeoutGuard}, so the socket itself keeps no timeout (see there why)
     */
    public Transport(Socket socket, Socket tcp, SocketChannel channel, HttpInputBuffer tunnelled,
            InetSocketAddress peer, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        this.tcp = tcp;
        this.channel = channel;
        this.peer = peer;
        this.readTimeoutMillis = readTimeoutMillis;
        socket.setSoTimeout(0);
        InputStream rawIn = socket.getInputStream();
        OutputStream rawOut = socket.getOutputStream();
        this.guard = readTimeoutMillis > 0 ? new IoTimeoutGuard(tcp, readTimeoutMillis) : null;
        InputStream input = guard != null ? guard.input(rawIn) : rawIn;
        this.out = guard != null ? guard.output(rawOut) : rawOut;
        if (tunnelled != null) {
            tunnelled.source(input);
            this.in = tunnelled;
        } else {
            this.in = new HttpInputBuffer(input);
        }
    }

    /** Opens the read buffer over a connected socket, for establishment. */
    public static HttpInputBuffer bufferFor(Socket s) throws IOException {
        return new HttpInputBuffer(s.getInputStream());
    }

    /** @return the read buffer */
    public HttpInputBuffer in() {
        return in;
    }

    /** @return the output stream, writes bounded by the read timeout */
    public OutputStream out() {
        return out;
    }

    /** @return the address connected to */
    public InetSocketAddress peer() {
        return peer;
    }

    /** @return the TLS session, or null without TLS */
    public SSLSession tlsSession() {
        return socket instanceof SSLSocket ssl ? ssl.getSession() : null;
    }

    /** @return the read timeout in milliseconds, 0 for none */
    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /**
     * Sets a shorter bound for one wait (the {@code 100-continue} wait, the drain on close) as a
     * socket timeout; {@link #restoreReadTimeout()} takes it off again (the guard's read timeout
     * stays in force throughout).
     */
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Takes off the socket timeout of {@link #setReadTimeout}. */
    public void restoreReadTimeout() throws IOException {
        socket.setSoTimeout(0);
    }

    /** @return false once closed or aborted */
    public boolean isOpen() {
        return !closed && !tcp.isClosed();
    }

    /**
     * Whether a kept-alive connection went bad while idle: the server closed it, or sent bytes no
     * request asked for (their framing cannot be trusted, so they are never parsed as a response).
     * Any failure of the probe itself counts as stale.
     */
    public boolean isStale() {
        if (!isOpen() || in.buffered() > 0) {
            return true;
        }
        try {
            if (channel != null) {
                // Plain TCP: a non-blocking read sees EOF or unsolicited data at no waiting cost.
                ByteBuffer b = probe;
                if (b == null) {
                    probe = b = ByteBuffer.allocate(1);
                }
                channel.configureBlocking(false);
                try {
                    b.clear();
                    return channel.read(b) != 0;
                } finally {
                    channel.configureBlocking(true);
                }
            }
            // TLS: only look when raw bytes are waiting (a close_notify or stray data); a TLS 1.3
            // session ticket is consumed by the read and leaves the connection healthy.
            InputStream raw = tcp.getInputStream();
            if (raw.available() == 0) {
                return tcp.isInputShutdown();
            }
            socket.setSoTimeout(1);
            try {
                return in.fill() != 0;
            } catch (SocketTimeoutException e) {
                return false;
            } finally {
                socket.setSoTimeout(0);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** Closes the connection (no close_notify wait; the write guard is released). Idempotent. */
    public void close() {
        closed = true;
        if (guard != null) {
            guard.release();
        }
        closeQuietly(socket);
    }

    /**
     * Closes the TCP socket from another thread, so that I/O blocked on it fails at once. The TCP
     * socket, not a TLS layer over it: closing that would try to write close_notify.
     */
    public void abort() {
        closed = true;
        closeQuietly(tcp);
    }

    /** Closes a socket, ignoring failures: the socket is unusable either way. */
    public static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "Transport[" + peer + (channel == null ? ", tls" : "") + (closed ? ", closed" : "") + "]";
    }
}
