package io.httplib.spring.boot.autoconfigure.metrics;

import io.httplib.HttplibClient;
import io.httplib.spring.boot.autoconfigure.HttplibAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Micrometer metrics and observations for httplib, when Micrometer is on the class path and a
 * {@link MeterRegistry} bean exists (and {@code httplib.metrics.enabled} is not false).
 *
 * <p>The per-call listener uses the application's {@link ObservationRegistry} so that tracing
 * sees httplib calls (a client span per call, its context propagated in the requests); without one
 * it uses a registry of its own that only records meters. With Micrometer Tracing on the class
 * path, {@link HttplibCoveredCallTracingHandler} keeps calls made through {@code RestClient} or
 * {@code RestTemplate} to the one client span Spring's observation makes.
 */
@AutoConfiguration(before = HttplibAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
                "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ HttplibClient.class, MeterRegistry.class, ObservationRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "httplib.metrics.enabled", matchIfMissing = true)
public final class HttplibMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HttplibObservationConvention httplibObservationConvention() {
        return new DefaultHttplibObservationConvention();
    }

    @Bean
    @ConditionalOnMissingBean
    MicrometerHttpEventListenerFactory httplibMicrometerListenerFactory(MeterRegistry meterRegistry,
            ObjectProvider<ObservationRegistry> observationRegistry, HttplibObservationConvention convention) {
        ObservationRegistry registry = observationRegistry.getIfUnique(() -> {
            ObservationRegistry own = ObservationRegistry.create();
            own.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
            return own;
        });
        return new MicrometerHttpEventListenerFactory(meterRegistry, registry, convention);
    }

    @Bean
    @ConditionalOnMissingBean
    HttplibPoolMetrics httplibPoolMetrics(ListableBeanFactory beanFactory, MeterRegistry registry) {
        return new HttplibPoolMetrics(beanFactory, registry);
    }

    /** With Micrometer Tracing: no second span for calls Spring's client observation covers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TracingObservationHandler.class)
    static class TracingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @Order(HttplibCoveredCallTracingHandler.ORDER)
        HttplibCoveredCallTracingHandler httplibCoveredCallTracingHandler() {
            return new HttplibCoveredCallTracingHandler();
        }
    }
}
