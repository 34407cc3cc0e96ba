package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code httplib.proxy.host} written with its port ({@code proxy.corp:3128}, a common slip) fails
 * the start naming the property, as configuration.md promises for bad proxy settings. Before, the
 * context started and every request through the proxy failed with an {@code UnknownHostException}.
 */
class ReviewProxyHostPropertyTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttplibAutoConfiguration.class));

    @Test
    void aProxyHostWithItsPortFailsTheStartNamingTheProperty() {
        this.runner.withPropertyValues("httplib.proxy.host=proxy.corp:3128", "httplib.proxy.port=3128")
            .run((context) -> assertThat(context).getFailure()
                .hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
                .rootCause()
                .hasMessageContaining("httplib.proxy.host")
                .hasMessageContaining("has a port"));
    }

    @Test
    void aNamedClientsProxyHostWithItsPortFailsTheStartNamingItsProperty() {
        this.runner
            .withPropertyValues("httplib.clients.partner.proxy.host=http://proxy.corp",
                    "httplib.clients.partner.proxy.port=3128")
            .run((context) -> assertThat(context).getFailure()
                .hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
                .rootCause()
                .hasMessageContaining("httplib.clients.partner.proxy.host"));
    }

}
