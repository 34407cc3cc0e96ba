package io.httplib.spring.boot.autoconfigure;

import io.httplib.ConnectionPool;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.TlsConfig;
import io.httplib.event.HttpEventListener;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;

/**
 * Builds {@link HttplibClientHttpRequestFactory} instances for Spring Boot over one base
 * {@link HttplibClient}, honouring all of {@link HttpClientSettings}:
 * <ul>
 * <li>settings that leave connect timeout, read timeout and SSL bundle unset (or equal to the
 * client's own) share the base client and its pool;</li>
 * <li>other combinations get a client of their own, made once per combination and closed with
 * this builder: a copy of the base client (its pool settings, base URL, deadline, redirects,
 * listeners) with those timeouts and that bundle's TLS material, and a pool of its own. It is
 * named after the base client and the settings that differ, for example
 * {@code default:read-timeout=3s} or {@code payments:connect-timeout=1s,ssl.bundle=partner}, which
 * is its {@code client.name} tag; every listener given to the builder is told of it (the pool
 * gauges are registered that way);</li>
 * <li>{@link HttpRedirects#DONT_FOLLOW} turns redirect following off, {@code FOLLOW} and
 * {@code FOLLOW_WHEN_POSSIBLE} turn it on; no setting follows redirects for the builder Boot
 * uses (Boot's default is {@code FOLLOW_WHEN_POSSIBLE}) and leaves them to the client's own
 * {@code redirects.follow} for an HTTP service group sent through a named client.</li>
 * </ul>
 */
