package io.httplib.oracle;

import static io.httplib.oracle.OracleTranscript.quote;

import io.httplib.HTTPConnection;
import io.httplib.HTTPResponse;
import io.httplib.IncompleteRead;
import io.httplib.TunnelRefused;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * httplib's side of an oracle case: the steps of {@code driver.py}, one for one, through
 * {@link HTTPConnection} with its defaults (strict) and the same 5 s timeout, observed and
 * written as the Python driver writes them.
 */
final class HttplibDriver {

    private final List<String> out = new ArrayList<>();
    private final HTTPConnection conn;
    private final List<HTTPResponse> responses = new ArrayList<>();
    private HTTPResponse response;

    private HttplibDriver(int port) {
        this.conn = HTTPConnection.builder("127.0.0.1").port(port).timeout(Duration.ofSeconds(5)).build();
    }

    /** @return the transcript of the steps against the server on {@code port} */
    static List<String> run(OracleCase c, int port) {
        HttplibDriver d = new HttplibDriver(port);
        try {
            for (Step s : c.steps) {
                try {
                    d.step(s);
                } catch (IncompleteRead e) {
                    d.out.add("error IncompleteRead partial=" + quote(e.getPartial()));
                    break;
                } catch (Exception e) {
                    d.out.add("error " + name(e));
                    break;
                }
            }
        } finally {
            d.responses.forEach(HTTPResponse::close);
            d.conn.close();
        }
        return d.out;
    }

    private static String name(Exception e) {
        if (e instanceof SocketException && !(e instanceof SocketTimeoutException)) {
            return "SocketException";
        }
        if (e instanceof TunnelRefused) {
            // CPython has one OSError for every refused tunnel; ProxyAuthenticationRequired (407) is one.
            return "TunnelRefused";
        }
        return e.getClass().getSimpleName();
    }

    private static byte[] bytes(String latin1) {
        return latin1 == null ? null : latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> headers(List<List<String>> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (List<String> p : pairs) {
            m.put(p.get(0), p.get(1));
        }
        return m;
    }

    private void step(Step s) throws Exception {
        switch (s.op) {
            case "request" -> {
                Map<String, String> h = headers(s.pairs("headers"));
                if (s.flag("text")) {
                    conn.request(s.str("method"), s.str("url"), s.str("body"), h);
                } else {
                    conn.request(s.str("method"), s.str("url"), bytes(s.str("body")), h);
                }
                out.add("sent");
            }
            case "putrequest" -> {
                conn.putRequest(s.str("method"), s.str("url"), s.flag("skip_host"), s.flag("skip_accept_encoding"));
                out.add("putrequest ok");
            }
            case "putheader" -> {
                @SuppressWarnings("unchecked")
                List<String> values = (List<String>) s.args.get("values");
                conn.putHeader(s.str("name"), values.toArray(new String[0]));
                out.add("putheader ok");
            }
            case "endheaders" -> {
                byte[] body = bytes(s.str("body"));
                if (body == null) {
                    conn.endHeaders();
                } else {
                    conn.endHeaders(body);
                }
                out.add("endheaders ok");
            }
            case "send" -> {
                conn.send(bytes(s.str("data")));
                out.add("send ok");
            }
            case "set_tunnel" -> {
                conn.setTunnel(s.str("host"), (Integer) s.args.get("port"), headers(s.pairs("headers")));
                out.add("tunnel set");
            }
            case "pause" -> Thread.sleep((Integer) s.args.get("millis"));
            case "connect" -> {
                conn.connect();
                out.add("connected");
            }
            case "getresponse" -> {
                HTTPResponse r = conn.getResponse();
                responses.add(r);
                response = r;
                out.add("response " + r.getStatus() + " " + quote(r.getReason()) + " version=" + r.getVersion());
                for (Map.Entry<String, String> h : r.getHeaders()) {
                    out.add("header " + quote(h.getKey()) + " " + quote(h.getValue()));
                }
            }
            case "getheader" -> {
                String v = response.getHeader(s.str("name"));
                out.add("getheader " + quote(s.str("name")) + " -> " + (v == null ? "None" : quote(v)));
            }
            case "read" -> out.add("read -> " + quote(response.read()));
            case "read_amt" -> {
                int n = (Integer) s.args.get("n");
                out.add("read(" + n + ") -> " + quote(response.read(n)));
            }
            case "isclosed" -> out.add("isclosed " + response.isClosed());
            case "conn_open" -> out.add("connection " + (conn.isConnected() ? "open" : "closed"));
            case "close_response" -> {
                response.close();
                out.add("response closed");
            }
            case "close" -> {
                conn.close();
                out.add("closed");
            }
            default -> throw new IllegalArgumentException("unknown step " + s.op);
        }
    }
}
