package io.httplib.bench;

import java.io.Closeable;
import java.io.IOException;

/**
 * One HTTP client under test, set up idiomatically for {@code threads} concurrent callers (pool
 * sized to match). Threads share the client; each takes its own {@link Caller}, which for clients
 * that are not thread-safe (raw sockets, {@code HTTPConnection}) owns a connection.
 */
public interface BenchClient extends Closeable {

    /** @return a handle for the calling thread */
    Caller caller() throws IOException;

    @Override
    void close() throws IOException;

    /** The operations a workload performs; all of them read the whole response body. */
    interface Caller extends Closeable {
        /** GET the 64-byte body; returns the body length. */
        int get() throws IOException;

        /** GET the large file, streamed through {@code buf}; returns the byte count. */
        long download(byte[] buf) throws IOException;

        /** POST {@code body} to the upload server; returns the status. */
        int upload(byte[] body) throws IOException;

        /**
         * GET the 1 MiB JSON document that nginx serves gzip-compressed, decoded by the client
         * itself, read through {@code buf} and checked against {@code expected}
         * ({@link JsonBody#readAndCheck}); returns the decoded length. Only for clients that
         * decode gzip ({@link #GZIP_CLIENTS}).
         */
        default long json(byte[] buf, byte[] expected) throws IOException {
            throw new UnsupportedOperationException("this client does not decode gzip by itself");
        }

        @Override
        default void close() throws IOException {}
    }

    /** The clients that decode gzip as they come, run in workload (g). */
    java.util.Set<String> GZIP_CLIENTS = java.util.Set.of("httplib-client", "apache5", "okhttp");

    /** The client names in table order. */
    String[] NAMES = {"raw", "httplib", "httplib-client", "apache5", "okhttp", "jetty", "jdk", "urlconnection"};

    static BenchClient create(String name, Target target, int threads) throws Exception {
        return switch (name) {
            case "raw" -> new RawClient(target);
            case "httplib" -> new HttplibConnectionClient(target);
            case "httplib-client" -> new HttplibPooledClient(target, threads);
            case "apache5" -> new ApacheClient(target, threads);
            case "okhttp" -> new OkHttpBenchClient(target, threads);
            case "jetty" -> new JettyBenchClient(target, threads);
            case "jdk" -> new JdkClient(target, threads);
            case "urlconnection" -> new UrlConnectionClient(target, threads);
            default -> throw new IllegalArgumentException("unknown client " + name);
        };
    }
}
