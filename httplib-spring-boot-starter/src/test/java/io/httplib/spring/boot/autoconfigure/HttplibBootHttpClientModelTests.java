package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.httplib.HttplibClient;
import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.spring.boot.autoconfigure.metrics.HttplibMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * httplib fits Boot 4's own HTTP-client model: Boot's factory switch and an opt-out, clients of
 * their own for other {@code HttpClientSettings} (named and measured), redirects, and HTTP
 * service groups sent through the named client of their name.
 */
class HttplibBootHttpClientModelTests {

    static HttpServer server;

    static String baseUrl;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
                ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
                HttpServiceClientPropertiesAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
                HttplibAutoConfiguration.class, HttplibHttpClientAutoConfiguration.class,
                HttplibMetricsAutoConfiguration.class));

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", (exchange) -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/orders/7");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            byte[] body = ("you asked for " + path).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void restClientSendsThroughHttplibByDefault() {
        this.runner.run((context) -> {
            assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
                .isInstanceOf(HttplibClientHttpRequestFactoryBuilder.class);
            assertThat(context.getBean(ClientHttpRequestFactory.class)).isInstanceOf(HttplibClientHttpRequestFactory.class);
        });
    }

    @Test
    void bootsImperativeFactorySwitchPutsHttplibAside() {
        this.runner.withPropertyValues("spring.http.clients.imperative.factory=jdk").run((context) -> {
            assertThat(context).doesNotHaveBean(HttplibClientHttpRequestFactoryBuilder.class);
            assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
                .isInstanceOf(JdkClientHttpRequestFactoryBuilder.class);
            assertThat(context.getBean(ClientHttpRequestFactory.class)).isInstanceOf(JdkClientHttpRequestFactory.class);
            assertThat(context).hasSingleBean(HttplibClient.class);
        });
        this.runner.withPropertyValues("spring.http.clients.imperative.factory=simple")
            .run((context) -> assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
                .isInstanceOf(SimpleClientHttpRequestFactoryBuilder.class));
    }

    @Test
    void restClientIntegrationCanBeTurnedOff() {
        this.runner.withPropertyValues("httplib.rest-client.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(HttplibClientHttpRequestFactoryBuilder.class)
                .doesNotHaveBean(HttplibHttpServiceGroupConfigurer.class)
                .hasSingleBean(HttplibClient.class);
            assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
                .isNotInstanceOf(HttplibClientHttpRequestFactoryBuilder.class);
        });
    }

    @Test
    void otherTimeoutsGetAClientNamedAfterThemWithPoolGauges() {
        this.runner.withBean(SimpleMeterRegistry.class)
            .withPropertyValues("spring.http.clients.read-timeout=3s")
            .run((context) -> {
                HttplibClientHttpRequestFactory factory = (HttplibClientHttpRequestFactory) context
                    .getBean(ClientHttpRequestFactory.class);
                HttplibClient derived = factory.getClient();
                assertThat(derived.name()).isEqualTo("default:read-timeout=3s");
                assertThat(derived.connectionFactory().readTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(derived.pool()).isNotSameAs(context.getBean(HttplibClient.class).pool());
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                for (String gauge : new String[] { "leased", "idle", "pending", "max" }) {
                    assertThat(registry.find("httplib.client.pool." + gauge)
                        .tag("client.name", "default:read-timeout=3s")
                        .gauge()).as(gauge).isNotNull();
                }
            });
    }

    @Test
    void aDerivedClientKeepsThePoolSettingsAndIsMeasuredUnderItsName() {
        this.runner.withBean(SimpleMeterRegistry.class)
            .withPropertyValues("spring.http.clients.connect-timeout=1s", "spring.http.clients.read-timeout=3s",
                    "httplib.pool.max-total=7")
            .run((context) -> {
                RestClient rest = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
                assertThat(rest.get().uri("/x").retrieve().body(String.class)).isEqualTo("you asked for /x");
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                String name = "default:connect-timeout=1s,read-timeout=3s";
                assertThat(registry.get("httplib.client.requests").tag("client.name", name).timer().count())
                    .isEqualTo(1);
                assertThat(registry.get("httplib.client.pool.max").tag("client.name", name).gauge().value())
                    .isEqualTo(7);
            });
    }

    @Test
    void settingsEqualToTheClientsOwnShareItsPool() {
        this.runner.withPropertyValues("httplib.read-timeout=3s", "spring.http.clients.read-timeout=3s")
            .run((context) -> assertThat(((HttplibClientHttpRequestFactory) context.getBean(ClientHttpRequestFactory.class))
                .getClient()).isSameAs(context.getBean(HttplibClient.class)));
    }

    @Test
    void derivedClientsAreClosedWithTheContext() {
        AtomicReference<HttplibClient> derived = new AtomicReference<>();
        this.runner.withPropertyValues("spring.http.clients.read-timeout=3s")
            .run((context) -> derived
                .set(((HttplibClientHttpRequestFactory) context.getBean(ClientHttpRequestFactory.class)).getClient()));
        assertThat(derived.get().pool().isClosed()).isTrue();
    }

    @Test
    void restClientFollowsBootsRedirectSettingNotHttplibs() {
        this.runner.withPropertyValues("httplib.redirects.follow=false").run((context) -> {
            RestClient rest = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
            assertThat(rest.get().uri("/moved").retrieve().body(String.class)).isEqualTo("you asked for /orders/7");
        });
        this.runner.withPropertyValues("httplib.redirects.follow=true", "spring.http.clients.redirects=dont-follow")
            .run((context) -> {
                RestClient rest = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
                ResponseEntity<Void> response = rest.get().uri("/moved").retrieve().toBodilessEntity();
                assertThat(response.getStatusCode().value()).isEqualTo(302);
                assertThat(context.getBean(HttplibClient.class).followRedirects()).isTrue();
            });
    }

    @Test
    void anHttpServiceGroupSendsThroughTheNamedClientOfItsName() {
        this.runner.withUserConfiguration(OrdersAndStockGroups.class)
            .withBean(RecordingListeners.class)
            .withPropertyValues("httplib.clients.orders.base-url=" + baseUrl + "/",
                    "httplib.clients.orders.read-timeout=4s",
                    "spring.http.serviceclient.stock.base-url=" + baseUrl)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Orders.class).order("9")).isEqualTo("you asked for /orders/9");
                assertThat(context.getBean(Stock.class).item("3")).isEqualTo("you asked for /stock/3");
                assertThat(context.getBean(RecordingListeners.class).clientNames).containsExactly("orders", "default");
            });
    }

    @Test
    void aServiceGroupsOwnTimeoutsApplyOnTopOfItsNamedClient() {
        this.runner.withUserConfiguration(OrdersAndStockGroups.class)
            .withBean(RecordingListeners.class)
            .withPropertyValues("httplib.clients.orders.base-url=" + baseUrl + "/",
                    "spring.http.serviceclient.orders.read-timeout=2s",
                    "spring.http.serviceclient.stock.base-url=" + baseUrl)
            .run((context) -> {
                assertThat(context.getBean(Orders.class).order("1")).isEqualTo("you asked for /orders/1");
                assertThat(context.getBean(RecordingListeners.class).clientNames)
                    .containsExactly("orders:read-timeout=2s");
            });
    }

    @Test
    void aServiceGroupFindsANamedClientWrittenInAnotherForm() {
        this.runner.withUserConfiguration(OrdersAndStockGroups.class)
            .withBean(RecordingListeners.class)
            .withPropertyValues("httplib.clients.Orders_.base-url=" + baseUrl + "/",
                    "spring.http.serviceclient.stock.base-url=" + baseUrl)
            .run((context) -> {
                assertThat(context.getBean(Orders.class).order("2")).isEqualTo("you asked for /orders/2");
                assertThat(context.getBean(RecordingListeners.class).clientNames).containsExactly("Orders_");
            });
    }

    @HttpExchange
    interface Orders {

        @GetExchange("/orders/{id}")
        String order(@org.springframework.web.bind.annotation.PathVariable String id);

    }

    @HttpExchange
    interface Stock {

        @GetExchange("/stock/{id}")
        String item(@org.springframework.web.bind.annotation.PathVariable String id);

    }

    @Configuration(proxyBeanMethods = false)
    @ImportHttpServices(group = "orders", types = Orders.class)
    @ImportHttpServices(group = "stock", types = Stock.class)
    static class OrdersAndStockGroups {

    }

    /** Records the client name of every call, in order. */
    static class RecordingListeners implements HttpEventListener.Factory {

        final List<String> clientNames = new CopyOnWriteArrayList<>();

        @Override
        public HttpEventListener create(CallContext call) {
            this.clientNames.add(call.clientName());
            return HttpEventListener.NONE;
        }

    }

}
