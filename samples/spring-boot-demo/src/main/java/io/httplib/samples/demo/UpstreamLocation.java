package io.httplib.samples.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Where the upstream API is: {@code demo.upstream-url} when set, else this application's own
 * {@code /upstream} endpoints on the port it is listening on.
 */
@Component
class UpstreamLocation {

    private final String configured;
    private final WebServerApplicationContext context;

    UpstreamLocation(@Value("${demo.upstream-url:}") String configured, WebServerApplicationContext context) {
        this.configured = configured;
        this.context = context;
    }

    /** @return the upstream base URL, without a trailing slash */
    String baseUrl() {
        if (!configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return "http://127.0.0.1:" + context.getWebServer().getPort() + "/upstream";
    }
}
