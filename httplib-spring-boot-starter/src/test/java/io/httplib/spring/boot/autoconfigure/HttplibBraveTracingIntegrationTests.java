package io.httplib.spring.boot.autoconfigure;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.micrometer.tracing.brave.bridge.BraveFinishedSpan;
import io.micrometer.tracing.exporter.FinishedSpan;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The tracing scenarios with Micrometer Tracing over Brave, as Spring Boot configures it (the
 * OpenTelemetry bridge, also on the test class path, is left out).
 */
@SpringBootTest(
        classes = { TestApplication.class, HttplibTracingScenarios.Recording.class,
                HttplibBraveTracingIntegrationTests.BraveSpans.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { HttplibTracingScenarios.SAMPLE_ALL, HttplibTracingScenarios.W3C_AND_B3,
                "spring.autoconfigure.exclude="
                        + "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@AutoConfigureTracing
class HttplibBraveTracingIntegrationTests extends HttplibTracingScenarios {

    @TestConfiguration(proxyBeanMethods = false)
    static class BraveSpans {

        @Bean
        Collector braveSpanCollector() {
            return new Collector();
        }
    }

    /** Keeps every span Brave finishes (Spring Boot adds every {@link SpanHandler} bean to Brave). */
    static final class Collector extends SpanHandler implements FinishedSpans {

        private final List<FinishedSpan> spans = new CopyOnWriteArrayList<>();

        @Override
        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
            if (cause == Cause.FINISHED) {
                this.spans.add(BraveFinishedSpan.fromBrave(span));
            }
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
