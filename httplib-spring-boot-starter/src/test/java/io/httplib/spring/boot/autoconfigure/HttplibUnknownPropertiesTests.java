package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A startup warning names every httplib.* key that no setting reads, and the nearest valid one. */
@ExtendWith(OutputCaptureExtension.class)
class HttplibUnknownPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttplibAutoConfiguration.class));

    @Test
    void aTypoAtTheTopLevelIsReportedWithTheNearestKey(CapturedOutput output) {
        this.runner.withPropertyValues("httplib.read-timout=3s").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(warnings(context)).singleElement()
                .asString()
                .contains("'httplib.read-timout'")
                .contains("'httplib.read-timeout'");
        });
        assertThat(output).contains("Unknown property 'httplib.read-timout'")
            .contains("nearest valid one is 'httplib.read-timeout'");
    }

    @Test
    void aTypoUnderANamedClientIsReportedWithTheNearestKeyOfThatClient() {
        this.runner.withPropertyValues("httplib.clients.userService.pool.max-totl=5",
                "httplib.clients.userService.metrics.enabled=false")
            .run((context) -> assertThat(warnings(context)).containsExactly(
                    "Unknown property 'httplib.clients.userService.pool.max-totl' (\"httplib.clients.userService.pool.max-totl\" from property source \"test\")"
                            + " is ignored; the nearest valid one is 'httplib.clients.userService.pool.max-total'",
                    "Unknown property 'httplib.clients.userService.metrics.enabled' (\"httplib.clients.userService.metrics.enabled\" from property source \"test\")"
                            + " is ignored; the nearest valid one is 'httplib.clients.userService.compression.enabled'"));
    }

    @Test
    void everyFormBootAcceptsForAValidKeyIsQuiet() {
        this.runner
            .withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of("HTTPLIB_POOL_MAXTOTAL", "9", "HTTPLIB_CLIENTS_BILLING_READTIMEOUT", "2s"))))
            .withPropertyValues("httplib.readTimeout=3s", "httplib.connect_timeout=1s", "httplib.ssl.protocols[0]=TLSv1.3",
                    "httplib.clients.userService.base-url=http://users.test/", "httplib.clients.x.redirects.follow=true",
                    "httplib.metrics.enabled=true", "httplib.rest-client.enabled=true",
                    "httplib.clients[a.b].read-timeout=1s")
            .run((context) -> assertThat(warnings(context)).isEmpty());
    }

    @Test
    void theDistanceIsTheNumberOfEdits() {
        assertThat(UnknownPropertiesReporter.distance("read-timout", "read-timeout")).isEqualTo(1);
        assertThat(UnknownPropertiesReporter.distance("", "abc")).isEqualTo(3);
        assertThat(UnknownPropertiesReporter.distance("kitten", "sitting")).isEqualTo(3);
    }

    private static java.util.List<String> warnings(org.springframework.context.ApplicationContext context) {
        return context.getBean(UnknownPropertiesReporter.class).warnings();
    }
}
