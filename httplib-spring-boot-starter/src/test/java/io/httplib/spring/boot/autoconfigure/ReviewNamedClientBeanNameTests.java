package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.HttplibClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/**
 * A named client's name is its bean name: one of httplib's own bean names fails startup naming the
 * property, and a bean the application defines under the name wins with a warning, instead of the
 * settings being dropped in silence.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReviewNamedClientBeanNameTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttplibAutoConfiguration.class));

    @Test
    void aNamedClientCalledLikeOneOfHttplibsBeansFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("httplib.clients.httplibClient.base-url=http://localhost/").run((context) -> {
            assertThat(context).hasFailed();
            Throwable root = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
            assertThat(root).isInstanceOf(InvalidConfigurationPropertyValueException.class);
            assertThat(((InvalidConfigurationPropertyValueException) root).getName())
                .isEqualTo("httplib.clients.httplibClient");
        });
    }

    @Test
    void aBeanOfTheApplicationUnderTheSameNameWinsWithAWarning(CapturedOutput output) {
        this.runner.withBean("search", String.class, () -> "the application's own")
            .withPropertyValues("httplib.clients.search.base-url=http://localhost/")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean("search")).isEqualTo("the application's own");
                assertThat(context.getBeansOfType(HttplibClient.class)).doesNotContainKey("search");
            });
        assertThat(output).contains("httplib.clients.search.* is ignored");
    }
}