public final class HttplibClientHttpRequestFactoryBuilder
        implements ClientHttpRequestFactoryBuilder<HttplibClientHttpRequestFactory>, AutoCloseable {

    private final Clients clients;

    private final Boolean followRedirectsWhenUnset;

    private final List<Consumer<HttplibClientHttpRequestFactory>> customizers;

    /**
     * A builder over the client {@code baseClient} supplies.
     *
     * @param baseClient the client for settings that need none of their own
     * @param parts what derived clients are made with: the TLS of an SSL bundle, the listeners,
     * and who is told of a new client
     * @param followRedirectsWhenUnset whether to follow redirects when the settings do not say;
     * {@code null} leaves it to the client
     */
    HttplibClientHttpRequestFactoryBuilder(Supplier<HttplibClient> baseClient, DerivedClientParts parts,
            Boolean followRedirectsWhenUnset) {
        this(new Clients(baseClient, parts), followRedirectsWhenUnset, List.of());
    }

    private HttplibClientHttpRequestFactoryBuilder(Clients clients, Boolean followRedirectsWhenUnset,
            List<Consumer<HttplibClientHttpRequestFactory>> customizers) {
        this.clients = clients;
        this.followRedirectsWhenUnset = followRedirectsWhenUnset;
        this.customizers = customizers;
    }

    /**
     * A builder over {@code client}; settings that need other timeouts or TLS material get a
     * client of their own with the same pool settings.
     */
    public static HttplibClientHttpRequestFactoryBuilder of(HttplibClient client) {
        Objects.requireNonNull(client, "client");
        return new HttplibClientHttpRequestFactoryBuilder(() -> client,
                new DerivedClientParts(HttplibPropertiesMapper::bundleTlsConfig, (bundle) -> null, null, (created) -> {
                }), Boolean.TRUE);
    }

    @Override
    public HttplibClientHttpRequestFactoryBuilder withCustomizer(Consumer<HttplibClientHttpRequestFactory> customizer) {
        return withCustomizers(List.of(customizer));
    }

    @Override
    public HttplibClientHttpRequestFactoryBuilder withCustomizers(
            Collection<Consumer<HttplibClientHttpRequestFactory>> customizers) {
        List<Consumer<HttplibClientHttpRequestFactory>> all = new ArrayList<>(this.customizers);
        all.addAll(customizers);
        return new HttplibClientHttpRequestFactoryBuilder(this.clients, this.followRedirectsWhenUnset,
                List.copyOf(all));
    }

    @Override
    public HttplibClientHttpRequestFactory build(HttpClientSettings settings) {
        HttpClientSettings effective = (settings != null) ? settings : HttpClientSettings.defaults();
        HttplibClient client = this.clients.clientFor(new Settings(effective.connectTimeout(),
                effective.readTimeout(), effective.sslBundle()));
        Boolean follow = this.followRedirectsWhenUnset;
        if (effective.redirects() != null) {
            follow = effective.redirects() != HttpRedirects.DONT_FOLLOW;
        }
        HttplibClientHttpRequestFactory factory = new HttplibClientHttpRequestFactory(client, follow);
        for (Consumer<HttplibClientHttpRequestFactory> customizer : this.customizers) {
            customizer.accept(factory);
        }
        return factory;
    }

    /** Closes the clients made for non-default settings; the base client is not this builder's. */
    @Override
    public void close() {
        this.clients.close();
    }

    /** The parts of {@link HttpClientSettings} that need a client of their own. */
    record Settings(Duration connectTimeout, Duration readTimeout, SslBundle sslBundle) {
    }

    /**
     * What a derived client is made with besides the base client.
     *
     * @param tls the TLS settings of an SSL bundle
     * @param bundleName the name of an SSL bundle, for the client's name; {@code null} when unknown
     * @param listeners the event listeners of the new client, or {@code null}
     * @param created told of each client made
     */
    record DerivedClientParts(Function<SslBundle, TlsConfig> tls, Function<SslBundle, String> bundleName,
            HttpEventListener.Factory listeners, Consumer<HttplibClient> created) {
    }

    private static final class Clients {

        private final Supplier<HttplibClient> base;

        private final DerivedClientParts parts;

        private final Map<Settings, HttplibClient> derived = new ConcurrentHashMap<>();

        Clients(Supplier<HttplibClient> base, DerivedClientParts parts) {
            this.base = base;
            this.parts = parts;
        }

        HttplibClient clientFor(Settings settings) {
            HttplibClient base = this.base.get();
            Settings differing = new Settings(differs(settings.connectTimeout(), base.connectionFactory().connectTimeout()),
                    differs(settings.readTimeout(), base.connectionFactory().readTimeout()), settings.sslBundle());
            if (differing.connectTimeout() == null && differing.readTimeout() == null
                    && differing.sslBundle() == null) {
                return base;
            }
            return this.derived.computeIfAbsent(differing, (key) -> {
                HttplibClient client = derive(base, key);
                this.parts.created().accept(client);
                return client;
            });
        }

        /**
         * {@code null} when the setting is unset or equal to the base client's: the core keeps
         * "no timeout" as {@code null}, Boot may give it as zero.
         */
        private static Duration differs(Duration wanted, Duration current) {
            if (wanted == null) {
                return null;
            }
            Duration normalized = wanted.isZero() ? null : wanted;
            return Objects.equals(normalized, current) ? null : wanted;
        }

        private HttplibClient derive(HttplibClient base, Settings settings) {
            HTTPConnectionFactory.Builder factory = base.connectionFactory().toBuilder();
            if (settings.connectTimeout() != null) {
                factory.connectTimeout(settings.connectTimeout());
            }
            if (settings.readTimeout() != null) {
                factory.readTimeout(settings.readTimeout());
            }
            if (settings.sslBundle() != null) {
                factory.tlsConfig(this.parts.tls().apply(settings.sslBundle()));
            }
            ConnectionPool basePool = base.pool();
            ConnectionPool.Builder pool = ConnectionPool.builder()
                .maxPerRoute(basePool.maxPerRoute())
                .maxTotal(basePool.maxTotal())
                .acquireTimeout(basePool.acquireTimeout())
                .idleTimeout(basePool.idleTimeout())
                .maxLifetime(basePool.maxLifetime())
                .validateAfterInactivity(basePool.validateAfterInactivity());
            HttplibClient.Builder client = HttplibClient.builder()
                .name(name(base.name(), settings))
                .connectionFactory(factory.build())
                .pool(pool.build())
                .baseUri(base.baseUri())
                .requestTimeout(base.requestTimeout())
                .followRedirects(base.followRedirects())
                .maxRedirects(base.maxRedirects())
                .decompression(base.decompression());
            if (this.parts.listeners() != null) {
                client.eventListenerFactory(this.parts.listeners());
            }
            return client.build();
        }

        private String name(String baseName, Settings settings) {
            List<String> differences = new ArrayList<>(3);
            if (settings.connectTimeout() != null) {
                differences.add("connect-timeout=" + print(settings.connectTimeout()));
            }
            if (settings.readTimeout() != null) {
                differences.add("read-timeout=" + print(settings.readTimeout()));
            }
            if (settings.sslBundle() != null) {
                String bundle = this.parts.bundleName().apply(settings.sslBundle());
                differences.add("ssl.bundle="
                        + ((bundle != null) ? bundle : Integer.toHexString(System.identityHashCode(settings.sslBundle()))));
            }
            return baseName + ":" + String.join(",", differences);
        }

        /** A duration as a property would give it, in its largest whole unit: {@code 3s}, {@code 1500ms}. */
        private static String print(Duration duration) {
            for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS,
                    ChronoUnit.MILLIS }) {
                // truncatedTo, not toNanos(): a duration past 292 years must print, not overflow
                if (duration.truncatedTo(unit).equals(duration)) {
                    return DurationStyle.SIMPLE.print(duration, unit);
                }
            }
            return DurationStyle.SIMPLE.print(duration, ChronoUnit.NANOS);
        }

        void close() {
            for (HttplibClient client : this.derived.values()) {
                client.close();
            }
            this.derived.clear();
        }
    }
}
