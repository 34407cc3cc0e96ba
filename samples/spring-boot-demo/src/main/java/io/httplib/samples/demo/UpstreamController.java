package io.httplib.samples.demo;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded default upstream: a tiny catalogue API served by the sample itself, so the sample
 * needs no external service.
 */
@RestController
@RequestMapping("/upstream")
class UpstreamController {

    private static final Map<String, Map<String, Object>> ITEMS = Map.of(
            "1", Map.of("id", "1", "name", "Norwegian Blue", "price", 42),
            "2", Map.of("id", "2", "name", "Spam", "price", 3),
            "3", Map.of("id", "3", "name", "Holy Grail", "price", 1000));

    @GetMapping("/items")
    List<String> items() {
        return List.of("1", "2", "3");
    }

    @GetMapping("/items/{id}")
    ResponseEntity<Map<String, Object>> item(@PathVariable String id) {
        Map<String, Object> item = ITEMS.get(id);
        return item == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(item);
    }

    @GetMapping("/status")
    Map<String, String> status() {
        return Map.of("upstream", "ok");
    }
}
