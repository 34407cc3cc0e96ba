package io.httplib.samples.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DocumentationExamplesTest {

    @Test
    void bothExamplesPrintWhatTheDocumentationShows() throws Exception {
        HttpServer server = DocumentationExamples.startEmbeddedServer();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DocumentationExamples.run("127.0.0.1:" + server.getAddress().getPort(),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            // The embedded JDK server words its 302 reason its own way; the code is what matters.
            assertThat(out.toString(StandardCharsets.UTF_8).lines().map(l -> l.replaceFirst("^302 .*", "302")))
                    .containsSubsequence("200 OK", "404 Not Found", "302", "received spam=1&eggs=2&bacon=0");
        } finally {
            server.stop(0);
        }
    }
}
