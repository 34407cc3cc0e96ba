package io.httplib.spring.boot.autoconfigure.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of an httplib call. Define a bean of this type to replace
 * {@link DefaultHttplibObservationConvention}, typically by extending it.
 */
public interface HttplibObservationConvention extends ObservationConvention<HttplibObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof HttplibObservationContext;
    }
}
