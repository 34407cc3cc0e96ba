package io.httplib.samples.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs where to look once the application is up. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final UpstreamLocation upstream;

    StartupBanner(UpstreamLocation upstream) {
        this.upstream = upstream;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String self = upstream.baseUrl().startsWith("http://127.0.0.1:")
                ? upstream.baseUrl().replace("/upstream", "") : "http://localhost:8080";
        log.info("httplib demo ready. Upstream: {}", upstream.baseUrl());
        log.info("  curl {}/api/summary", self);
        log.info("  curl {}/actuator/metrics/httplib.client.requests", self);
        log.info("  curl {}/actuator/prometheus | grep httplib", self);
        log.info("  curl {}/actuator/health", self);
    }
}
