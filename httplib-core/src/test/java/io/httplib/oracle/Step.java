package io.httplib.oracle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client step of an oracle case, run by both drivers: the Python one ({@code driver.py}
 * {@code op_<name>}) and {@link HttplibDriver}. Strings that stand for bytes (bodies, raw data) are
 * latin-1: one char, one byte.
 */
final class Step {
    final String op;
    final Map<String, Object> args = new LinkedHashMap<>();

    private Step(String op) {
        this.op = op;
    }

    private Step with(String key, Object value) {
        args.put(key, value);
        return this;
    }

    String str(String key) {
        return (String) args.get(key);
    }

    boolean flag(String key) {
        return Boolean.TRUE.equals(args.get(key));
    }

    @SuppressWarnings("unchecked")
    List<List<String>> pairs(String key) {
        Object v = args.get(key);
        return v == null ? List.of() : (List<List<String>>) v;
    }

    // --- requests --------------------------------------------------------------------------------

    static Step request(String method, String url) {
        return new Step("request").with("method", method).with("url", url).with("body", null).with("headers", List.of());
    }

    /** A request with a byte body (latin-1 string, or null) and headers as name, value, name, value... */
    static Step request(String method, String url, String body, String... headers) {
        return request(method, url).with("body", body).with("headers", pairs(headers));
    }

    /** A request with a text body: CPython encodes it as latin-1, httplib as UTF-8. */
    static Step requestText(String method, String url, String body) {
        return request(method, url, body).with("text", true);
    }

    /** As {@link #request(String, String, String, String...)}, CPython framing the body itself. */
    static Step requestChunked(String method, String url, String body, String... headers) {
        return request(method, url, body, headers).with("encode_chunked", true);
    }

    static Step putRequest(String method, String url) {
        return putRequest(method, url, false, false);
    }

    static Step putRequest(String method, String url, boolean skipHost, boolean skipAcceptEncoding) {
        return new Step("putrequest").with("method", method).with("url", url).with("skip_host", skipHost)
                .with("skip_accept_encoding", skipAcceptEncoding);
    }

    static Step putHeader(String name, String... values) {
        return new Step("putheader").with("name", name).with("values", List.of(values));
    }

    static Step endHeaders() {
        return new Step("endheaders").with("body", null);
    }

    static Step endHeaders(String body) {
        return new Step("endheaders").with("body", body);
    }

    static Step send(String data) {
        return new Step("send").with("data", data);
    }

    static Step setTunnel(String host, int port, String... headers) {
        return new Step("set_tunnel").with("host", host).with("port", port).with("headers", pairs(headers));
    }

    /** Waits, so that something the server did (a close) has arrived before the next step. */
    static Step pause(int millis) {
        return new Step("pause").with("millis", millis);
    }

    static Step connect() {
        return new Step("connect");
    }

    // --- responses -------------------------------------------------------------------------------

    static Step getResponse() {
        return new Step("getresponse");
    }

    static Step getHeader(String name) {
        return new Step("getheader").with("name", name);
    }

    static Step read() {
        return new Step("read");
    }

    static Step read(int n) {
        return new Step("read_amt").with("n", n);
    }

    static Step isClosed() {
        return new Step("isclosed");
    }

    static Step connOpen() {
        return new Step("conn_open");
    }

    static Step closeResponse() {
        return new Step("close_response");
    }

    static Step close() {
        return new Step("close");
    }

    private static List<List<String>> pairs(String... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("name, value pairs expected: " + Arrays.toString(kv));
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.add(List.of(kv[i], kv[i + 1]));
        }
        return out;
    }

    /** @return the step as one JSON object, for the Python driver */
    String toJson() {
        StringBuilder b = new StringBuilder("{\"op\":");
        json(b, op);
        args.forEach((k, v) -> {
            b.append(',');
            json(b, k);
            b.append(':');
            json(b, v);
        });
        return b.append('}').toString();
    }

    static void json(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                json(b, list.get(i));
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException("not JSON: " + v);
        }
    }

    @Override
    public String toString() {
        return toJson();
    }
}
