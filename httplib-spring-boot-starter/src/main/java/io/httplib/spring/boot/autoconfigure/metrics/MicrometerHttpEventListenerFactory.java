package io.httplib.spring.boot.autoconfigure.metrics;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes one {@link MicrometerHttpEventListener} per call. The phase meters of each client are
 * built once and cached by client name, so a call costs map look-ups, not meter registrations.
 */
public final class MicrometerHttpEventListenerFactory implements HttpEventListener.Factory {

    /** Timer of TCP connection set-up. */
    public static final String CONNECT = "httplib.client.connect";

    /** Timer of TLS handshakes. */
    public static final String TLS_HANDSHAKE = "httplib.client.tls.handshake";

    /** Timer from starting to write a request to the start of its response. */
    public static final String TIME_TO_FIRST_BYTE = "httplib.client.time.to.first.byte";

    /** Summary of bytes written per call (request line, headers and body). */
    public static final String BYTES_SENT = "httplib.client.bytes.sent";

    /** Summary of response body bytes read per call. */
    public static final String BYTES_RECEIVED = "httplib.client.bytes.received";

    /**
     * The {@link io.httplib.ClientRequest.Builder#attribute call attribute} (value
     * {@link Boolean#TRUE}) of a call made inside an outer client observation that already makes the
     * client span and propagates the trace context: {@code HttplibClientHttpRequestFactory} sets it
     * on the calls of {@code RestClient} and {@code RestTemplate}. When the current observation at
     * the start of such a call is a client sender observation, httplib makes no span of its own and
     * records only its meters (see {@link HttplibObservationContext#isCoveredByOuterObservation()}).
     */
    public static final String OUTER_OBSERVATION_ATTRIBUTE = "io.httplib.observation.outer";

    static final String CLIENT_NAME = "client.name";

    private final MeterRegistry meterRegistry;

    private final ObservationRegistry observationRegistry;

    private final HttplibObservationConvention convention;

    private final Map<String, Meters> meters = new ConcurrentHashMap<>();

    public MicrometerHttpEventListenerFactory(MeterRegistry meterRegistry, ObservationRegistry observationRegistry,
            HttplibObservationConvention convention) {
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
        this.convention = (convention != null) ? convention : new DefaultHttplibObservationConvention();
    }

    @Override
    public HttpEventListener create(CallContext call) {
        HttplibObservationContext context = new HttplibObservationContext(call);
        Observation observation = Observation.createNotStarted(null, this.convention, () -> context,
                this.observationRegistry);
        String clientName = (call.clientName() != null) ? call.clientName() : "none";
        return new MicrometerHttpEventListener(this.meters.computeIfAbsent(clientName, this::meters),
                this.meterRegistry.config().clock(), observation, context, this.observationRegistry);
    }

    private Meters meters(String clientName) {
        MeterRegistry registry = this.meterRegistry;
        return new Meters(
                Timer.builder(CONNECT).description("Time to open a TCP connection")
                    .tag(CLIENT_NAME, clientName).register(registry),
                Timer.builder(TLS_HANDSHAKE).description("Time of a TLS handshake")
                    .tag(CLIENT_NAME, clientName).register(registry),
                Timer.builder(TIME_TO_FIRST_BYTE)
                    .description("Time from starting to write a request to the first byte of its response")
                    .tag(CLIENT_NAME, clientName).register(registry),
                DistributionSummary.builder(BYTES_SENT).description("Bytes written per call").baseUnit("bytes")
                    .tag(CLIENT_NAME, clientName).register(registry),
                DistributionSummary.builder(BYTES_RECEIVED).description("Response body bytes read per call")
                    .baseUnit("bytes").tag(CLIENT_NAME, clientName).register(registry));
    }

    record Meters(Timer connect, Timer tlsHandshake, Timer timeToFirstByte, DistributionSummary bytesSent,
            DistributionSummary bytesReceived) {
    }
}
