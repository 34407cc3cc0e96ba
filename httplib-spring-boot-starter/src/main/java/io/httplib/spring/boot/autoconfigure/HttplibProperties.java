package io.httplib.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of httplib under the {@code httplib} prefix: the settings of the default client
 * (inherited from {@link HttplibClientProperties}), metrics, and named clients.
 *
 * @see HttplibPropertiesMapper
 */
@ConfigurationProperties(prefix = HttplibProperties.PREFIX)
public class HttplibProperties extends HttplibClientProperties {

    /** The prefix of every httplib property. */
    public static final String PREFIX = "httplib";

    /**
     * Metrics settings.
     */
    private final Metrics metrics = new Metrics();

    /**
     * RestClient, RestTemplate and HTTP service client integration.
     */
    private final RestClient restClient = new RestClient();

    /**
     * Named clients: each entry httplib.clients.NAME.* takes the same keys as the top level
     * (base-url, timeouts, strict, debug-level, ssl.*, pool.*, compression.*, redirects.*), inherits
     * whatever it leaves unset from the top level (an empty value resets a key to its built-in
     * default), and becomes an HttplibClient bean called NAME, as written, with its own pool.
     */
    private Map<String, HttplibClientProperties> clients = new LinkedHashMap<>();

    public Metrics getMetrics() {
        return this.metrics;
    }

    public RestClient getRestClient() {
        return this.restClient;
    }

    public Map<String, HttplibClientProperties> getClients() {
        return this.clients;
    }

    public void setClients(Map<String, HttplibClientProperties> clients) {
        this.clients = clients;
    }

    /**
     * Metrics settings.
     */
    public static class Metrics {

        /**
         * Whether to record httplib's Micrometer meters and observations (needs Micrometer on
         * the class path and a MeterRegistry bean). The observations are also what makes
         * httplib's client spans and propagates trace context with Micrometer Tracing.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /**
     * RestClient, RestTemplate and HTTP service client integration.
     */
    public static class RestClient {

        /**
         * Whether httplib backs the clients Spring Boot builds from its
         * ClientHttpRequestFactoryBuilder (RestClient.Builder, RestTemplateBuilder, HTTP service
         * clients). Also off when spring.http.clients.imperative.factory names another factory.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
