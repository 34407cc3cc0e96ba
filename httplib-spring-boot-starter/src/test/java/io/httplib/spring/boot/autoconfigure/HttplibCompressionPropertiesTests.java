package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.Decompression;
import io.httplib.HttplibClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

/** {@code httplib.compression.*} and {@code httplib.clients.<name>.compression.*} map onto {@link Decompression}. */
class HttplibCompressionPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
                ImperativeHttpClientAutoConfiguration.class, HttplibAutoConfiguration.class,
                HttplibHttpClientAutoConfiguration.class));

    @Test
    void compressionIsOnWithTheCoreBoundsByDefault() {
        this.runner.run((context) -> assertThat(context.getBean(HttplibClient.class).decompression())
            .isEqualTo(Decompression.DEFAULT));
    }

    @Test
    void everyCompressionPropertyBindsOntoTheClient() {
        this.runner
            .withPropertyValues("httplib.compression.enabled=false", "httplib.compression.max-decoded-size=16MB",
                    "httplib.compression.max-ratio=50")
            .run((context) -> assertThat(context.getBean(HttplibClient.class).decompression())
                .isEqualTo(Decompression.builder().enabled(false).maxDecodedSize(16L * 1024 * 1024).maxRatio(50).build()));
    }

    @Test
    void namedClientsInheritCompressionSettingsAndOverrideThemFieldByField() {
        this.runner
            .withPropertyValues("httplib.compression.max-ratio=50", "httplib.clients.search.compression.enabled=false",
                    "httplib.clients.reports.compression.max-decoded-size=1GB",
                    "httplib.clients.plain.base-url=http://localhost/")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean("search", HttplibClient.class).decompression())
                    .isEqualTo(Decompression.builder().enabled(false).maxRatio(50).build());
                assertThat(context.getBean("reports", HttplibClient.class).decompression())
                    .isEqualTo(Decompression.builder().maxDecodedSize(1L << 30).maxRatio(50).build());
                assertThat(context.getBean("plain", HttplibClient.class).decompression())
                    .isEqualTo(Decompression.builder().maxRatio(50).build());
            });
    }

    @Test
    void restClientFactoriesWithOtherTimeoutsKeepTheCompressionSettings() {
        this.runner.withPropertyValues("httplib.compression.max-ratio=42").run((context) -> {
            HttplibClientHttpRequestFactoryBuilder builder = context.getBean(HttplibClientHttpRequestFactoryBuilder.class);
            HttplibClientHttpRequestFactory factory = builder
                .build(HttpClientSettings.defaults().withReadTimeout(Duration.ofMillis(1234)));
            assertThat(factory.getClient()).isNotSameAs(context.getBean(HttplibClient.class));
            assertThat(factory.getClient().decompression().maxRatio()).isEqualTo(42);
        });
        try (HttplibClient base = HttplibClient.builder().decompression(Decompression.DISABLED).build();
                HttplibClientHttpRequestFactoryBuilder builder = HttplibClientHttpRequestFactoryBuilder.of(base)) {
            HttplibClientHttpRequestFactory factory = builder
                .build(HttpClientSettings.defaults().withConnectTimeout(Duration.ofMillis(4321)));
            assertThat(factory.getClient()).isNotSameAs(base);
            assertThat(factory.getClient().decompression()).isEqualTo(Decompression.DISABLED);
        }
    }

    @Test
    void aZeroRatioNamesTheProperty() {
        this.runner.withPropertyValues("httplib.compression.max-ratio=0")
            .run((context) -> assertFailure(context, "httplib.compression.max-ratio", "1 or more"));
    }

    @Test
    void aZeroDecodedSizeNamesTheProperty() {
        this.runner.withPropertyValues("httplib.compression.max-decoded-size=0B")
            .run((context) -> assertFailure(context, "httplib.compression.max-decoded-size", "1B or more"));
    }

    @Test
    void aBadBoundOfANamedClientNamesTheNamedProperty() {
        this.runner.withPropertyValues("httplib.clients.reports.compression.max-decoded-size=-1MB")
            .run((context) -> assertFailure(context, "httplib.clients.reports.compression.max-decoded-size",
                    "1B or more"));
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
