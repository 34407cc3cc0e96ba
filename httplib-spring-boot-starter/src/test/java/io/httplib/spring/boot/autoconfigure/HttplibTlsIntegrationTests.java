package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;

/** Real handshakes with a server that requires a client certificate. */
class HttplibTlsIntegrationTests {

    @TempDir
    static Path dir;

    static TestCertificates pki;

    static TestCertificates.MutualTlsServer server;

    static Path key;

    static Path cert;

    static Path ca;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttplibAutoConfiguration.class,
                HttplibHttpClientAutoConfiguration.class));

    @BeforeAll
    static void start() throws Exception {
        pki = new TestCertificates();
        TestCertificates.Client client = pki.client("alice");
        key = client.writeKey(dir, "alice.key");
        cert = client.writeCert(dir, "alice.crt");
        ca = pki.writeCa(dir);
        server = pki.startServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String url() {
        return "https://localhost:" + server.port() + "/whoami";
    }

    @Test
    void tlsFilesFromPropertiesPresentTheClientCertificate() {
        this.runner
            .withPropertyValues("httplib.ssl.key-file=file:" + key, "httplib.ssl.cert-file=file:" + cert,
                    "httplib.ssl.ca-file=file:" + ca)
            .run((context) -> {
                try (ClientResponse response = context.getBean(HttplibClient.class).send("GET", url(), null, null)) {
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.readString()).isEqualTo("CN=alice");
                }
            });
    }

    @Test
    void anSslBundlePresentsTheClientCertificateAndReloadsWithoutRestart() {
        this.runner
            .withPropertyValues("spring.ssl.bundle.pem.mtls.keystore.certificate=file:" + cert,
                    "spring.ssl.bundle.pem.mtls.keystore.private-key=file:" + key,
                    "spring.ssl.bundle.pem.mtls.truststore.certificate=file:" + ca, "httplib.ssl.bundle=mtls")
            .run((context) -> {
                HttplibClient client = context.getBean(HttplibClient.class);
                try (ClientResponse response = client.send("GET", url(), null, null)) {
                    assertThat(response.readString()).isEqualTo("CN=alice");
                }
                // The bundle changes (as reload-on-update does when the files change): new
                // connections present the new certificate, pooled ones are retired.
                context.getBean(SslBundleRegistry.class).updateBundle("mtls", bundleFor(pki.client("bob")));
                try (ClientResponse response = client.send("GET", url(), null, null)) {
                    assertThat(response.readString()).isEqualTo("CN=bob");
                }
            });
    }

    @Test
    void restClientSettingsWithAnSslBundleUseItsKeyMaterial() {
        this.runner
            .withPropertyValues("spring.ssl.bundle.pem.mtls.keystore.certificate=file:" + cert,
                    "spring.ssl.bundle.pem.mtls.keystore.private-key=file:" + key,
                    "spring.ssl.bundle.pem.mtls.truststore.certificate=file:" + ca)
            .run((context) -> {
                SslBundle bundle = context.getBean(SslBundles.class).getBundle("mtls");
                HttplibClientHttpRequestFactory factory = context.getBean(HttplibClientHttpRequestFactoryBuilder.class)
                    .build(HttpClientSettings.ofSslBundle(bundle));
                assertThat(factory.getClient()).isNotSameAs(context.getBean(HttplibClient.class));
                assertThat(factory.getClient().name()).isEqualTo("default:ssl.bundle=mtls");
                try (ClientHttpResponse response = factory.createRequest(URI.create(url()), HttpMethod.GET).execute()) {
                    assertThat(StreamUtils.copyToString(response.getBody(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("CN=alice");
                }
            });
    }

    private static SslBundle bundleFor(TestCertificates.Client client) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", client.key().getPrivate(), "secret".toCharArray(),
                    new X509Certificate[] { client.cert(), pki.ca });
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", pki.ca);
            return SslBundle.of(SslStoreBundle.of(keys, "secret", trust));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
