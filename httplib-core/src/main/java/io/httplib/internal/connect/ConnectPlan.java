package io.httplib.internal.connect;

import io.httplib.HTTPException;
import io.httplib.internal.event.EventDispatcher;
import io.httplib.internal.http1.HostAndPort;
import io.httplib.internal.http1.HttpInputBuffer;
import io.httplib.internal.http1.Transport;
import io.httplib.internal.http1.WireDebug;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import javax.net.ssl.SSLSocket;

/**
 * Establishes one connection, step by step: DNS (every address, in order), TCP to each address
 * until one answers, the {@code CONNECT} tunnel when there is a proxy, then TLS with the origin
 * (SNI and host name checked against the origin, never the proxy). It emits the listener events
 * of each step and returns a {@link Transport}; it never sees a request.
 *
 * <p>Every wait is bounded: the TCP connect by the connect timeout, each read of the tunnel
 * exchange and the handshake by the connect timeout (the read timeout when none is set), and all
 * of them by the time left before the deadline. {@link #cancel()}, from any thread, closes the
 * socket in progress and makes every later step fail: a cancelled plan never opens anything.
 * DNS is bounded only by the system resolver's own timeouts (the JDK has no other), and the
 * deadline is checked as soon as it returns.
 *
 * <p>One plan per establishment; not reusable.
 */
public final class ConnectPlan {

    private final ConnectSpec spec;
    private final EventDispatcher events;
    private final WireDebug debug;
    private final boolean bounded;
    private final long deadlineNanos;
    private volatile Socket current;
    private volatile boolean cancelled;

    /**
     * @param spec what to connect to
     * @param events the call's events, or null
     * @param debug where {@code CONNECT} lines are printed
     * @param deadlineNanos the call's deadline on the {@link System#nanoTime()} scale, when {@code bounded}
     * @param bounded whether there is a deadline
     */
    public ConnectPlan(ConnectSpec spec, EventDispatcher events, WireDebug debug, long deadlineNanos, boolean bounded) {
        this.spec = spec;
        this.events = events;
        this.debug = debug;
        this.deadlineNanos = deadlineNanos;
        this.bounded = bounded;
    }

    /**
     * Runs every step.
     *
     * @return the established connection
     * @throws java.net.UnknownHostException when the name does not resolve
     * @throws java.net.ConnectException when every address refused (the last failure)
     * @throws SocketTimeoutException when a step exceeded its timeout or the deadline
     * @throws io.httplib.TunnelRefused when the proxy refused the tunnel
     * @throws javax.net.ssl.SSLException when the TLS handshake failed
     * @throws SocketException when the plan was cancelled
     */
    public Transport connect() throws IOException {
        checkCancelled();
        EventDispatcher ev = events;
        if (ev != null) {
            ev.dnsStart(spec.host());
        }
        InetAddress[] addresses = InetAddress.getAllByName(spec.host());
        if (ev != null) {
            ev.dnsEnd(spec.host(), Arrays.asList(addresses));
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            InetSocketAddress target = new InetSocketAddress(address, spec.port());
            int connectTimeout = bound(spec.connectTimeoutMillis(), "connecting to " + target);
            SocketChannel channel = SocketChannel.open();
            Socket tcp = channel.socket();
            if (ev != null) {
                ev.connectStart(target);
            }
            try {
                register(tcp);
                if (spec.sourceAddress() != null) {
                    tcp.bind(spec.sourceAddress());
                }
                tcp.connect(target, connectTimeout);
                checkCancelled();
                tcp.setTcpNoDelay(true);
            } catch (IOException e) {
                Transport.closeQuietly(tcp);
                IOException failure = cancelled ? cancelledException(e) : e;
                if (ev != null) {
                    ev.connectFailed(target, failure);
                }
                if (cancelled || failure instanceof SocketTimeoutException && bounded && timeLeft() <= 0) {
                    throw failure;
                }
                last = failure;
                continue;
            }
            return establishOver(tcp, channel, target);
        }
        throw last;
    }

    /** The steps after TCP: tunnel, TLS; the socket is closed on any failure. */
    private Transport establishOver(Socket tcp, SocketChannel channel, InetSocketAddress target) throws IOException {
        EventDispatcher ev = events;
        try {
            HttpInputBuffer in = null;
            if (spec.tunnel() != null) {
                tcp.setSoTimeout(bound(spec.handshakeTimeoutMillis(), "opening the tunnel through " + target));
                try {
                    in = TunnelHandshake.open(tcp, HostAndPort.authority(spec.host(), spec.port()), spec.tunnel(),
                            spec.limits(), debug);
                } catch (IOException e) {
                    if (ev != null) {
                        ev.connectFailed(target, e);
                    }
                    throw e;
                }
                checkCancelled();
            }
            if (ev != null) {
                ev.connectEnd(target);
            }
            if (spec.tls() == null) {
                return new Transport(tcp, tcp, channel, in, target, spec.readTimeoutMillis());
            }
            if (in != null && in.buffered() > 0) {
                throw new HTTPException("the proxy sent " + in.buffered()
                        + " bytes after its CONNECT reply, before the TLS handshake");
            }
            if (ev != null) {
                ev.secureConnectStart();
            }
            tcp.setSoTimeout(bound(spec.handshakeTimeoutMillis(), "in the TLS handshake with " + spec.originHost()));
            SSLSocket tls = spec.tls().createSocket(tcp, spec.originHost(), spec.originPort());
            checkCancelled();
            if (ev != null) {
                ev.secureConnectEnd(tls.getSession());
            }
            return new Transport(tls, tcp, null, null, target, spec.readTimeoutMillis());
        } catch (IOException | RuntimeException e) {
            Transport.closeQuietly(tcp);
            if (cancelled && e instanceof IOException io) {
                throw cancelledException(io);
            }
            throw e;
        }
    }

    /**
     * Closes the socket being connected, if any, and makes every later step fail. Safe from any
     * thread, at any time; idempotent.
     */
    public void cancel() {
        cancelled = true;
        Socket s = current;
        if (s != null) {
            Transport.closeQuietly(s);
        }
    }

    /** Makes {@code s} the socket {@link #cancel()} closes; closes it at once if cancel came first. */
    private void register(Socket s) throws SocketException {
        current = s;
        checkCancelled();
    }

    private void checkCancelled() throws SocketException {
        if (cancelled) {
            Socket s = current;
            if (s != null) {
                Transport.closeQuietly(s);
            }
            throw cancelledException(null);
        }
    }

    private SocketException cancelledException(IOException cause) {
        SocketException e = new SocketException("connection to " + spec.host() + ":" + spec.port() + " was aborted");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private long timeLeft() {
        return deadlineNanos - System.nanoTime();
    }

    /**
     * @param timeoutMillis a step's own timeout, 0 for none
     * @return the step's bound: its timeout, or less when the deadline is nearer
     * @throws SocketTimeoutException when the deadline has already passed
     */
    private int bound(int timeoutMillis, String step) throws SocketTimeoutException {
        if (!bounded) {
            return timeoutMillis;
        }
        long left = timeLeft();
        if (left <= 0) {
            throw new SocketTimeoutException("request deadline passed before " + step);
        }
        long ms = Math.max(1, (left + 999_999) / 1_000_000);
        return timeoutMillis == 0 || ms < timeoutMillis ? (int) Math.min(Integer.MAX_VALUE, ms) : timeoutMillis;
    }
}
