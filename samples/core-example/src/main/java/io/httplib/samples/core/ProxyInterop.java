package io.httplib.samples.core;

import io.httplib.ClientResponse;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.ProxyAuthenticationRequired;
import io.httplib.ProxyConfig;
import io.httplib.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample calls through a real HTTP proxy, run by {@code interop/proxy.sh} against tinyproxy and
 * nginx on loopback: GET and POST over plain HTTP (absolute form) and HTTPS (CONNECT), with Basic
 * credentials, connection reuse, and the 407 the proxy answers without them. Prints one line per
 * check and exits with 1 when any fails.
 *
 * <p>Arguments: {@code proxyHost proxyPort user password plainBaseUrl httpsBaseUrl caFile}.
 */
public final class ProxyInterop {

    private ProxyInterop() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: ProxyInterop proxyHost proxyPort user password plainBaseUrl httpsBaseUrl caFile");
            System.exit(2);
        }
        String proxyHost = args[0];
        int proxyPort = Integer.parseInt(args[1]);
        TlsConfig tls = TlsConfig.builder().caFile(Path.of(args[6])).build();
        List<String> failures = new ArrayList<>();
        byte[] upload = new byte[100 * 1024];
        for (int i = 0; i < upload.length; i++) {
            upload[i] = (byte) ('a' + i % 26);
        }
        ProxyConfig withCredentials = ProxyConfig.builder().proxy(proxyHost, proxyPort).credentials(args[2], args[3]).build();
        try (HttplibClient client = client(withCredentials, tls)) {
            for (String base : List.of(args[4], args[5])) {
                check(failures, "GET  " + base + "/hello", () -> {
                    try (ClientResponse r = client.send("GET", base + "/hello", null, null)) {
                        return r.status() + " " + r.readString().trim();
                    }
                }, "200 hello");
                check(failures, "GET  " + base + "/hello (again)", () -> {
                    try (ClientResponse r = client.send("GET", base + "/hello", null, null)) {
                        return r.status() + " " + r.readString().trim();
                    }
                }, "200 hello");
                check(failures, "POST " + base + "/echo (100 KiB)", () -> {
                    try (ClientResponse r = client.send("POST", base + "/echo", upload, null)) {
                        return r.status() + " " + r.readString().trim();
                    }
                }, "200 received " + upload.length);
            }
            int routes = client.pool().routeStats().size();
            long connections = client.pool().routeStats().values().stream().mapToLong(s -> s.idle() + s.leased()).sum();
            check(failures, "pooled routes (each via the proxy) and connections", () -> routes + " routes, " + connections
                    + " connections, via proxy: " + client.pool().routeStats().keySet().stream()
                            .allMatch(r -> r.proxy() != null), "2 routes, 2 connections, via proxy: true");
        }
        try (HttplibClient anonymous = client(ProxyConfig.of(proxyHost, proxyPort), tls)) {
            for (String base : List.of(args[4], args[5])) {
                check(failures, "GET  " + base + "/hello without credentials", () -> {
                    try {
                        anonymous.send("GET", base + "/hello", null, null).close();
                        return "no error";
                    } catch (ProxyAuthenticationRequired e) {
                        return e.getStatus() + " " + (e.getChallenges().isEmpty() ? "no challenge" : "challenge "
                                + e.getChallenges().get(0).split(" ")[0]);
                    }
                }, "407 challenge Basic");
            }
        }
        System.out.println(failures.isEmpty() ? "ALL PASSED" : failures.size() + " FAILED: " + failures);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static HttplibClient client(ProxyConfig proxy, TlsConfig tls) {
        return HttplibClient.builder()
                .connectionFactory(HTTPConnectionFactory.builder().proxy(proxy).tlsConfig(tls)
                        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10)).build())
                .requestTimeout(Duration.ofSeconds(20))
                .build();
    }

    private interface Check {
        String run() throws Exception;
    }

    private static void check(List<String> failures, String name, Check check, String expected) {
        String got;
        try {
            got = check.run();
        } catch (Exception e) {
            got = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        boolean ok = expected.equals(got);
        System.out.printf("%-4s %-70s %s%n", ok ? "ok" : "FAIL", name, got);
        if (!ok) {
            failures.add(name);
        }
    }
}
