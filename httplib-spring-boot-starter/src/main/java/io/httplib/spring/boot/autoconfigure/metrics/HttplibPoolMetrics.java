package io.httplib.spring.boot.autoconfigure.metrics;

import io.httplib.ConnectionPool;
import io.httplib.HttplibClient;
import io.httplib.PoolStats;
import io.httplib.ProxyConfig;
import io.httplib.spring.boot.autoconfigure.HttplibClientCreatedListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Gauges of the pool of every {@link HttplibClient} bean (the default one and the named ones)
 * and of every client derived for Spring Boot's {@code HttpClientSettings}, tagged with the
 * client's name: {@code httplib.client.pool.leased}, {@code .idle}, {@code .pending},
 * {@code .max}, and the time gauge {@code .pending.longest} (how long the caller first in line has
 * been waiting). Bean clients are registered once all singletons exist, so that it sees the named
 * clients too; derived clients when they are made.
 */
public final class HttplibPoolMetrics implements SmartInitializingSingleton, HttplibClientCreatedListener {

    /** The tag naming the client's proxy. */
    public static final String PROXY = "proxy";

    private final ListableBeanFactory beanFactory;

    private final MeterRegistry registry;

    public HttplibPoolMetrics(ListableBeanFactory beanFactory, MeterRegistry registry) {
        this.beanFactory = beanFactory;
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        bindTo(this.registry);
    }

    /** Registers the gauges of a client made after startup (a derived client). */
    @Override
    public void clientCreated(HttplibClient client) {
        if (client.pool() != null) {
            bind(this.registry, client);
        }
    }

    /** Registers the gauges of every client bean's pool. */
    public void bindTo(MeterRegistry registry) {
        Map<String, HttplibClient> clients = this.beanFactory.getBeansOfType(HttplibClient.class, false, false);
        for (HttplibClient client : clients.values()) {
            if (client.pool() != null) {
                bind(registry, client);
            }
        }
    }

    /** Registers the gauges of one client's pool, tagged with its name and its proxy. */
    public static void bind(MeterRegistry registry, HttplibClient client) {
        bind(registry, client.name(), client.pool(), Tags.of(PROXY, proxyTag(client.connectionFactory().proxy())));
    }

    /**
     * @return {@code none} for direct connections, the proxy's {@code host:port}, or
     *     {@code system}/{@code selector} when the JVM's or a custom selector picks per request
     */
    static String proxyTag(ProxyConfig proxy) {
        if (proxy.isDirect()) {
            return "none";
        }
        return proxy.proxy() != null ? proxy.proxy().toString() : proxy.usesSystemProxies() ? "system" : "selector";
    }

    /** Registers the gauges of one pool. */
    public static void bind(MeterRegistry registry, String clientName, ConnectionPool pool) {
        bind(registry, clientName, pool, Tags.empty());
    }

    private static void bind(MeterRegistry registry, String clientName, ConnectionPool pool, Tags extra) {
        gauge(registry, "httplib.client.pool.leased", "Connections lent out", clientName, extra, pool, PoolStats::leased);
        gauge(registry, "httplib.client.pool.idle", "Open connections waiting in the pool", clientName, extra, pool,
                PoolStats::idle);
        gauge(registry, "httplib.client.pool.pending", "Callers waiting for a connection", clientName, extra, pool,
                PoolStats::pending);
        gauge(registry, "httplib.client.pool.max", "Maximum connections of the pool", clientName, extra, pool,
                PoolStats::maxTotal);
        TimeGauge.builder("httplib.client.pool.pending.longest", pool, TimeUnit.NANOSECONDS, (p) -> {
            try {
                return p.stats().longestWait().toNanos();
            }
            catch (RuntimeException ex) {
                return Double.NaN;
            }
        }).description("How long the caller that has waited longest for a connection has been waiting so far")
            .tag(MicrometerHttpEventListenerFactory.CLIENT_NAME, clientName).tags(extra).strongReference(true)
            .register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, String clientName, Tags extra,
            ConnectionPool pool, ToIntFunction<PoolStats> value) {
        Gauge.builder(name, pool, (p) -> {
            try {
                return value.applyAsInt(p.stats());
            }
            catch (RuntimeException ex) {
                // A closed pool has nothing to report.
                return Double.NaN;
            }
        }).description(description).tag(MicrometerHttpEventListenerFactory.CLIENT_NAME, clientName).tags(extra)
            .baseUnit("connections").strongReference(true).register(registry);
    }
}
