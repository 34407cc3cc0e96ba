package io.httplib.samples.demo;

import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * {@code GET /api/summary} fans out to the upstream: the status through the httplib client
 * directly, and each catalogue item through a {@link RestClient} (built from Boot's
 * {@code RestClient.Builder}, which the httplib starter backs), in parallel.
 */
@RestController
class FanoutController {

    private final HttplibClient httplib;
    private final RestClient restClient;
    private final UpstreamLocation upstream;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "fanout");
        t.setDaemon(true);
        return t;
    });

    FanoutController(HttplibClient httplib, RestClient.Builder restClientBuilder, UpstreamLocation upstream) {
        this.httplib = httplib;
        this.restClient = restClientBuilder.build();
        this.upstream = upstream;
    }

    @GetMapping("/api/summary")
    Map<String, Object> summary() throws IOException {
        String base = upstream.baseUrl();

        // 1. The core client, with a URI template so metrics stay low-cardinality.
        String status;
        try (ClientResponse r = httplib.send(ClientRequest.builder("GET", base + "/status")
                .uriTemplate("/upstream/status").build())) {
            status = r.status() + " " + r.readString();
        }

        // 2. RestClient through httplib: the list, then every item in parallel.
        String[] ids = restClient.get().uri(base + "/items").retrieve().body(String[].class);
        List<CompletableFuture<Map<?, ?>>> calls = new ArrayList<>();
        for (String id : ids == null ? new String[0] : ids) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> restClient.get().uri(base + "/items/{id}", id).retrieve().body(Map.class), executor));
        }
        List<Map<?, ?>> items = calls.stream().map(CompletableFuture::join).toList();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("upstream", base);
        out.put("status", status);
        out.put("items", items);
        out.put("calls", 2 + items.size());
        return out;
    }
}
