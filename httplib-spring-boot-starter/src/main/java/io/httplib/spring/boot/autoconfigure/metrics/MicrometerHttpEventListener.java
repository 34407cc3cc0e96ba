package io.httplib.spring.boot.autoconfigure.metrics;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * Records one httplib call: an {@link Observation} for the whole call (which Micrometer turns
 * into the {@code httplib.client.requests} timer and, with a tracer, a client span), and timers
 * and summaries for its phases. One instance per call (made by
 * {@link MicrometerHttpEventListenerFactory}), so it keeps its state in plain fields; the core
 * calls it from one thread at a time.
 *
 * <h2>Tracing</h2>
 * The observation starts in {@code callStart}, before the first request is written: a tracer
 * makes a client span (child of the current span) and injects its context into the call's
 * requests through {@link io.httplib.event.CallContext#setRequestHeader}. A call that an outer
 * client observation covers ({@link HttplibObservationContext#isCoveredByOuterObservation()})
 * makes no span.
 *
 * <h2>The scope covers {@code send()}, on the caller's thread</h2>
 * The observation is the current one (its scope open, so its span is the current span: log
 * correlation, nested observations) from {@code callStart} until {@code sendReturned}, both on
 * the thread that called {@code HttplibClient.send}. The call itself lasts until its response
 * body ends, which may happen on another thread; a scope is thread-bound, so it is never carried
 * there: it is closed when {@code send} returns (or, when the call ends inside {@code send},
 * just before the observation stops, on that same thread), and never on a thread that did not
 * open it.
 *
 * <p>Phase times are read from the meter registry's clock. Like every listener it is fast and
 * never throws.
 */
public final class MicrometerHttpEventListener implements HttpEventListener {

    private final MicrometerHttpEventListenerFactory.Meters meters;

    private final Clock clock;

    private final Observation observation;

    private final HttplibObservationContext context;

    private final ObservationRegistry registry;

    /** The open scope, or null; opened and closed on {@link #scopeThread} only. */
    private volatile Observation.Scope scope;

    private volatile Thread scopeThread;

    private long connectStart = -1;

    private long secureConnectStart = -1;

    private long requestStart = -1;

    private long bytesSent;

    private long bytesReceived;

    private boolean ended;

    MicrometerHttpEventListener(MicrometerHttpEventListenerFactory.Meters meters, Clock clock,
            Observation observation, HttplibObservationContext context, ObservationRegistry registry) {
        this.meters = meters;
        this.clock = clock;
        this.observation = observation;
        this.context = context;
        this.registry = registry;
    }

    /** The observation of this call (started by {@link #callStart}). */
    public Observation observation() {
        return this.observation;
    }

    @Override
    public void callStart(CallContext call) {
        this.context.setCoveredByOuterObservation(
                Boolean.TRUE.equals(call.getAttribute(MicrometerHttpEventListenerFactory.OUTER_OBSERVATION_ATTRIBUTE))
                        && clientObservationIsCurrent());
        this.observation.start();
        this.scopeThread = Thread.currentThread();
        this.scope = this.observation.openScope();
    }

    /**
     * Whether the current observation is a client sender observation: the outer layer that marked
     * the call (Spring's {@code RestClient} opens its observation's scope around the exchange). A
     * marked call without one (a {@code RestClient} built without an observation registry) is
     * observed, traced and propagated by httplib itself.
     */
    private boolean clientObservationIsCurrent() {
        Observation current = this.registry.getCurrentObservation();
        return current != null && !current.isNoop() && current.getContext() instanceof SenderContext<?> sender
                && sender.getKind() == Kind.CLIENT;
    }

    @Override
    public void sendReturned(CallContext call) {
        closeScope();
    }

    /** Closes the scope if it is open and this is the thread that opened it. */
    private void closeScope() {
        Observation.Scope open = this.scope;
        if (open != null && this.scopeThread == Thread.currentThread()) {
            this.scope = null;
            open.close();
        }
    }

    @Override
    public void connectStart(CallContext call, InetSocketAddress address) {
        this.connectStart = this.clock.monotonicTime();
    }

    @Override
    public void connectEnd(CallContext call, InetSocketAddress address) {
        if (this.connectStart >= 0) {
            this.meters.connect().record(this.clock.monotonicTime() - this.connectStart, TimeUnit.NANOSECONDS);
            this.connectStart = -1;
        }
    }

    @Override
    public void connectFailed(CallContext call, InetSocketAddress address, IOException failure) {
        this.connectStart = -1;
    }

    @Override
    public void secureConnectStart(CallContext call) {
        this.secureConnectStart = this.clock.monotonicTime();
    }

    @Override
    public void secureConnectEnd(CallContext call, SSLSession session) {
        if (this.secureConnectStart >= 0) {
            this.meters.tlsHandshake()
                .record(this.clock.monotonicTime() - this.secureConnectStart, TimeUnit.NANOSECONDS);
            this.secureConnectStart = -1;
        }
    }

    @Override
    public void requestHeadersStart(CallContext call) {
        this.requestStart = this.clock.monotonicTime();
    }

    @Override
    public void requestHeadersEnd(CallContext call, long headerBytes) {
        this.bytesSent += Math.max(0, headerBytes);
    }

    @Override
    public void requestBodyEnd(CallContext call, long bodyBytes) {
        this.bytesSent += Math.max(0, bodyBytes);
    }

    @Override
    public void responseHeadersStart(CallContext call) {
        if (this.requestStart >= 0) {
            this.meters.timeToFirstByte()
                .record(this.clock.monotonicTime() - this.requestStart, TimeUnit.NANOSECONDS);
            this.requestStart = -1;
        }
    }

    @Override
    public void responseHeadersEnd(CallContext call, int status) {
        this.context.setStatus(status);
    }

    @Override
    public void responseBodyEnd(CallContext call, long bodyBytes) {
        this.bytesReceived += Math.max(0, bodyBytes);
    }

    @Override
    public void callEnd(CallContext call) {
        end(null);
    }

    @Override
    public void callFailed(CallContext call, IOException failure) {
        end(failure);
    }

    private void end(IOException failure) {
        if (this.ended) {
            return;
        }
        this.ended = true;
        // Ended inside send() (no body to read, or a failure): the scope closes before the stop.
        closeScope();
        this.meters.bytesSent().record(this.bytesSent);
        this.meters.bytesReceived().record(this.bytesReceived);
        if (failure != null) {
            this.observation.error(failure);
        }
        this.observation.stop();
    }
}
