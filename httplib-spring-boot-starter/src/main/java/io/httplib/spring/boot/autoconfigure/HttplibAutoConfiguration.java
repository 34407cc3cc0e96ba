package io.httplib.spring.boot.autoconfigure;

import io.httplib.ConnectionPool;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.TlsConfig;
import io.httplib.event.HttpEventListener;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of httplib: the default {@link HttplibClient} with its
 * {@link TlsConfig}, {@link HTTPConnectionFactory} and {@link ConnectionPool} (each replaceable
 * by a bean of the same type), plus one {@link HttplibClient} bean per
 * {@code httplib.clients.<name>} entry. Clients and pools are closed with the context.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(HttplibClient.class)
@EnableConfigurationProperties(HttplibProperties.class)
@Import(HttplibNamedClientsRegistrar.class)
public final class HttplibAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HttplibPropertiesMapper httplibPropertiesMapper(HttplibProperties properties, Environment environment,
            ResourceLoader resourceLoader, ObjectProvider<SslBundles> sslBundles) {
        return new HttplibPropertiesMapper(properties, environment, resourceLoader, sslBundles::getIfAvailable);
    }

    @Bean
    @ConditionalOnMissingBean
    static UnknownPropertiesReporter httplibUnknownPropertiesReporter(Environment environment) {
        return new UnknownPropertiesReporter(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    TlsConfig httplibTlsConfig(HttplibPropertiesMapper mapper, ObjectProvider<ConnectionPool> pool) {
        return mapper.tlsConfig(null, pool::getIfUnique);
    }

    @Bean
    @ConditionalOnMissingBean
    HTTPConnectionFactory httplibConnectionFactory(HttplibPropertiesMapper mapper, TlsConfig tlsConfig) {
        return mapper.connectionFactory(null, tlsConfig);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ConnectionPool httplibConnectionPool(HttplibPropertiesMapper mapper) {
        return mapper.connectionPool(null);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    HttplibClient httplibClient(HttplibPropertiesMapper mapper, HTTPConnectionFactory connectionFactory,
            ConnectionPool connectionPool, ObjectProvider<HttpEventListener.Factory> listenerFactories) {
        return mapper.client(null, connectionFactory, connectionPool, listenerFactory(listenerFactories));
    }

    /**
     * One factory over every {@link HttpEventListener.Factory} bean, in order; {@code null} when
     * there is none.
     */
    static HttpEventListener.Factory listenerFactory(ObjectProvider<HttpEventListener.Factory> factories) {
        List<HttpEventListener.Factory> all = factories.orderedStream().toList();
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return (call) -> {
            HttpEventListener[] listeners = new HttpEventListener[all.size()];
            for (int i = 0; i < listeners.length; i++) {
                listeners[i] = all.get(i).create(call);
            }
            return HttpEventListener.composite(listeners);
        };
    }
}
