package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.exporter.FinishedSpan;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.MDC;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * What tracing shows of httplib calls, run once per tracer bridge (Brave and OpenTelemetry, see
 * the subclasses) on a real loopback server that records the headers it receives: through the
 * {@link HttplibClient} bean, one CLIENT span per call, child of the caller's span, current while
 * {@code send} runs, whose context arrives in {@code traceparent} and {@code b3}; through
 * {@code RestClient} and {@code RestTemplate}, Spring's one CLIENT span and none from httplib;
 * retries and redirects inside one call keep its one span.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class HttplibTracingScenarios {

    /** Spring Boot properties every tracing scenario runs with: every trace sampled, W3C and B3. */
    static final String SAMPLE_ALL = "management.tracing.sampling.probability=1.0";

    static final String W3C_AND_B3 = "management.tracing.propagation.produce=w3c,b3";

    /** The spans the tracer finished, as the bridge under test reports them. */
    interface FinishedSpans {

        List<FinishedSpan> all();

        void clear();
    }

    /** Records, per call, the span that was current when its request head was about to be written. */
    static final class CurrentSpanRecorder implements HttpEventListener.Factory {

        private final Tracer tracer;

        final Map<String, String> spanIdByPath = new ConcurrentHashMap<>();

        /** The {@code spanId} of the logging MDC at the same moment (Spring Boot's log correlation). */
        final Map<String, String> mdcSpanIdByPath = new ConcurrentHashMap<>();

        CurrentSpanRecorder(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public HttpEventListener create(CallContext call) {
            return new HttpEventListener() {
                @Override
                public void requestHeadersStart(CallContext c) {
                    Span current = CurrentSpanRecorder.this.tracer.currentSpan();
                    CurrentSpanRecorder.this.spanIdByPath.put(c.uri().getPath(),
                            (current != null) ? current.context().spanId() : "none");
                    String mdc = MDC.get("spanId");
                    CurrentSpanRecorder.this.mdcSpanIdByPath.put(c.uri().getPath(), (mdc != null) ? mdc : "none");
                }
            };
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Recording {

        @Bean
        CurrentSpanRecorder currentSpanRecorder(Tracer tracer) {
            return new CurrentSpanRecorder(tracer);
        }
    }

    @Autowired
    HttplibClient client;

    @Autowired
    Tracer tracer;

    @Autowired
    FinishedSpans finishedSpans;

    @Autowired
    CurrentSpanRecorder currentSpans;

    @Autowired
    RestClient.Builder restClientBuilder;

    @Autowired
    RestTemplateBuilder restTemplateBuilder;

    @Autowired
    MeterRegistry meterRegistry;

    LoopbackHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        this.server = new LoopbackHttpServer();
        this.server.route("/hello/", (request, out) -> {
            LoopbackHttpServer.respond(out, "200 OK", "hello");
            return true;
        });
        this.finishedSpans.clear();
        this.currentSpans.spanIdByPath.clear();
        this.currentSpans.mdcSpanIdByPath.clear();
    }

    @AfterEach
    void stopServer() throws IOException {
        this.server.close();
    }

    @Test
    void aCallThroughTheClientBeanSendsTheContextOfItsClientSpanAChildOfTheCallersSpan() throws Exception {
        Span parent = this.tracer.nextSpan().name("caller").start();
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            try (ClientResponse response = this.client.send(
                    ClientRequest.builder("GET", this.server.url("/hello/ada")).uriTemplate("/hello/{name}").build())) {
                assertThat(response.readString()).isEqualTo("hello");
            }
        }
        finally {
            parent.end();
        }
        FinishedSpan span = onlyChildOf(parent);
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(span.getParentId()).isEqualTo(parent.context().spanId());
        assertThat(span.getName()).isEqualTo("http get");
        assertThat(span.getTags()).containsEntry("client.name", "default")
            .containsEntry("method", "GET")
            .containsEntry("uri", "/hello/{name}")
            .containsEntry("status", "200")
            .containsEntry("http.url", this.server.url("/hello/ada"));
        assertThat(span.getRemoteIp()).isEqualTo("127.0.0.1");
        assertThat(span.getRemotePort()).isEqualTo(this.server.port());
        LoopbackHttpServer.Request received = this.server.request("/hello/ada");
        assertThat(received.headers("traceparent")).containsExactly(traceparent(span));
        assertThat(b3TraceAndSpan(received.header("b3"))).isEqualTo(span.getTraceId() + "-" + span.getSpanId());
    }

    @Test
    void aCallWithoutACallersSpanStartsATraceOfItsOwn() throws Exception {
        try (ClientResponse response = this.client.send("GET", this.server.url("/hello/root"), null, null)) {
            assertThat(response.readString()).isEqualTo("hello");
        }
        List<FinishedSpan> spans = this.finishedSpans.all();
        assertThat(spans).hasSize(1);
        FinishedSpan span = spans.get(0);
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(span.getParentId()).as("no parent").satisfiesAnyOf((id) -> assertThat(id).isNullOrEmpty(),
                (id) -> assertThat(id).matches("0+"));
        assertThat(this.server.request("/hello/root").header("traceparent")).isEqualTo(traceparent(span));
    }

    @Test
    void theClientSpanIsTheCurrentSpanWhileSendRunsAndTheCallersSpanAgainOnceItReturns() throws Exception {
        Span parent = this.tracer.nextSpan().name("caller").start();
        Span afterSend;
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            ClientResponse response = this.client.send("GET", this.server.url("/hello/current"), null, null);
            afterSend = this.tracer.currentSpan();
            response.readString();
            response.close();
        }
        finally {
            parent.end();
        }
        FinishedSpan span = onlyChildOf(parent);
        assertThat(this.currentSpans.spanIdByPath).containsEntry("/hello/current", span.getSpanId());
        assertThat(this.currentSpans.mdcSpanIdByPath).as("log correlation")
            .containsEntry("/hello/current", span.getSpanId());
        assertThat(afterSend).isNotNull();
        assertThat(afterSend.context().spanId()).isEqualTo(parent.context().spanId());
    }

    @Test
    void aBodyReadOnAnotherThreadEndsTheSpanThereAndLeavesNoScopeOnEitherThread() throws Exception {
        Span parent = this.tracer.nextSpan().name("caller").start();
        ClientResponse response;
        Span afterSend;
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            response = this.client.send("GET", this.server.url("/hello/elsewhere"), null, null);
            afterSend = this.tracer.currentSpan();
        }
        finally {
            parent.end();
        }
        assertThat(afterSend.context().spanId()).isEqualTo(parent.context().spanId());
        assertThat(childrenOf(parent)).as("the call lasts until its body is read").isEmpty();
        FutureTask<Span> read = new FutureTask<>(() -> {
            try (response) {
                response.readString();
            }
            return this.tracer.currentSpan();
        });
        Thread reader = new Thread(read, "body-reader");
        reader.setDaemon(true);
        reader.start();
        assertThat(read.get(10, TimeUnit.SECONDS)).as("current span on the reading thread").isNull();
        FinishedSpan span = onlyChildOf(parent);
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(this.tracer.currentSpan()).isNull();
    }

    @Test
    void aFailedCallEndsItsClientSpanWithTheErrorAndRestoresTheCallersSpan() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Span parent = this.tracer.nextSpan().name("caller").start();
        Span afterSend;
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            assertThatThrownBy(() -> this.client.send("GET", "http://127.0.0.1:" + closedPort + "/", null, null))
                .isInstanceOf(ConnectException.class);
            afterSend = this.tracer.currentSpan();
        }
        finally {
            parent.end();
        }
        assertThat(afterSend.context().spanId()).isEqualTo(parent.context().spanId());
        FinishedSpan span = onlyChildOf(parent);
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(span.getTags()).containsEntry("exception", "ConnectException").containsEntry("status", "IO_ERROR");
        assertThat(span.getError()).isNotNull();
    }

    @Test
    void aRedirectedCallIsOneClientSpanAndEveryRequestCarriesItsContext() throws Exception {
        this.server.route("/old", (request, out) -> {
            LoopbackHttpServer.raw(out, "HTTP/1.1 302 Found\r\nLocation: /hello/new\r\nContent-Length: 0\r\n\r\n");
            return true;
        });
        Span parent = this.tracer.nextSpan().name("caller").start();
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            try (ClientResponse response = this.client
                .send(ClientRequest.builder("GET", this.server.url("/old")).followRedirects(true).build())) {
                assertThat(response.readString()).isEqualTo("hello");
            }
        }
        finally {
            parent.end();
        }
        FinishedSpan span = onlyChildOf(parent);
        assertThat(span.getTags()).containsEntry("status", "200");
        assertThat(this.server.request("/old").header("traceparent")).isEqualTo(traceparent(span));
        assertThat(this.server.request("/hello/new").header("traceparent")).isEqualTo(traceparent(span));
    }

    @Test
    void aRetriedCallIsOneClientSpanAndBothAttemptsCarryItsContext() throws Exception {
        AtomicInteger flakyHits = new AtomicInteger();
        this.server.route("/flaky", (request, out) -> {
            if (flakyHits.incrementAndGet() == 1) {
                // The kept connection dies under the request: the client retries on a new one.
                return false;
            }
            LoopbackHttpServer.respond(out, "200 OK", "second try");
            return true;
        });
        try (ClientResponse warm = this.client.send("GET", this.server.url("/hello/warm"), null, null)) {
            warm.readString();
        }
        this.finishedSpans.clear();
        Span parent = this.tracer.nextSpan().name("caller").start();
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            try (ClientResponse response = this.client.send("GET", this.server.url("/flaky"), null, null)) {
                assertThat(response.readString()).isEqualTo("second try");
            }
        }
        finally {
            parent.end();
        }
        FinishedSpan span = onlyChildOf(parent);
        List<LoopbackHttpServer.Request> attempts = this.server.requests("/flaky");
        assertThat(attempts).hasSize(2);
        assertThat(attempts).extracting((request) -> request.header("traceparent"))
            .containsExactly(traceparent(span), traceparent(span));
    }

    @Test
    void aRestClientCallIsOneClientSpanSpringsWhoseContextReachesTheServerAndHttplibKeepsItsMeters() {
        RestClient restClient = this.restClientBuilder.baseUrl(this.server.url("")).build();
        Span parent = this.tracer.nextSpan().name("caller").start();
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            assertThat(restClient.get().uri("/hello/{name}", "rest").retrieve().body(String.class)).isEqualTo("hello");
        }
        finally {
            parent.end();
        }
        FinishedSpan span = onlyChildOf(parent);
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(span.getTags()).as("Spring's span (client.name is the host), not httplib's")
            .containsEntry("client.name", "127.0.0.1");
        LoopbackHttpServer.Request received = this.server.request("/hello/rest");
        assertThat(received.headers("traceparent")).containsExactly(traceparent(span));
        assertThat(b3TraceAndSpan(received.header("b3"))).isEqualTo(span.getTraceId() + "-" + span.getSpanId());
        assertThat(this.meterRegistry.get("httplib.client.requests").tag("uri", "/hello/{name}").timer().count())
            .isEqualTo(1);
        assertThat(this.meterRegistry.get("http.client.requests").tag("uri", "/hello/{name}").timer().count())
            .isEqualTo(1);
    }

    @Test
    void aRedirectedRestClientCallIsStillOneClientSpan() {
        this.server.route("/old", (request, out) -> {
            LoopbackHttpServer.raw(out, "HTTP/1.1 302 Found\r\nLocation: /hello/new\r\nContent-Length: 0\r\n\r\n");
            return true;
        });
        RestClient restClient = this.restClientBuilder.baseUrl(this.server.url("")).build();
        Span parent = this.tracer.nextSpan().name("caller").start();
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            assertThat(restClient.get().uri("/old").retrieve().body(String.class)).isEqualTo("hello");
        }
        finally {
            parent.end();
        }
        FinishedSpan span = onlyChildOf(parent);
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(this.server.request("/old").header("traceparent")).isEqualTo(traceparent(span));
        assertThat(this.server.request("/hello/new").header("traceparent")).isEqualTo(traceparent(span));
    }

    @Test
    void aRestTemplateCallIsOneClientSpanSprings() {
        Span parent = this.tracer.nextSpan().name("caller").start();
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            assertThat(this.restTemplateBuilder.build()
                .getForObject(this.server.url("/hello/{name}"), String.class, "template")).isEqualTo("hello");
        }
        finally {
            parent.end();
        }
        FinishedSpan span = onlyChildOf(parent);
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(span.getTags()).containsEntry("client.name", "127.0.0.1");
        assertThat(this.server.request("/hello/template").header("traceparent")).isEqualTo(traceparent(span));
    }

    @Test
    void aFailedRestClientCallIsStillOneClientSpan() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RestClient restClient = this.restClientBuilder.baseUrl("http://127.0.0.1:" + closedPort).build();
        Span parent = this.tracer.nextSpan().name("caller").start();
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            assertThatThrownBy(() -> restClient.get().uri("/down").retrieve().body(String.class))
                .isInstanceOf(ResourceAccessException.class);
        }
        finally {
            parent.end();
        }
        FinishedSpan span = onlyChildOf(parent);
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(span.getTags()).containsEntry("client.name", "127.0.0.1");
    }

    @Test
    void aRestClientWithoutAnObservationRegistryLeavesTheClientSpanAndPropagationToHttplib() {
        RestClient restClient = RestClient.builder()
            .requestFactory(new HttplibClientHttpRequestFactory(this.client))
            .baseUrl(this.server.url(""))
            .build();
        Span parent = this.tracer.nextSpan().name("caller").start();
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(parent)) {
            assertThat(restClient.get().uri("/hello/{name}", "bare").retrieve().body(String.class)).isEqualTo("hello");
        }
        finally {
            parent.end();
        }
        FinishedSpan span = onlyChildOf(parent);
        assertThat(span.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(span.getTags()).containsEntry("client.name", "default");
        assertThat(this.server.request("/hello/bare").header("traceparent")).isEqualTo(traceparent(span));
    }

    /** The spans of the parent's trace other than the parent itself. */
    private List<FinishedSpan> childrenOf(Span parent) {
        return this.finishedSpans.all()
            .stream()
            .filter((span) -> span.getTraceId().equals(parent.context().traceId()))
            .filter((span) -> !span.getSpanId().equals(parent.context().spanId()))
            .toList();
    }

    private FinishedSpan onlyChildOf(Span parent) {
        List<FinishedSpan> children = childrenOf(parent);
        assertThat(children).as("spans of the trace besides the caller's: %s", children).hasSize(1);
        FinishedSpan child = children.get(0);
        assertThat(child.getParentId()).isEqualTo(parent.context().spanId());
        return child;
    }

    /** W3C trace context, version 00, sampled (RFC-style: version-traceid-parentid-flags). */
    static String traceparent(FinishedSpan span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01";
    }

    /** The trace and span ids of a B3 single header ({@code traceid-spanid[-sampled[-parentid]]}). */
    static String b3TraceAndSpan(String b3) {
        assertThat(b3).as("b3 header").isNotNull();
        String[] fields = b3.split("-");
        return fields[0] + "-" + fields[1];
    }
}
