package io.httplib.spring.boot.autoconfigure.metrics;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.micrometer.core.instrument.Clock;
import io.micrometer.observation.Observation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * Records one httplib call: an {@link Observation} for the whole call (which Micrometer turns
 * into the {@code httplib.client.requests} timer and, with a tracer, a span), and timers and
 * summaries for its phases. One instance per call (made by
 * {@link MicrometerHttpEventListenerFactory}), so it keeps its state in plain fields; the core
 * calls it from one thread at a time.
 *
 * <p>Phase times are read from the meter registry's clock. Like every listener it is fast and
 * never throws.
 */
public final class MicrometerHttpEventListener implements HttpEventListener {

    private final MicrometerHttpEventListenerFactory.Meters meters;

    private final Clock clock;

    private final Observation observation;

    private final HttplibObservationContext context;

    private long connectStart = -1;

    private long secureConnectStart = -1;

    private long requestStart = -1;

    private long bytesSent;

    private long bytesReceived;

    private boolean ended;

    MicrometerHttpEventListener(MicrometerHttpEventListenerFactory.Meters meters, Clock clock,
            Observation observation, HttplibObservationContext context) {
        this.meters = meters;
        this.clock = clock;
        this.observation = observation;
        this.context = context;
    }

    /** The observation of this call (started by {@link #callStart}). */
    public Observation observation() {
        return this.observation;
    }

    @Override
    public void callStart(CallContext call) {
        this.observation.start();
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
        this.meters.bytesSent().record(this.bytesSent);
        this.meters.bytesReceived().record(this.bytesReceived);
        if (failure != null) {
            this.observation.error(failure);
        }
        this.observation.stop();
    }
}
