package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.HttplibClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Named clients are bound as Spring Boot binds a map: placeholders resolved, every name form Boot
 * accepts, and an empty value meaning the built-in default rather than the inherited one.
 */
class HttplibNamedClientsBindingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttplibAutoConfiguration.class));

    @Test
    void placeholdersInANamedClientAreResolved() {
        this.runner
            .withPropertyValues("server.port=8123", "CLIENT_KEY_PASSWORD=from-the-environment",
                    "httplib.clients.self.base-url=http://127.0.0.1:${server.port}/",
                    "httplib.clients.self.read-timeout=${SELF_RT:2s}",
                    "httplib.clients.self.ssl.key-password=${CLIENT_KEY_PASSWORD}")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                HttplibClient self = context.getBean("self", HttplibClient.class);
                assertThat(self.baseUri()).hasToString("http://127.0.0.1:8123/");
                assertThat(self.connectionFactory().readTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(context.getBean(HttplibPropertiesMapper.class).clientProperties("self").getSsl()
                    .getKeyPassword()).isEqualTo("from-the-environment");
            });
    }

    @Test
    void aPlaceholderTakesTheVariableOverItsDefault() {
        this.runner.withPropertyValues("SELF_RT=750ms", "httplib.clients.self.read-timeout=${SELF_RT:2s}")
            .run((context) -> assertThat(
                    context.getBean("self", HttplibClient.class).connectionFactory().readTimeout())
                .isEqualTo(Duration.ofMillis(750)));
    }

    @Test
    void everyNameFormBootAcceptsIsAClientNamedAsWritten() {
        this.runner
            .withPropertyValues("httplib.clients.userService.base-url=http://users.test/",
                    "httplib.clients.order-service.base-url=http://orders.test/",
                    "httplib.clients.stock_service.base-url=http://stock.test/",
                    "httplib.clients[audit.service].base-url=http://audit.test/")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertClient(context.getBean("userService", HttplibClient.class), "userService", "http://users.test/");
                assertClient(context.getBean("order-service", HttplibClient.class), "order-service",
                        "http://orders.test/");
                assertClient(context.getBean("stock_service", HttplibClient.class), "stock_service",
                        "http://stock.test/");
                assertClient(context.getBean("audit.service", HttplibClient.class), "audit.service",
                        "http://audit.test/");
            });
    }

    @Test
    void aClientFromAnEnvironmentVariableIsNamedInLowerCase() {
        this.runner
            .withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of("HTTPLIB_CLIENTS_BILLING_READTIMEOUT", "3s",
                                    "HTTPLIB_CLIENTS_BILLING_POOL_MAXTOTAL", "7"))))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                HttplibClient billing = context.getBean("billing", HttplibClient.class);
                assertThat(billing.name()).isEqualTo("billing");
                assertThat(billing.connectionFactory().readTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(billing.pool().maxTotal()).isEqualTo(7);
            });
    }

    @Test
    void aNamedClientInheritsFromTheTopLevelWrittenInAnotherForm() {
        this.runner
            .withInitializer((context) -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("camelCase", Map.of("httplib.readTimeout", "4s"))))
            .withPropertyValues("httplib.clients.userService.base-url=http://users.test/")
            .run((context) -> assertThat(
                    context.getBean("userService", HttplibClient.class).connectionFactory().readTimeout())
                .isEqualTo(Duration.ofSeconds(4)));
    }

    @Test
    void anEmptyValueTurnsOffAnInheritedRequestTimeout() {
        this.runner
            .withPropertyValues("httplib.request-timeout=5s", "httplib.clients.batch.request-timeout=",
                    "httplib.clients.other.base-url=http://other.test/")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(HttplibClient.class).requestTimeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(context.getBean("batch", HttplibClient.class).requestTimeout()).isNull();
                assertThat(context.getBean("other", HttplibClient.class).requestTimeout())
                    .isEqualTo(Duration.ofSeconds(5));
            });
    }

    @Test
    void anEmptyPlaceholderIsAnEmptyValue() {
        this.runner.withPropertyValues("httplib.request-timeout=5s", "httplib.clients.batch.request-timeout=${NO_DEADLINE:}")
            .run((context) -> assertThat(context.getBean("batch", HttplibClient.class).requestTimeout()).isNull());
    }

    @Test
    void anEmptyValueResetsASettingToItsBuiltInDefaultRatherThanTheInheritedOne() {
        this.runner
            .withPropertyValues("httplib.read-timeout=4s", "httplib.pool.max-lifetime=10m",
                    "httplib.base-url=http://top.test/", "httplib.ssl.protocols=TLSv1.3",
                    "httplib.clients.plain.read-timeout=", "httplib.clients.plain.pool.max-lifetime=",
                    "httplib.clients.plain.base-url=", "httplib.clients.plain.ssl.protocols=")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                HttplibClient plain = context.getBean("plain", HttplibClient.class);
                assertThat(plain.connectionFactory().readTimeout()).isEqualTo(Duration.ofSeconds(30));
                assertThat(plain.pool().maxLifetime()).isNull();
                assertThat(plain.baseUri()).isNull();
                assertThat(plain.connectionFactory().tlsConfig().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
                HttplibClient top = context.getBean(HttplibClient.class);
                assertThat(top.connectionFactory().tlsConfig().protocols()).containsExactly("TLSv1.3");
            });
    }

    @Test
    void anEmptyBaseUrlAtTheTopLevelIsNoBaseUrl() {
        this.runner.withPropertyValues("httplib.base-url=${API_URL:}").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HttplibClient.class).baseUri()).isNull();
        });
    }

    @Test
    void zeroConnectAndReadTimeoutsMeanNoTimeout() {
        this.runner.withPropertyValues("httplib.connect-timeout=0", "httplib.clients.patient.read-timeout=0s")
            .run((context) -> {
                assertThat(context.getBean(HttplibClient.class).connectionFactory().connectTimeout()).isNull();
                assertThat(context.getBean("patient", HttplibClient.class).connectionFactory().readTimeout())
                    .isNull();
            });
    }

    @Test
    void zeroPoolTimeoutsKeepTheCoresMeaning() {
        this.runner
            .withPropertyValues("httplib.pool.acquire-timeout=0", "httplib.pool.idle-timeout=0",
                    "httplib.pool.max-lifetime=0")
            .run((context) -> {
                HttplibClient client = context.getBean(HttplibClient.class);
                assertThat(client.pool().acquireTimeout()).isZero();
                assertThat(client.pool().idleTimeout()).isZero();
                assertThat(client.pool().maxLifetime()).isZero();
            });
    }

    @Test
    void redirectSettingsReachTheClientsAndANamedClientCanOverrideThem() {
        this.runner
            .withPropertyValues("httplib.redirects.follow=true", "httplib.redirects.max=2",
                    "httplib.clients.strict-one.redirects.follow=false", "httplib.clients.more.redirects.max=9")
            .run((context) -> {
                HttplibClient plain = context.getBean(HttplibClient.class);
                assertThat(plain.followRedirects()).isTrue();
                assertThat(plain.maxRedirects()).isEqualTo(2);
                assertThat(context.getBean("strict-one", HttplibClient.class).followRedirects()).isFalse();
                HttplibClient more = context.getBean("more", HttplibClient.class);
                assertThat(more.followRedirects()).isTrue();
                assertThat(more.maxRedirects()).isEqualTo(9);
            });
    }

    @Test
    void redirectsAreNotFollowedByDefault() {
        this.runner.run((context) -> {
            HttplibClient plain = context.getBean(HttplibClient.class);
            assertThat(plain.followRedirects()).isFalse();
            assertThat(plain.maxRedirects()).isEqualTo(HttplibClient.DEFAULT_MAX_REDIRECTS);
        });
    }

    private static void assertClient(HttplibClient client, String name, String baseUrl) {
        assertThat(client.name()).isEqualTo(name);
        assertThat(client.baseUri()).hasToString(baseUrl);
    }
}
