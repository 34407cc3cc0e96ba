package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ConnectionPool;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.TlsConfig;
import io.httplib.spring.boot.autoconfigure.metrics.HttplibCoveredCallTracingHandler;
import io.httplib.spring.boot.autoconfigure.metrics.HttplibMetricsAutoConfiguration;
import io.httplib.spring.boot.autoconfigure.metrics.HttplibObservationConvention;
import io.httplib.spring.boot.autoconfigure.metrics.HttplibPoolMetrics;
import io.httplib.spring.boot.autoconfigure.metrics.MicrometerHttpEventListenerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;

class HttplibAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
                ImperativeHttpClientAutoConfiguration.class, HttplibAutoConfiguration.class,
                HttplibHttpClientAutoConfiguration.class, HttplibMetricsAutoConfiguration.class));

    @Test
    void defaultClientAndItsPartsAreBeans() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(HttplibClient.class)
                .hasSingleBean(TlsConfig.class)
                .hasSingleBean(HTTPConnectionFactory.class)
                .hasSingleBean(ConnectionPool.class)
                .hasSingleBean(HttplibPropertiesMapper.class);
            HttplibClient client = context.getBean(HttplibClient.class);
            assertThat(client.name()).isEqualTo("default");
            assertThat(client.pool()).isSameAs(context.getBean(ConnectionPool.class));
            assertThat(client.connectionFactory()).isSameAs(context.getBean(HTTPConnectionFactory.class));
            assertThat(client.connectionFactory().tlsConfig()).isSameAs(context.getBean(TlsConfig.class));
        });
    }

    @Test
    void everyPropertyBindsOntoTheCoreSettings() {
        this.runner
            .withPropertyValues("httplib.connect-timeout=3s", "httplib.read-timeout=4s", "httplib.request-timeout=5s",
                    "httplib.strict=false", "httplib.debug-level=2", "httplib.base-url=http://example.test:8080/api/",
                    "httplib.ssl.verify-hostname=false", "httplib.ssl.protocols=TLSv1.3",
                    "httplib.pool.max-per-route=7", "httplib.pool.max-total=70", "httplib.pool.acquire-timeout=6s",
                    "httplib.pool.idle-timeout=7s", "httplib.pool.max-lifetime=8m", "httplib.metrics.enabled=false")
            .run((context) -> {
                HttplibClient client = context.getBean(HttplibClient.class);
                HTTPConnectionFactory factory = client.connectionFactory();
                assertThat(factory.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(factory.readTimeout()).isEqualTo(Duration.ofSeconds(4));
                assertThat(client.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(factory.strict()).isFalse();
                assertThat(factory.debugLevel()).isEqualTo(2);
                assertThat(client.baseUri()).hasToString("http://example.test:8080/api/");
                assertThat(factory.tlsConfig().verifyHostname()).isFalse();
                assertThat(factory.tlsConfig().protocols()).containsExactly("TLSv1.3");
                ConnectionPool pool = client.pool();
                assertThat(pool.maxPerRoute()).isEqualTo(7);
                assertThat(pool.maxTotal()).isEqualTo(70);
                assertThat(pool.acquireTimeout()).isEqualTo(Duration.ofSeconds(6));
                assertThat(pool.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
                assertThat(pool.maxLifetime()).isEqualTo(Duration.ofMinutes(8));
                assertThat(context.getBean(HttplibProperties.class).getMetrics().isEnabled()).isFalse();
            });
    }

    @Test
    void userBeansWinOverTheAutoConfiguredOnes() {
        this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasSingleBean(HttplibClient.class);
            assertThat(context.getBean(TlsConfig.class)).isSameAs(UserBeans.TLS);
            assertThat(context.getBean(HTTPConnectionFactory.class).connectTimeout()).isEqualTo(Duration.ofMillis(1234));
            assertThat(context.getBean(ConnectionPool.class).maxTotal()).isEqualTo(3);
            assertThat(context.getBean(HttplibClient.class).name()).isEqualTo("mine");
        });
    }

    @Test
    void partsTheUserReplacesAreUsedByTheAutoConfiguredClient() {
        this.runner.withUserConfiguration(UserPool.class).run((context) -> {
            assertThat(context.getBean(HttplibClient.class).pool()).isSameAs(context.getBean(ConnectionPool.class));
            assertThat(context.getBean(ConnectionPool.class).maxTotal()).isEqualTo(3);
        });
    }

    @Test
    void namedClientsAreBeansWithTheirOwnPoolAndInheritUnsetSettings() {
        this.runner
            .withPropertyValues("httplib.read-timeout=4s", "httplib.pool.max-total=50",
                    "httplib.clients.payments.base-url=https://payments.example.test/",
                    "httplib.clients.payments.pool.max-total=5", "httplib.clients.search.connect-timeout=1s")
            .withUserConfiguration(NeedsNamedClients.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                HttplibClient payments = context.getBean("payments", HttplibClient.class);
                HttplibClient search = context.getBean("search", HttplibClient.class);
                HttplibClient plain = context.getBean(HttplibClient.class);
                assertThat(plain.name()).isEqualTo("default");
                assertThat(payments.name()).isEqualTo("payments");
                assertThat(payments.baseUri()).hasToString("https://payments.example.test/");
                assertThat(payments.pool().maxTotal()).isEqualTo(5);
                assertThat(payments.connectionFactory().readTimeout()).isEqualTo(Duration.ofSeconds(4));
                assertThat(search.connectionFactory().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
                assertThat(search.pool().maxTotal()).isEqualTo(50);
                assertThat(payments.pool()).isNotSameAs(search.pool()).isNotSameAs(plain.pool());
                NeedsNamedClients injected = context.getBean(NeedsNamedClients.class);
                assertThat(injected.payments).isSameAs(payments);
                assertThat(injected.plain).isSameAs(plain);
            });
    }

    @Test
    void clientsAndPoolsAreClosedWithTheContext() {
        AtomicReference<HttplibClient> plain = new AtomicReference<>();
        AtomicReference<HttplibClient> named = new AtomicReference<>();
        this.runner.withPropertyValues("httplib.clients.other.read-timeout=1s").run((context) -> {
            plain.set(context.getBean(HttplibClient.class));
            named.set(context.getBean("other", HttplibClient.class));
        });
        assertThat(plain.get().pool().isClosed()).isTrue();
        assertThat(named.get().pool().isClosed()).isTrue();
    }

    @Test
    void metricsBeansNeedMicrometerAndAMeterRegistry() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(MicrometerHttpEventListenerFactory.class));
        this.runner.withBean(SimpleMeterRegistry.class).run((context) -> assertThat(context)
            .hasSingleBean(MicrometerHttpEventListenerFactory.class)
            .hasSingleBean(HttplibObservationConvention.class)
            .hasSingleBean(HttplibPoolMetrics.class));
        this.runner.withBean(SimpleMeterRegistry.class)
            .withClassLoader(new FilteredClassLoader("io.micrometer"))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(MicrometerHttpEventListenerFactory.class)
                .doesNotHaveBean(HttplibPoolMetrics.class)
                .hasSingleBean(HttplibClient.class));
        this.runner.withBean(SimpleMeterRegistry.class)
            .withPropertyValues("httplib.metrics.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(MicrometerHttpEventListenerFactory.class));
    }

    @Test
    void theTracingHandlerForCallsSpringAlreadyObservesNeedsMicrometerTracingOnly() {
        this.runner.withBean(SimpleMeterRegistry.class)
            .run((context) -> assertThat(context).hasSingleBean(HttplibCoveredCallTracingHandler.class));
        this.runner.withBean(SimpleMeterRegistry.class)
            .withClassLoader(new FilteredClassLoader("io.micrometer.tracing"))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(MicrometerHttpEventListenerFactory.class)
                .doesNotHaveBean(HttplibCoveredCallTracingHandler.class));
    }

    @Test
    void poolGaugesAreRegisteredForEveryClient() {
        this.runner.withBean(SimpleMeterRegistry.class)
            .withPropertyValues("httplib.clients.payments.base-url=http://localhost/")
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                for (String name : new String[] { "leased", "idle", "pending", "max", "pending.longest" }) {
                    assertThat(registry.find("httplib.client.pool." + name).tag("client.name", "default").gauge())
                        .isNotNull();
                    assertThat(registry.find("httplib.client.pool." + name).tag("client.name", "payments").gauge())
                        .isNotNull();
                }
                assertThat(registry.get("httplib.client.pool.max").tag("client.name", "default").gauge().value())
                    .isEqualTo(100);
                assertThat(registry.get("httplib.client.pool.pending.longest").tag("client.name", "default").timeGauge()
                    .value(java.util.concurrent.TimeUnit.SECONDS)).isZero();
            });
    }

    @Test
    void theObservationConventionCanBeReplaced() {
        HttplibObservationConvention mine = new io.httplib.spring.boot.autoconfigure.metrics.DefaultHttplibObservationConvention();
        this.runner.withBean(SimpleMeterRegistry.class)
            .withBean(HttplibObservationConvention.class, () -> mine)
            .run((context) -> assertThat(context.getBean(HttplibObservationConvention.class)).isSameAs(mine));
    }

    @Test
    void requestFactoryBuilderNeedsSpringWeb() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(HttplibClientHttpRequestFactoryBuilder.class);
            assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
                .isInstanceOf(HttplibClientHttpRequestFactoryBuilder.class);
            assertThat(context.getBean(ClientHttpRequestFactory.class))
                .isInstanceOf(HttplibClientHttpRequestFactory.class);
        });
        this.runner.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactory.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(HttplibClientHttpRequestFactoryBuilder.class)
                .hasSingleBean(HttplibClient.class));
    }

    @Test
    void aUserRequestFactoryBuilderWins() {
        this.runner.withBean(ClientHttpRequestFactoryBuilder.class, ClientHttpRequestFactoryBuilder::simple)
            .run((context) -> assertThat(context).doesNotHaveBean(HttplibClientHttpRequestFactoryBuilder.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final TlsConfig TLS = TlsConfig.builder().verifyHostname(false).build();

        @Bean
        TlsConfig myTls() {
            return TLS;
        }

        @Bean
        HTTPConnectionFactory myFactory() {
            return HTTPConnectionFactory.builder().connectTimeout(Duration.ofMillis(1234)).build();
        }

        @Bean(destroyMethod = "close")
        ConnectionPool myPool() {
            return ConnectionPool.builder().maxTotal(3).build();
        }

        @Bean(destroyMethod = "close")
        HttplibClient myClient(ConnectionPool pool) {
            return HttplibClient.builder().name("mine").pool(pool).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPool {

        @Bean(destroyMethod = "close")
        ConnectionPool myPool() {
            return ConnectionPool.builder().maxTotal(3).build();
        }
    }

    static class NeedsNamedClients {

        final HttplibClient payments;

        final HttplibClient plain;

        NeedsNamedClients(@Qualifier("payments") HttplibClient payments, HttplibClient plain) {
            this.payments = payments;
            this.plain = plain;
        }
    }
}
