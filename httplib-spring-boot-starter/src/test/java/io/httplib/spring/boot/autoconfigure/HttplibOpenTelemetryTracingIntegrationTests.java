package io.httplib.spring.boot.autoconfigure;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.otel.bridge.OtelFinishedSpan;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The tracing scenarios with Micrometer Tracing over OpenTelemetry, as Spring Boot configures it
 * (the Brave bridge, also on the test class path, is left out).
 */
@SpringBootTest(
        classes = { TestApplication.class, HttplibTracingScenarios.Recording.class,
                HttplibOpenTelemetryTracingIntegrationTests.OpenTelemetrySpans.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { HttplibTracingScenarios.SAMPLE_ALL, HttplibTracingScenarios.W3C_AND_B3,
                "spring.autoconfigure.exclude="
                        + "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration" })
@AutoConfigureTracing
class HttplibOpenTelemetryTracingIntegrationTests extends HttplibTracingScenarios {

    @TestConfiguration(proxyBeanMethods = false)
    static class OpenTelemetrySpans {

        @Bean
        Collector openTelemetrySpanCollector() {
            return new Collector();
        }
    }

    /**
     * Keeps every span the SDK ends, synchronously (Spring Boot adds every {@link SpanProcessor}
     * bean to the tracer provider).
     */
    static final class Collector implements SpanProcessor, FinishedSpans {

        private final List<FinishedSpan> spans = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            this.spans.add(OtelFinishedSpan.fromOtel(span.toSpanData()));
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public List<FinishedSpan> all() {
            return List.copyOf(this.spans);
        }

        @Override
        public void clear() {
            this.spans.clear();
        }
    }
}
