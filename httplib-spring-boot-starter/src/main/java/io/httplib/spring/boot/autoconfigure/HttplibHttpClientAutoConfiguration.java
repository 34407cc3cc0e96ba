package io.httplib.spring.boot.autoconfigure;

import io.httplib.HttplibClient;
import io.httplib.event.HttpEventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Makes httplib the HTTP client behind everything Spring Boot builds from a
 * {@link ClientHttpRequestFactoryBuilder}: each {@code RestClient.Builder},
 * {@code RestTemplateBuilder}, {@code RestClientSsl} and HTTP service client. It runs before
 * Boot's {@link ImperativeHttpClientAutoConfiguration}, whose own builder then backs off; an
 * application's own {@link ClientHttpRequestFactoryBuilder} bean wins over this one.
 *
 * <p>It steps aside when {@code spring.http.clients.imperative.factory} chooses one of Boot's
 * factories, or when {@code httplib.rest-client.enabled=false}. An HTTP service group whose name
 * matches a named client sends through that client (see {@link HttplibHttpServiceGroupConfigurer}).
 */
@AutoConfiguration(after = HttplibAutoConfiguration.class, before = ImperativeHttpClientAutoConfiguration.class)
@ConditionalOnClass({ ClientHttpRequestFactory.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBean(HttplibClient.class)
@Conditional(OnHttplibRequestFactoryCondition.class)
public final class HttplibHttpClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ClientHttpRequestFactoryBuilder.class)
    HttplibClientHttpRequestFactoryBuilder httplibClientHttpRequestFactoryBuilder(ObjectProvider<HttplibClient> client,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<HttpEventListener.Factory> listenerFactories,
            ObjectProvider<HttplibClientCreatedListener> createdListeners,
            ObjectProvider<ClientHttpRequestFactoryBuilderCustomizer<?>> customizers) {
        HttplibClientHttpRequestFactoryBuilder builder = new HttplibClientHttpRequestFactoryBuilder(client::getObject,
                derivedClientParts(sslBundles, listenerFactories, createdListeners), Boolean.TRUE);
        return customize(builder, customizers.orderedStream().toList());
    }

    /** What clients derived for other {@code HttpClientSettings} are made with. */
    static HttplibClientHttpRequestFactoryBuilder.DerivedClientParts derivedClientParts(
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<HttpEventListener.Factory> listenerFactories,
            ObjectProvider<HttplibClientCreatedListener> createdListeners) {
        return new HttplibClientHttpRequestFactoryBuilder.DerivedClientParts(HttplibPropertiesMapper::bundleTlsConfig,
                (bundle) -> bundleName(sslBundles.getIfAvailable(), bundle),
                HttplibAutoConfiguration.listenerFactory(listenerFactories),
                (created) -> createdListeners.orderedStream().forEach((listener) -> listener.clientCreated(created)));
    }

    /** The name a bundle is registered under, for a derived client's name; {@code null} if none. */
    private static String bundleName(SslBundles bundles, SslBundle bundle) {
        if (bundles == null) {
            return null;
        }
        for (String name : bundles.getBundleNames()) {
            if (bundles.getBundle(name) == bundle) {
                return name;
            }
        }
        return null;
    }

    /** Applies Boot's builder customizers that accept this builder type, as Boot does for its own. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static HttplibClientHttpRequestFactoryBuilder customize(HttplibClientHttpRequestFactoryBuilder builder,
            List<ClientHttpRequestFactoryBuilderCustomizer<?>> customizers) {
        ClientHttpRequestFactoryBuilder<?>[] result = { builder };
        LambdaSafe.callbacks(ClientHttpRequestFactoryBuilderCustomizer.class, customizers, builder)
            .invoke((customizer) -> result[0] = ((ClientHttpRequestFactoryBuilderCustomizer) customizer)
                .customize(result[0]));
        if (result[0] instanceof HttplibClientHttpRequestFactoryBuilder httplib) {
            return httplib;
        }
        return builder;
    }

    /** HTTP service groups sent through the named client of their name. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ RestClientHttpServiceGroupConfigurer.class, HttpServiceClientProperties.class })
    static class HttpServiceGroups {

        @Bean
        @ConditionalOnMissingBean
        HttplibHttpServiceGroupConfigurer httplibHttpServiceGroupConfigurer(ListableBeanFactory beanFactory,
                Environment environment, ObjectProvider<HttpServiceClientProperties> groupProperties,
                ObjectProvider<SslBundles> sslBundles, ObjectProvider<HttpEventListener.Factory> listenerFactories,
                ObjectProvider<HttplibClientCreatedListener> createdListeners) {
            Map<String, HttplibClient> named = new LinkedHashMap<>();
            for (String name : HttplibPropertiesMapper.clientNames(environment)) {
                if (beanFactory.containsBean(name) && beanFactory.isTypeMatch(name, HttplibClient.class)) {
                    named.put(name, beanFactory.getBean(name, HttplibClient.class));
                }
            }
            HttplibClientHttpRequestFactoryBuilder.DerivedClientParts parts = derivedClientParts(sslBundles,
                    listenerFactories, createdListeners);
            return new HttplibHttpServiceGroupConfigurer(named,
                    (client) -> new HttplibClientHttpRequestFactoryBuilder(() -> client, parts, null),
                    groupProperties.getIfAvailable(), sslBundles.getIfAvailable());
        }
    }
}
