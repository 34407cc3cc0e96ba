package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The generated configuration metadata ships in the jar and describes every property. */
class ConfigurationMetadataTests {

    @Test
    @SuppressWarnings("unchecked")
    void everyHttplibPropertyHasADescription() throws Exception {
        Map<String, Object> metadata;
        try (InputStream in = getClass().getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            metadata = JsonMapper.builder().build().readValue(in, Map.class);
        }
        List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
        List<Map<String, Object>> httplib = properties.stream()
            .filter((p) -> ((String) p.get("name")).startsWith("httplib."))
            .toList();
        assertThat(httplib).extracting((p) -> (String) p.get("name"))
            .contains("httplib.connect-timeout", "httplib.read-timeout", "httplib.request-timeout", "httplib.strict",
                    "httplib.debug-level", "httplib.base-url", "httplib.ssl.key-file", "httplib.ssl.cert-file",
                    "httplib.ssl.key-password", "httplib.ssl.ca-file", "httplib.ssl.verify-hostname",
                    "httplib.ssl.protocols", "httplib.ssl.bundle", "httplib.pool.max-per-route",
                    "httplib.pool.max-total", "httplib.pool.acquire-timeout", "httplib.pool.idle-timeout",
                    "httplib.pool.max-lifetime", "httplib.compression.enabled", "httplib.compression.max-decoded-size",
                    "httplib.compression.max-ratio", "httplib.redirects.follow", "httplib.redirects.max",
                    "httplib.metrics.enabled", "httplib.rest-client.enabled", "httplib.clients");
        assertThat(httplib).allSatisfy((p) -> assertThat((String) p.get("description")).as((String) p.get("name"))
            .isNotBlank());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyHttplibPropertyIsInTheConfigurationGuide() throws Exception {
        Map<String, Object> metadata;
        try (InputStream in = getClass().getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readValue(in, Map.class);
        }
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("docs/configuration.md"))) {
            root = root.getParent();
        }
        assertThat(root).as("project root with docs/configuration.md").isNotNull();
        String guide = Files.readString(root.resolve("docs/configuration.md"));
        List<String> names = ((List<Map<String, Object>>) metadata.get("properties")).stream()
            .map((p) -> (String) p.get("name"))
            .filter((name) -> name.startsWith("httplib."))
            .toList();
        assertThat(names).isNotEmpty().allSatisfy((name) -> assertThat(guide).as(name).contains("`" + name));
    }
}
