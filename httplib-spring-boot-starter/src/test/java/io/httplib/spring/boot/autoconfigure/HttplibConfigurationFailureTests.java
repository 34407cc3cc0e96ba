package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

/** Bad configuration fails at startup, and the failure names the property at fault. */
class HttplibConfigurationFailureTests {

    @TempDir
    static Path dir;

    static Path key;

    static Path cert;

    static Path otherKey;

    static Path ca;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttplibAutoConfiguration.class));

    @BeforeAll
    static void writeCertificates() throws Exception {
        TestCertificates pki = new TestCertificates();
        TestCertificates.Client client = pki.client("client");
        key = client.writeKey(dir, "client.key");
        cert = client.writeCert(dir, "client.crt");
        otherKey = pki.client("other").writeKey(dir, "other.key");
        ca = pki.writeCa(dir);
    }

    @Test
    void aNegativeConnectTimeoutNamesTheProperty() {
        this.runner.withPropertyValues("httplib.connect-timeout=-1s")
            .run((context) -> assertFailure(context, "httplib.connect-timeout", "negative"));
    }

    @Test
    void aNegativeReadTimeoutNamesTheProperty() {
        this.runner.withPropertyValues("httplib.read-timeout=-5ms")
            .run((context) -> assertFailure(context, "httplib.read-timeout", "negative"));
    }

    @Test
    void aNegativePoolTimeoutNamesTheProperty() {
        this.runner.withPropertyValues("httplib.pool.idle-timeout=-1s")
            .run((context) -> assertFailure(context, "httplib.pool.idle-timeout", "negative"));
    }

    @Test
    void aNegativeTimeoutOfANamedClientNamesTheNamedProperty() {
        this.runner.withPropertyValues("httplib.clients.payments.read-timeout=-1s")
            .run((context) -> assertFailure(context, "httplib.clients.payments.read-timeout", "negative"));
    }

    @Test
    void aZeroRequestTimeoutNamesTheProperty() {
        this.runner.withPropertyValues("httplib.request-timeout=0")
            .run((context) -> assertFailure(context, "httplib.request-timeout", "positive"));
    }

    @Test
    void aZeroRequestTimeoutOfANamedClientNamesThePropertyAsWritten() {
        this.runner.withPropertyValues("httplib.clients.userService.request-timeout=0s")
            .run((context) -> assertFailure(context, "httplib.clients.userService.request-timeout", "positive"));
    }

    @Test
    void aNegativeRedirectLimitNamesTheProperty() {
        this.runner.withPropertyValues("httplib.clients.payments.redirects.max=-1")
            .run((context) -> assertFailure(context, "httplib.clients.payments.redirects.max", "0 or more"));
    }

    @Test
    void anEmptyValueThatLeavesACertificateWithoutItsKeyNamesTheKeyFile() {
        this.runner
            .withPropertyValues("httplib.ssl.key-file=file:" + key, "httplib.ssl.cert-file=file:" + cert,
                    "httplib.clients.payments.ssl.key-file=")
            .run((context) -> assertFailure(context, "httplib.clients.payments.ssl.key-file", "required"));
    }

    @Test
    void anEmptyValueForANumberOrASwitchNamesTheProperty() {
        this.runner.withPropertyValues("httplib.clients.payments.pool.max-total=").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("primitive");
            BindException bind = findCause(context.getStartupFailure(), BindException.class);
            assertThat(bind.getName()).hasToString("httplib.clients.payments.pool.max-total");
        });
        this.runner.withPropertyValues("httplib.clients.payments.strict=").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(findCause(context.getStartupFailure(), BindException.class).getName())
                .hasToString("httplib.clients.payments.strict");
        });
    }

    @Test
    void aMissingKeyFileNamesTheProperty() {
        this.runner
            .withPropertyValues("httplib.ssl.key-file=file:" + dir.resolve("missing.key"),
                    "httplib.ssl.cert-file=file:" + cert)
            .run((context) -> assertFailure(context, "httplib.ssl.key-file", "does not exist"));
    }

    @Test
    void aMissingCaFileNamesTheProperty() {
        this.runner.withPropertyValues("httplib.ssl.ca-file=file:" + dir.resolve("missing-ca.pem"))
            .run((context) -> assertFailure(context, "httplib.ssl.ca-file", "does not exist"));
    }

    @Test
    void anUnreadableCertFileNamesTheProperty() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("not-a-file.crt"));
        this.runner
            .withPropertyValues("httplib.ssl.key-file=file:" + key, "httplib.ssl.cert-file=file:" + directory)
            .run((context) -> assertFailure(context, "httplib.ssl.cert-file", "not readable"));
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateNamesTheKeyFile() {
        this.runner.withPropertyValues("httplib.ssl.key-file=file:" + otherKey, "httplib.ssl.cert-file=file:" + cert)
            .run((context) -> assertFailure(context, "httplib.ssl.key-file", null));
    }

    @Test
    void aKeyFileWithoutCertFileNamesTheMissingProperty() {
        this.runner.withPropertyValues("httplib.ssl.key-file=file:" + key)
            .run((context) -> assertFailure(context, "httplib.ssl.cert-file", "required"));
    }

    @Test
    void aCertFileWithoutKeyFileNamesTheMissingProperty() {
        this.runner.withPropertyValues("httplib.ssl.cert-file=file:" + cert)
            .run((context) -> assertFailure(context, "httplib.ssl.key-file", "required"));
    }

    @Test
    void anUnknownSslBundleNamesTheProperty() {
        this.runner.withPropertyValues("httplib.ssl.bundle=nope")
            .run((context) -> assertFailure(context, "httplib.ssl.bundle", "no SSL bundle"));
    }

    @Test
    void anSslBundleCombinedWithFilesNamesTheBundleProperty() {
        this.runner.withPropertyValues("httplib.ssl.bundle=nope", "httplib.ssl.ca-file=file:" + ca)
            .run((context) -> assertFailure(context, "httplib.ssl.bundle", "cannot be combined"));
    }

    @Test
    void aRelativeBaseUrlNamesTheProperty() {
        this.runner.withPropertyValues("httplib.base-url=/api")
            .run((context) -> assertFailure(context, "httplib.base-url", "absolute"));
    }

    @Test
    void aPoolWithoutConnectionsNamesTheProperty() {
        this.runner.withPropertyValues("httplib.pool.max-total=0")
            .run((context) -> assertFailure(context, "httplib.pool.max-total", "1 or more"));
    }

    @Test
    void validTlsFilesStartTheContext() {
        this.runner
            .withPropertyValues("httplib.ssl.key-file=file:" + key, "httplib.ssl.cert-file=file:" + cert,
                    "httplib.ssl.ca-file=file:" + ca)
            .run((context) -> assertThat(context).hasNotFailed());
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }

    private static void assertFailure(AssertableApplicationContext context, String property, String reason) {
        assertThat(context).hasFailed();
        Throwable root = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
        assertThat(root).isInstanceOf(InvalidConfigurationPropertyValueException.class);
        InvalidConfigurationPropertyValueException invalid = (InvalidConfigurationPropertyValueException) root;
        assertThat(invalid.getName()).isEqualTo(property);
        assertThat(invalid.getMessage()).contains(property);
        if (reason != null) {
            assertThat(invalid.getReason()).contains(reason);
        }
    }
}
