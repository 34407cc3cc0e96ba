package io.httplib.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every series and label the shipped Grafana dashboard ({@code docs/dashboards/httplib.json})
 * queries exists in this sample's real {@code /actuator/prometheus} output, after some traffic:
 * a renamed meter or tag breaks the build instead of leaving a blank panel. {@code instance} is
 * left out: Prometheus adds it when it scrapes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardQueriesTest {

    private static final Pattern METRIC = Pattern.compile("\\bhttplib_[a-z_]+");

    private static final Pattern GROUPING = Pattern.compile("by \\(([^)]*)\\)");

    private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(=~|!=|!~|=)\\s*\"");

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)\\}");

    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"");

    /** Labels Prometheus adds at scrape time or that belong to a histogram's buckets. */
    private static final Set<String> ADDED_BY_PROMETHEUS = Set.of("instance", "job");

    @LocalServerPort
    int port;

    @Autowired
    HttplibClient client;

    @Test
    void everySeriesAndLabelTheDashboardQueriesIsInTheSamplesOutput() throws Exception {
        String base = "http://127.0.0.1:" + this.port;
        for (int i = 0; i < 2; i++) {
            try (ClientResponse r = this.client.send("GET", base + "/api/summary", null, null)) {
                assertThat(r.status()).isEqualTo(200);
                r.readAllBytes();
            }
        }
        String scrape;
        try (ClientResponse r = this.client.send("GET", base + "/actuator/prometheus", null, null)) {
            scrape = r.readString();
        }
        Map<String, Set<String>> labelsBySeries = series(scrape);
        // The sample's histogram setting is for the request timer only: the in-flight long task
        // timer, whose name it prefixes, must not get 96 buckets of its own.
        assertThat(labelsBySeries).containsKey("httplib_client_requests_seconds_bucket")
            .containsKey("httplib_client_requests_active_seconds_count")
            .doesNotContainKey("httplib_client_requests_active_seconds_bucket");

        List<String> queries = queries();
        assertThat(queries).hasSizeGreaterThan(10);
        for (String query : queries) {
            Set<String> metrics = new HashSet<>();
            Matcher metric = METRIC.matcher(query);
            while (metric.find()) {
                metrics.add(metric.group());
            }
            assertThat(metrics).as(query).isNotEmpty();
            Set<String> labels = labelsOf(query);
            for (String name : metrics) {
                assertThat(labelsBySeries).as("series %s of %s", name, query).containsKey(name);
                Set<String> wanted = new HashSet<>(labels);
                wanted.removeAll(ADDED_BY_PROMETHEUS);
                if (!name.endsWith("_bucket")) {
                    wanted.remove("le");
                }
                assertThat(labelsBySeries.get(name)).as("labels of %s in %s", name, query).containsAll(wanted);
            }
        }
    }

    /** Series name to the union of its label names, from the text exposition format. */
    private static Map<String, Set<String>> series(String scrape) {
        Map<String, Set<String>> series = new HashMap<>();
        for (String line : scrape.lines().toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.find()) {
                Set<String> labels = series.computeIfAbsent(sample.group(1), (k) -> new HashSet<>());
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return series;
    }

    private static Set<String> labelsOf(String query) {
        Set<String> labels = new HashSet<>();
        Matcher grouping = GROUPING.matcher(query);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                labels.add(label.trim());
            }
        }
        Matcher matcher = MATCHER.matcher(query);
        while (matcher.find()) {
            labels.add(matcher.group(1));
        }
        Matcher labelValues = Pattern.compile("label_values\\([^,]*,\\s*([a-z_]+)\\)").matcher(query);
        while (labelValues.find()) {
            labels.add(labelValues.group(1));
        }
        return labels;
    }

    /** Every panel query and every template variable query of the dashboard. */
    private static List<String> queries() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("docs/dashboards/httplib.json"))) {
            root = root.getParent();
        }
        assertThat(root).as("project root with docs/dashboards/httplib.json").isNotNull();
        JsonNode dashboard = JsonMapper.builder().build()
            .readTree(Files.readString(root.resolve("docs/dashboards/httplib.json")));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.get("expr").asString());
            }
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.has("definition")) {
                queries.add(variable.get("definition").asString());
            }
        }
        return queries;
    }
}
