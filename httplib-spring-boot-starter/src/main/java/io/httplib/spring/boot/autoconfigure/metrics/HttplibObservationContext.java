package io.httplib.spring.boot.autoconfigure.metrics;

import io.httplib.event.CallContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.RequestReplySenderContext;
import java.util.Objects;

/**
 * The {@link Observation.Context} of one httplib call (one {@code HttplibClient.send}, redirects
 * and retries included): a {@link RequestReplySenderContext} of kind {@link Kind#CLIENT} whose
 * carrier is the call itself, so that a tracer (Micrometer Tracing with Brave or OpenTelemetry)
 * makes a client span and injects its context ({@code traceparent}, {@code b3}...) into every
 * request of the call through {@link CallContext#setRequestHeader}. The response is the status
 * code of the final response, once known.
 *
 * <p>A call that an outer client observation already covers (Spring's {@code RestClient} or
 * {@code RestTemplate} observation, see {@link #isCoveredByOuterObservation()}) is observed for
 * its meters only: the outer observation makes the client span and propagates the trace.
 */
public class HttplibObservationContext extends RequestReplySenderContext<CallContext, Integer> {

    private final CallContext call;

    private volatile boolean coveredByOuterObservation;

    public HttplibObservationContext(CallContext call) {
        super(HttplibObservationContext::setHeader);
        this.call = Objects.requireNonNull(call, "call");
        setCarrier(call);
        setRemoteServiceAddress(call.scheme() + "://" + call.host() + ":" + call.port());
    }

    /**
     * The setter tracers inject through. A field an HTTP header cannot carry (a value with a line
     * break, a name that is not a token) is not sent: the call goes on without that one field
     * rather than failing because of its trace context.
     */
    private static void setHeader(CallContext call, String name, String value) {
        if (call == null) {
            return;
        }
        try {
            call.setRequestHeader(name, value);
        }
        catch (IllegalArgumentException ex) {
            // Not a valid header field (RFC 9110 section 5): left out.
        }
    }

    /** The call being observed. */
    public CallContext getCall() {
        return this.call;
    }

    /** The status of the last response received, or {@code null} when none arrived. */
    public Integer getStatus() {
        return getResponse();
    }

    public void setStatus(Integer status) {
        setResponse(status);
    }

    /**
     * Whether an outer client observation covers this call: the call was marked with
     * {@link MicrometerHttpEventListenerFactory#OUTER_OBSERVATION_ATTRIBUTE} (as
     * {@code HttplibClientHttpRequestFactory} marks the calls of {@code RestClient} and
     * {@code RestTemplate}) and, when it started, the current observation was a client sender
     * observation (the outer layer's). Such a call makes no span of its own: its observation still
     * records httplib's meters. Decided once, before the observation starts.
     */
    public boolean isCoveredByOuterObservation() {
        return this.coveredByOuterObservation;
    }

    void setCoveredByOuterObservation(boolean covered) {
        this.coveredByOuterObservation = covered;
    }
}
