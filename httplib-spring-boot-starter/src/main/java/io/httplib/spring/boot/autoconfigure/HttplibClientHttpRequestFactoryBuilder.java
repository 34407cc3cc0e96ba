package io.httplib.spring.boot.autoconfigure;

import io.httplib.ConnectionPool;
import io.httplib.HttplibClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;

/**
 * Builds {@link HttplibClientHttpRequestFactory} instances for Spring Boot, honouring all of
 * {@link HttpClientSettings}:
 * <ul>
 * <li>settings that leave connect timeout, read timeout and SSL bundle unset (or equal to the
 * client's own) share the base {@link HttplibClient} and its pool;</li>
 * <li>other combinations get a client of their own over a copy of the base connection factory
 * with those timeouts and that bundle's TLS material; these are made once per combination and
 * closed with this builder;</li>
 * <li>{@link HttpRedirects#DONT_FOLLOW} turns redirect following off; {@code FOLLOW} and
 * {@code FOLLOW_WHEN_POSSIBLE} (and no setting) turn it on.</li>
 * </ul>
 */
public final class HttplibClientHttpRequestFactoryBuilder
        implements ClientHttpRequestFactoryBuilder<HttplibClientHttpRequestFactory>, AutoCloseable {

    private final Clients clients;

    private final List<Consumer<HttplibClientHttpRequestFactory>> customizers;

    HttplibClientHttpRequestFactoryBuilder(Supplier<HttplibClient> baseClient,
            Function<Settings, HttplibClient> derivedClient) {
        this(new Clients(baseClient, derivedClient), List.of());
    }

    private HttplibClientHttpRequestFactoryBuilder(Clients clients,
            List<Consumer<HttplibClientHttpRequestFactory>> customizers) {
        this.clients = clients;
        this.customizers = customizers;
    }

    /**
     * A builder over {@code client}; settings that need other timeouts or TLS material get a
     * client of their own with a default pool.
     */
    public static HttplibClientHttpRequestFactoryBuilder of(HttplibClient client) {
        Objects.requireNonNull(client, "client");
        HttplibPropertiesMapper mapper = new HttplibPropertiesMapper(new HttplibProperties(), null, null, null);
        return new HttplibClientHttpRequestFactoryBuilder(() -> client,
                (settings) -> HttplibClient.builder()
                        .name(client.name())
                        .connectionFactory(mapper.connectionFactory(client.connectionFactory(),
                                settings.connectTimeout(), settings.readTimeout(),
                                (settings.sslBundle() != null) ? mapper.tlsConfig(settings.sslBundle()) : null))
                        .pool(ConnectionPool.builder().build())
                        .decompression(client.decompression())
                        .build());
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
        return new HttplibClientHttpRequestFactoryBuilder(this.clients, List.copyOf(all));
    }

    @Override
    public HttplibClientHttpRequestFactory build(HttpClientSettings settings) {
        HttpClientSettings effective = (settings != null) ? settings : HttpClientSettings.defaults();
        HttplibClient client = this.clients.clientFor(new Settings(effective.connectTimeout(),
                effective.readTimeout(), effective.sslBundle()));
        HttplibClientHttpRequestFactory factory = new HttplibClientHttpRequestFactory(client,
                effective.redirects() != HttpRedirects.DONT_FOLLOW);
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

    private static final class Clients {

        private final Supplier<HttplibClient> base;

        private final Function<Settings, HttplibClient> derive;

        private final Map<Settings, HttplibClient> derived = new ConcurrentHashMap<>();

        Clients(Supplier<HttplibClient> base, Function<Settings, HttplibClient> derive) {
            this.base = base;
            this.derive = derive;
        }

        HttplibClient clientFor(Settings settings) {
            HttplibClient base = this.base.get();
            if (settings.sslBundle() == null
                    && (settings.connectTimeout() == null
                            || settings.connectTimeout().equals(base.connectionFactory().connectTimeout()))
                    && (settings.readTimeout() == null
                            || settings.readTimeout().equals(base.connectionFactory().readTimeout()))) {
                return base;
            }
            return this.derived.computeIfAbsent(settings, this.derive);
        }

        void close() {
            for (HttplibClient client : this.derived.values()) {
                client.close();
            }
            this.derived.clear();
        }
    }
}
