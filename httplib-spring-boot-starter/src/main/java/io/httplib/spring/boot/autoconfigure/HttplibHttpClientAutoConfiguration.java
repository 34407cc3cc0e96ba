package io.httplib.spring.boot.autoconfigure;

import io.httplib.HttplibClient;
import io.httplib.event.HttpEventListener;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Makes httplib the HTTP client behind everything Spring Boot builds from a
 * {@link ClientHttpRequestFactoryBuilder}: each {@code RestClient.Builder},
 * {@code RestTemplateBuilder}, {@code RestClientSsl} and HTTP service client. It runs before
 * Boot's {@link ImperativeHttpClientAutoConfiguration}, whose own builder then backs off; an
 * application's own {@link ClientHttpRequestFactoryBuilder} bean wins over this one.
 */
@AutoConfiguration(after = HttplibAutoConfiguration.class, before = ImperativeHttpClientAutoConfiguration.class)
@ConditionalOnClass({ ClientHttpRequestFactory.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBean(HttplibClient.class)
public final class HttplibHttpClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ClientHttpRequestFactoryBuilder.class)
    HttplibClientHttpRequestFactoryBuilder httplibClientHttpRequestFactoryBuilder(ObjectProvider<HttplibClient> client,
            HttplibPropertiesMapper mapper, ObjectProvider<HttpEventListener.Factory> listenerFactories,
            ObjectProvider<ClientHttpRequestFactoryBuilderCustomizer<?>> customizers) {
        HttplibClientHttpRequestFactoryBuilder builder = new HttplibClientHttpRequestFactoryBuilder(client::getObject,
                (settings) -> {
                    HttplibClient base = client.getObject();
                    return mapper.client(null,
                            mapper.connectionFactory(base.connectionFactory(), settings.connectTimeout(),
                                    settings.readTimeout(),
                                    (settings.sslBundle() != null) ? mapper.tlsConfig(settings.sslBundle()) : null),
                            mapper.connectionPool(null),
                            HttplibAutoConfiguration.listenerFactory(listenerFactories));
                });
        return customize(builder, customizers.orderedStream().toList());
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
}
