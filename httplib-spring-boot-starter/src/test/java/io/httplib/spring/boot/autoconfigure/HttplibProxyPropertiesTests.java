package io.httplib.spring.boot.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.httplib.HttpProxy;
import io.httplib.HttplibClient;
import io.httplib.ProxyConfig;
import io.httplib.spring.boot.autoconfigure.metrics.HttplibMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.client.RestClient;

/**
 * {@code httplib.proxy.*} and {@code httplib.clients.<name>.proxy.*} map onto {@link ProxyConfig},
 * with placeholders, per-client overrides and errors naming the property; a {@link RestClient}
 * built by Boot sends through the proxy (WireMock as a forward proxy).
 */
class HttplibProxyPropertiesTests {

    static WireMockServer proxy;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
                ImperativeHttpClientAutoConfiguration.class, HttplibAutoConfiguration.class,
                HttplibHttpClientAutoConfiguration.class));

    @BeforeAll
    static void startProxy() {
        // Browser proxying: absolute-form requests for other hosts are matched by host and path.
        proxy = new WireMockServer(WireMockConfiguration.options().dynamicPort().enableBrowserProxying(true));
        proxy.start();
        proxy.stubFor(get(urlEqualTo("/hello")).withHost(equalTo("origin.test"))
            .willReturn(aResponse().withStatus(200).withBody("via the proxy")));
    }

    @AfterAll
    static void stopProxy() {
        proxy.stop();
    }

    @Test
    void noProxyByDefault() {
        this.runner.run((context) -> assertThat(context.getBean(HttplibClient.class).connectionFactory().proxy().isDirect())
            .isTrue());
    }

    @Test
    void everyProxyPropertyBindsWithPlaceholdersResolved() {
        this.runner
            .withPropertyValues("PROXY_PASSWORD=s3cret", "httplib.proxy.host=proxy.corp.example",
                    "httplib.proxy.port=3128", "httplib.proxy.username=svc", "httplib.proxy.password=${PROXY_PASSWORD}",
                    "httplib.proxy.non-proxy-hosts=localhost,.internal.example,10.0.0.0/8")
            .run((context) -> {
                ProxyConfig config = context.getBean(HttplibClient.class).connectionFactory().proxy();
                assertThat(config.proxy()).isEqualTo(new HttpProxy("proxy.corp.example", 3128));
                assertThat(config.noProxy()).isEqualTo("localhost,.internal.example,10.0.0.0/8");
                assertThat(config.authenticator().authorization(config.proxy(), null)).isEqualTo(
                        "Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8)));
                assertThat(config.select("http", "api.partner.example", 80)).isEqualTo(config.proxy());
                assertThat(config.select("http", "a.internal.example", 80)).isNull();
                assertThat(config.toString()).doesNotContain("s3cret");
            });
    }

    @Test
    void namedClientsInheritTheProxyAndMayGoDirectOrUseAnother() {
        this.runner
            .withPropertyValues("httplib.proxy.host=proxy.corp.example", "httplib.proxy.port=3128",
                    "httplib.clients.internal.proxy.host=", "httplib.clients.internal.proxy.port=",
                    "httplib.clients.partner.proxy.host=partner-proxy.example", "httplib.clients.partner.proxy.port=8080",
                    "httplib.clients.inherits.base-url=http://localhost/", "httplib.clients.system.proxy.host=",
                    "httplib.clients.system.proxy.port=", "httplib.clients.system.proxy.use-system-properties=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(proxyOf(context, "internal").isDirect()).isTrue();
                assertThat(proxyOf(context, "partner").proxy()).isEqualTo(new HttpProxy("partner-proxy.example", 8080));
                assertThat(proxyOf(context, "inherits").proxy()).isEqualTo(new HttpProxy("proxy.corp.example", 3128));
                assertThat(proxyOf(context, "system").usesSystemProxies()).isTrue();
            });
    }

    @Test
    void aRestClientBuiltByBootSendsThroughTheProxyWithItsCredentials() {
        this.runner.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
            .withPropertyValues("httplib.proxy.host=127.0.0.1", "httplib.proxy.port=" + proxy.port(),
                    "httplib.proxy.username=svc", "httplib.proxy.password=s3cret")
            .run((context) -> {
                RestClient rest = context.getBean(RestClient.Builder.class).build();
                String body = rest.get().uri("http://origin.test/hello").retrieve().body(String.class);
                assertThat(body).isEqualTo("via the proxy");
                proxy.verify(getRequestedFor(urlEqualTo("/hello")).withHost(equalTo("origin.test"))
                    .withHeader("Proxy-Authorization", equalTo("Basic "
                            + Base64.getEncoder().encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8)))));
            });
    }

    @Test
    void poolGaugesNameTheProxy() {
        this.runner.withConfiguration(AutoConfigurations.of(HttplibMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("httplib.proxy.host=proxy.corp.example", "httplib.proxy.port=3128",
                    "httplib.clients.direct.proxy.host=", "httplib.clients.direct.proxy.port=")
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("httplib.client.pool.leased").tag("client.name", "default").gauge().getId()
                    .getTag("proxy")).isEqualTo("proxy.corp.example:3128");
                assertThat(registry.get("httplib.client.pool.leased").tag("client.name", "direct").gauge().getId()
                    .getTag("proxy")).isEqualTo("none");
            });
    }

    @Test
    void aHostWithoutAPortNamesThePort() {
        this.runner.withPropertyValues("httplib.proxy.host=proxy.corp.example")
            .run((context) -> assertFailure(context, "httplib.proxy.port", "required when httplib.proxy.host is set"));
    }

    @Test
    void aPortOutOfRangeNamesThePort() {
        this.runner.withPropertyValues("httplib.proxy.host=proxy.corp.example", "httplib.proxy.port=70000")
            .run((context) -> assertFailure(context, "httplib.proxy.port", "between 1 and 65535"));
    }

    @Test
    void aUserWithoutAPasswordNamesThePasswordOfTheNamedClient() {
        this.runner
            .withPropertyValues("httplib.clients.partner.proxy.host=p.example", "httplib.clients.partner.proxy.port=3128",
                    "httplib.clients.partner.proxy.username=svc")
            .run((context) -> assertFailure(context, "httplib.clients.partner.proxy.password", "required"));
    }

    @Test
    void aMalformedNonProxyHostNamesTheListAndTheEntry() {
        this.runner.withPropertyValues("httplib.proxy.host=p.example", "httplib.proxy.port=3128",
                "httplib.proxy.non-proxy-hosts=10.0.0.0/33")
            .run((context) -> assertFailure(context, "httplib.proxy.non-proxy-hosts", "10.0.0.0/33"));
    }

    @Test
    void aFixedProxyAndTheSystemsCannotBeCombined() {
        this.runner.withPropertyValues("httplib.proxy.host=p.example", "httplib.proxy.port=3128",
                "httplib.proxy.use-system-properties=true")
            .run((context) -> assertFailure(context, "httplib.proxy.host", "use-system-properties"));
    }

    private static ProxyConfig proxyOf(AssertableApplicationContext context, String name) {
        return context.getBean(name, HttplibClient.class).connectionFactory().proxy();
    }

    private static void assertFailure(AssertableApplicationContext context, String property, String reason) {
        assertThat(context).hasFailed();
        Throwable root = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
        assertThat(root).isInstanceOf(InvalidConfigurationPropertyValueException.class);
        InvalidConfigurationPropertyValueException invalid = (InvalidConfigurationPropertyValueException) root;
        assertThat(invalid.getName()).isEqualTo(property);
        assertThat(invalid.getReason()).contains(reason);
    }
}
