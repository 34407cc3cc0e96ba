package io.httplib.spring.boot.autoconfigure;

import io.httplib.HttplibClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientProperties;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * Sends an HTTP service group ({@code @ImportHttpServices(group = "payments")},
 * {@code spring.http.serviceclient.payments.*}) through the named client of the same name
 * ({@code httplib.clients.payments.*}): its pool, TLS settings, timeouts, base URL and redirects.
 * The group's own {@code spring.http.serviceclient.<group>} timeouts, SSL bundle and redirects still
 * apply on top of the named client; Boot's global {@code spring.http.clients.*} do not, the named
 * client's settings take their place. A group with no named client of its name is left as Boot
 * configures it (through the default client).
 *
 * <p>Names match as written, else ignoring case, dashes and underscores ({@code user-service}
 * finds {@code userService}). Runs after Boot's own group configurer, which it overrides for the
 * request factory only (base URL, default headers and API version stay Boot's).
 */
final class HttplibHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer, DisposableBean {

    private final Map<String, HttplibClient> namedClients;

    private final Function<HttplibClient, HttplibClientHttpRequestFactoryBuilder> builders;

    private final HttpServiceClientProperties groupProperties;

    private final SslBundles sslBundles;

    private final List<HttplibClientHttpRequestFactoryBuilder> made = new CopyOnWriteArrayList<>();

    HttplibHttpServiceGroupConfigurer(Map<String, HttplibClient> namedClients,
            Function<HttplibClient, HttplibClientHttpRequestFactoryBuilder> builders,
            HttpServiceClientProperties groupProperties, SslBundles sslBundles) {
        this.namedClients = namedClients;
        this.builders = builders;
        this.groupProperties = groupProperties;
        this.sslBundles = sslBundles;
    }

    @Override
    public int getOrder() {
        // Boot's properties configurer (HIGHEST_PRECEDENCE + 10 in Boot 4.0) sets the request
        // factory: this one must come after it to win, and before the application's own
        // configurers (order 0 and later), which may still override it.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public void configureGroups(Groups<RestClient.Builder> groups) {
        groups.forEachClient(this::configureClient);
    }

    private void configureClient(HttpServiceGroup group, RestClient.Builder builder) {
        HttplibClient client = clientFor(group.name());
        if (client == null) {
            return;
        }
        HttpClientProperties properties = (this.groupProperties != null) ? this.groupProperties.get(group.name())
                : null;
        HttpClientSettings settings = new HttpClientSettingsPropertyMapper(this.sslBundles, null).map(properties);
        HttplibClientHttpRequestFactoryBuilder factories = this.builders.apply(client);
        this.made.add(factories);
        builder.requestFactory(factories.build(settings));
    }

    private HttplibClient clientFor(String group) {
        HttplibClient exact = this.namedClients.get(group);
        if (exact != null) {
            return exact;
        }
        String uniform = uniform(group);
        for (Map.Entry<String, HttplibClient> named : this.namedClients.entrySet()) {
            if (uniform(named.getKey()).equals(uniform)) {
                return named.getValue();
            }
        }
        return null;
    }

    private static String uniform(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Closes the clients derived for group settings; the named clients are beans of their own. */
    @Override
    public void destroy() {
        for (HttplibClientHttpRequestFactoryBuilder builder : this.made) {
            builder.close();
        }
    }
}
