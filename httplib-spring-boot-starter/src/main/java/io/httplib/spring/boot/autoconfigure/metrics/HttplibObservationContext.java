package io.httplib.spring.boot.autoconfigure.metrics;

import io.httplib.event.CallContext;
import io.micrometer.observation.Observation;
import java.util.Objects;

/**
 * The {@link Observation.Context} of one httplib call (one {@code HttplibClient.send}, redirects
 * and retries included): the call itself, and the status of the final response once known.
 */
public class HttplibObservationContext extends Observation.Context {

    private final CallContext call;

    private volatile Integer status;

    public HttplibObservationContext(CallContext call) {
        this.call = Objects.requireNonNull(call, "call");
    }

    /** The call being observed. */
    public CallContext getCall() {
        return this.call;
    }

    /** The status of the last response received, or {@code null} when none arrived. */
    public Integer getStatus() {
        return this.status;
    }

    public void setStatus(Integer status) {
        this.status = status;
    }
}
