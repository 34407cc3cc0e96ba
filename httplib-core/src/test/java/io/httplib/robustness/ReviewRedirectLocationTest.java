package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import io.httplib.testing.RecordingListener;
import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code Location} that parses as a URI but names no port a connection could use is "no usable
 * Location": the 3xx is returned as it is (docs/pool.md, Redirects), as for any other unusable
 * value. Before, {@code http://h:99999/} and {@code http://h:0/} made {@code send} throw an
 * unchecked {@code IllegalArgumentException} ("port out of range") chosen by the server, and a
 * port of 0 was taken for the scheme's default: the call went to port 80.
 */
@Timeout(30)
class ReviewRedirectLocationTest {

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:99999/next", "http://127.0.0.1:0/next", "https://example.test:65536/" })
    void aLocationWithAPortOutOfRangeIsReturnedAsItIs(String location) throws Exception {
        RecordingListener recorder = new RecordingListener();
        String redirect = "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(redirect));
                HttplibClient client = HttplibClient.builder().followRedirects(true).eventListener(recorder).build()) {
            try (ClientResponse response = client.send("GET", "http://127.0.0.1:" + server.port() + "/", null, null)) {
                assertThat(response.status()).isEqualTo(302);
                assertThat(response.header("Location")).isEqualTo(location);
            }
            assertThat(client.pool().stats().leased()).isZero();
        }
        recorder.assertBalanced();
        assertThat(recorder.events()).endsWith("callEnd");
    }

    @Test
    void anExplicitPortZeroIsRefusedNotTakenForTheDefaultPort() {
        try (HttplibClient client = HttplibClient.builder().build()) {
            assertThatIllegalArgumentException().isThrownBy(() -> client.send("GET", "http://127.0.0.1:0/", null, null))
                .withMessageContaining("port out of range");
            assertThat(client.pool().stats().leased()).isZero();
        }
    }
}
