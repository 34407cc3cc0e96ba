package io.httplib.samples.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small service that fans out calls to an upstream HTTP API through httplib: the autoconfigured
 * {@link io.httplib.HttplibClient} and a {@code RestClient} built from Boot's builder (which the
 * starter points at httplib). With no settings the upstream is {@link UpstreamController}, served
 * by this same application, so the sample runs offline; set {@code demo.upstream-url} to call a
 * real one.
 */
@SpringBootApplication
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
