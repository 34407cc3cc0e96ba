package io.httplib.spring.boot.autoconfigure.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * The tracing handler of httplib calls that an outer client observation covers
 * ({@link HttplibObservationContext#isCoveredByOuterObservation()}: a {@code RestClient} or
 * {@code RestTemplate} call, whose client span Spring's observation makes and whose trace context
 * Spring propagates): it makes no span and changes no current span, so each call has one client
 * span, not two.
 *
 * <p>Spring Boot puts every {@link TracingObservationHandler} bean in one first-matching group
 * ordered by {@code @Order}; this one is ordered ({@link #ORDER}) ahead of Boot's own tracing
 * handlers, so for a covered call they are not called. The meter handlers are in another group
 * and still record httplib's meters for the call. It keeps the empty {@code TracingContext} that
 * Boot's tracing-aware meter handler expects to find.
 */
public final class HttplibCoveredCallTracingHandler implements TracingObservationHandler<HttplibObservationContext> {

    /**
     * The bean's order: ahead of Spring Boot's receiver (1000), sender (2000) and default tracing
     * handlers.
     */
    public static final int ORDER = 0;

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof HttplibObservationContext httplib && httplib.isCoveredByOuterObservation();
    }

    @Override
    public void onStart(HttplibObservationContext context) {
        getTracingContext(context);
    }

    @Override
    public void onScopeOpened(HttplibObservationContext context) {
        // No span of its own: the outer observation's span stays the current one.
    }

    @Override
    public void onScopeClosed(HttplibObservationContext context) {
    }

    @Override
    public void onScopeReset(HttplibObservationContext context) {
    }

    @Override
    public void onEvent(Observation.Event event, HttplibObservationContext context) {
    }

    @Override
    public void onError(HttplibObservationContext context) {
        // The outer observation records the error on its span.
    }

    @Override
    public void onStop(HttplibObservationContext context) {
    }

    @Override
    public Tracer getTracer() {
        return Tracer.NOOP;
    }
}
