package io.httplib.bench.restclient;

import io.httplib.spring.boot.autoconfigure.HttplibAutoConfiguration;
import io.httplib.spring.boot.autoconfigure.HttplibHttpClientAutoConfiguration;
import io.httplib.spring.boot.autoconfigure.HttplibPropertiesMapper;
import io.httplib.spring.boot.autoconfigure.metrics.HttplibMetricsAutoConfiguration;
import io.httplib.spring.boot.autoconfigure.metrics.MicrometerHttpEventListenerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Builds each request factory the way Spring Boot 4 builds it with no {@code spring.http.clients.*}
 * or {@code httplib.*} property set: Boot's own {@link ClientHttpRequestFactoryBuilder} for
 * {@code simple}, {@code jdk}, {@code apache}, {@code jetty} and {@code reactor} (what
 * {@code spring.http.clients.imperative.factory} selects), and for {@code httplib} the builder
 * bean that the starter's auto-configuration makes ({@link HttplibPropertiesMapper} over default
 * {@code HttplibProperties}, {@code HttplibClientHttpRequestFactoryBuilder}), in a small Spring
 * application context of its own. Every factory is built from the same {@link HttpClientSettings}.
 */
final class Factories {

    /** The factories in table order. */
    static final List<String> NAMES = List.of("simple", "jdk", "apache", "jetty", "reactor", "httplib");

    private Factories() {
    }

    /**
     * A built factory and what has to be closed with it.
     *
     * @param observationRegistry the application's registry where the httplib context has one,
     * else {@code null}
     */
    record Built(ClientHttpRequestFactory factory, ObservationRegistry observationRegistry, AutoCloseable resources)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            if (this.resources != null) {
                this.resources.close();
            }
        }
    }

    /**
     * @param meterRegistry for {@code httplib} only: when not {@code null}, a {@link MeterRegistry}
     * bean, so that the starter adds its {@link MicrometerHttpEventListenerFactory}
     * @param observationRegistry for {@code httplib} only: when not {@code null}, the application's
     * {@link ObservationRegistry} bean, which httplib's listener then reports to
     */
    static Built build(String name, HttpClientSettings settings, MeterRegistry meterRegistry,
            ObservationRegistry observationRegistry) {
        if (!name.equals("httplib") && (meterRegistry != null || observationRegistry != null)) {
            throw new IllegalArgumentException("httplib's listener applies to the httplib factory only");
        }
        return switch (name) {
            case "simple" -> new Built(ClientHttpRequestFactoryBuilder.simple().build(settings), null, null);
            case "jdk" -> new Built(ClientHttpRequestFactoryBuilder.jdk().build(settings), null, null);
            case "apache" -> new Built(ClientHttpRequestFactoryBuilder.httpComponents().build(settings), null, null);
            case "jetty" -> new Built(ClientHttpRequestFactoryBuilder.jetty().build(settings), null, null);
            case "reactor" -> new Built(ClientHttpRequestFactoryBuilder.reactor().build(settings), null, null);
            case "httplib" -> httplib(settings, meterRegistry, observationRegistry);
            default -> throw new IllegalArgumentException("unknown factory " + name + "; known: " + NAMES);
        };
    }

    private static Built httplib(HttpClientSettings settings, MeterRegistry meterRegistry,
            ObservationRegistry observationRegistry) {
        SpringApplicationBuilder app = new SpringApplicationBuilder().web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .registerShutdownHook(false);
        if (meterRegistry != null || observationRegistry != null) {
            app.initializers((context) -> {
                if (meterRegistry != null) {
                    context.getBeanFactory().registerSingleton("meterRegistry", meterRegistry);
                }
                if (observationRegistry != null) {
                    context.getBeanFactory().registerSingleton("observationRegistry", observationRegistry);
                }
            });
        }
        ConfigurableApplicationContext context = app.sources(HttplibStarter.class).run();
        ClientHttpRequestFactoryBuilder<?> builder = context.getBean(ClientHttpRequestFactoryBuilder.class);
        if (meterRegistry != null && context.getBeanProvider(MicrometerHttpEventListenerFactory.class)
            .getIfAvailable() == null) {
            context.close();
            throw new IllegalStateException("the starter made no MicrometerHttpEventListenerFactory");
        }
        return new Built(builder.build(settings), observationRegistry, context);
    }

    /** The starter's auto-configurations, imported as a Boot application with the starter would. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ HttplibMetricsAutoConfiguration.class, HttplibAutoConfiguration.class,
            HttplibHttpClientAutoConfiguration.class })
    static class HttplibStarter {

    }
}
