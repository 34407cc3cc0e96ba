package io.httplib.bench.restclient;

import java.nio.file.Path;

/**
 * Where the servers of {@code run-restclient.sh} listen, for one scheme. nginx serves the
 * 64-byte body ({@code /64}), the large file ({@code /large.bin}) and, for the
 * new-connection run, {@code /close/64} (answered with {@code Connection: close}) on a plain and
 * a TLS port, plus {@code stub_status} on a plain port of its own; {@link UploadSink} takes
 * uploads on a plain and a TLS port.
 *
 * @param scheme {@code http} or {@code https}
 * @param caFile the test CA (PEM) that signed both servers' certificates
 * @param handshakeLog nginx's access log of {@code /close/64}: session reuse per connection
 * @param largeBytes the size of {@code /large.bin}
 */
record Endpoints(String scheme, String host, int nginxPort, int nginxTlsPort, int statusPort, int sinkPort,
        int sinkTlsPort, Path caFile, Path handshakeLog, long largeBytes) {

    static final String SMALL_PATH = "/64";
    static final String CLOSE_PATH = "/close/64";
    static final String LARGE_PATH = "/large.bin";
    static final String UPLOAD_PATH = "/upload";

    boolean tls() {
        return this.scheme.equals("https");
    }

    /** The base URL of nginx for this scheme. */
    String baseUrl() {
        return this.scheme + "://" + this.host + ":" + (tls() ? this.nginxTlsPort : this.nginxPort);
    }

    /** The absolute URL uploads go to for this scheme. */
    String uploadUrl() {
        return this.scheme + "://" + this.host + ":" + (tls() ? this.sinkTlsPort : this.sinkPort) + UPLOAD_PATH;
    }

    static Endpoints fromSystemProperties(String scheme) {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https, not " + scheme);
        }
        String ca = System.getProperty("bench.caFile");
        String log = System.getProperty("bench.handshakeLog");
        return new Endpoints(scheme, System.getProperty("bench.host", "127.0.0.1"),
                Integer.getInteger("bench.nginxPort", 18090), Integer.getInteger("bench.nginxTlsPort", 18453),
                Integer.getInteger("bench.statusPort", 18092), Integer.getInteger("bench.sinkPort", 18091),
                Integer.getInteger("bench.sinkTlsPort", 18454), (ca != null) ? Path.of(ca) : null,
                (log != null) ? Path.of(log) : null, Long.getLong("bench.largeBytes", 100L * 1024 * 1024));
    }
}
