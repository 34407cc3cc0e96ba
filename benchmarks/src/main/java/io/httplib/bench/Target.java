package io.httplib.bench;

/**
 * Where the benchmark servers listen: nginx for GETs and the download, the Java upload server for
 * uploads. Paths are fixed by {@code run.sh}'s nginx configuration.
 */
public record Target(String host, int nginxPort, int uploadPort) {

    public static final String SMALL_PATH = "/64";
    public static final String LARGE_PATH = "/large.bin";
    public static final String UPLOAD_PATH = "/upload";
    /** The 1 MiB JSON document ({@link JsonBody}), served from its {@code .gz} by {@code gzip_static}. */
    public static final String JSON_PATH = "/data.json";

    public String smallUrl() {
        return "http://" + host + ":" + nginxPort + SMALL_PATH;
    }

    public String largeUrl() {
        return "http://" + host + ":" + nginxPort + LARGE_PATH;
    }

    public String jsonUrl() {
        return "http://" + host + ":" + nginxPort + JSON_PATH;
    }

    public String uploadUrl() {
        return "http://" + host + ":" + uploadPort + UPLOAD_PATH;
    }

    static Target fromSystemProperties() {
        return new Target(System.getProperty("bench.host", "127.0.0.1"),
                Integer.getInteger("bench.nginxPort", 18080),
                Integer.getInteger("bench.uploadPort", 18081));
    }
}
