package io.httplib.spring.boot.autoconfigure;

import io.httplib.ConnectionPool;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.TlsConfig;
import io.httplib.event.HttpEventListener;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link HttplibClient} bean per {@code httplib.clients.<name>} entry, named
 * {@code <name>}, each with its own TLS settings, connection factory and pool.
 *
 * <p>The named beans are not default candidates: injecting a plain {@code HttplibClient} still
 * gets the default client (and {@code @ConditionalOnMissingBean} ignores them), while
 * {@code @Qualifier("<name>")} gets the named one. A bean the application already defines under
 * the same name wins, with a warning naming the property; a name of one of httplib's own beans
 * ({@code httplibClient}, ...) fails startup naming the property.
 */
final class HttplibNamedClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    private static final System.Logger LOG = System.getLogger(HttplibNamedClientsRegistrar.class.getName());

    /** The starter's own bean names: a named client may not take one (it would be lost or clash). */
    static final Set<String> RESERVED = Set.of("httplibClient", "httplibClientHttpRequestFactoryBuilder",
            "httplibConnectionFactory", "httplibConnectionPool", "httplibHttpServiceGroupConfigurer",
            "httplibMicrometerListenerFactory", "httplibObservationConvention", "httplibPoolMetrics",
            "httplibPropertiesMapper", "httplibTlsConfig", "httplibUnknownPropertiesReporter");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (!(registry instanceof BeanFactory beanFactory)) {
            return;
        }
        for (String name : HttplibPropertiesMapper.clientNames(this.environment)) {
            if (RESERVED.contains(name)) {
                throw new InvalidConfigurationPropertyValueException(NamedClientsBinder.prefix(name), name,
                        "the name of a named client is its bean name, and '" + name
                                + "' is one of httplib's own beans: choose another name");
            }
            if (registry.containsBeanDefinition(name)) {
                LOG.log(System.Logger.Level.WARNING, "httplib.clients." + name + ".* is ignored: the application "
                        + "defines a bean named '" + name + "' already, which wins; rename the client to use them");
                continue;
            }
            RootBeanDefinition definition = new RootBeanDefinition(HttplibClient.class);
            definition.setInstanceSupplier(() -> createClient(beanFactory, name));
            definition.setDestroyMethodName("close");
            definition.setDefaultCandidate(false);
            definition.setDescription("httplib client '" + name + "' from httplib.clients." + name + ".*");
            registry.registerBeanDefinition(name, definition);
        }
    }

    private static HttplibClient createClient(BeanFactory beanFactory, String name) {
        HttplibPropertiesMapper mapper = beanFactory.getBean(HttplibPropertiesMapper.class);
        AtomicReference<ConnectionPool> pool = new AtomicReference<>();
        TlsConfig tls = mapper.tlsConfig(name, pool::get);
        HTTPConnectionFactory factory = mapper.connectionFactory(name, tls);
        pool.set(mapper.connectionPool(name));
        HttpEventListener.Factory listeners = HttplibAutoConfiguration
                .listenerFactory(beanFactory.getBeanProvider(HttpEventListener.Factory.class));
        return mapper.client(name, factory, pool.get(), listeners);
    }
}
