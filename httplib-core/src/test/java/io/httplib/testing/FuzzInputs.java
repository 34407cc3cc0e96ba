package io.httplib.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Inputs for fuzzing the response parser: a seed corpus of valid and invalid responses, a
 * mutator that derives hostile variants from them, and a generator of valid responses whose
 * body is known, so that a fuzzer can check the bytes delivered and not only the absence of a
 * crash.
 *
 * <p>Iteration counts come from system properties: {@code -Dfuzz.iterations=1000000} runs the
 * long mode of every fuzzer (see docs/security.md).
 */
public final class FuzzInputs {

    private FuzzInputs() {}

    /**
     * @param shortDefault the iteration count of the normal (CI) build
     * @return {@code fuzz.iterations} when set, else the default
     */
    public static int iterations(int shortDefault) {
        return Integer.getInteger("fuzz.iterations", shortDefault);
    }

    /** @return the seed of the fuzzers' random generator: {@code fuzz.seed} when set, else a fresh one */
    public static long seed() {
        Long s = Long.getLong("fuzz.seed");
        return s != null ? s : new Random().nextLong();
    }

    /**
     * A valid response and what a correct parser must make of it.
     *
     * @param wire the response bytes
     * @param method the request method it answers
     * @param status the final status
     * @param body the body a correct parser delivers
     */
    public record Valid(byte[] wire, String method, int status, byte[] body) {}

    /** The seed corpus: well-formed responses first, then malformed and hostile ones. */
    public static List<byte[]> seeds() {
        List<String> s = new ArrayList<>();
        // Well-formed.
        s.add("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        s.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
        s.add("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbody until close");
        s.add("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        s.add("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        s.add("HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\nETag: \"x\"\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nX-Folded: a\r\n  b\r\n\tc\r\nContent-Length: 3\r\n\r\nabc");
        s.add("HTTP/1.1 200 OK\nContent-Length: 2\n\nhi");
        s.add("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0081\u0005hello");
        s.add("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nConnection: keep-alive\r\n\r\nabc");
        s.add("HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000000000001\r\nx\r\n0\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\nSet-Cookie: s=1\r\nContent-Length: 1\r\n\r\nz");
        // Malformed or hostile.
        s.add("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
        s.add("HTTP/1.1 200 OK\r\nContent-Length: 9999999999\r\n\r\n0123456789");
        s.add("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello");
        s.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nabc");
        s.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n");
        s.add("HTTP/2.0 200 OK\r\n\r\n");
        s.add("HTTP/1.1 99 Low\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nX: a\u0000b\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\n folded-first: x\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\n: empty-name\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
        s.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na;" + "e".repeat(5000) + "\r\n0123456789\r\n0\r\n\r\n");
        s.add("HTTP/1.1 200 OK\r\nX-Long: " + "v".repeat(70_000) + "\r\n\r\n");
        s.add("ICY 200 OK\r\n\r\n");
        s.add("");
        s.add("HTTP/1.1 200 OK");
        s.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
        List<byte[]> out = new ArrayList<>(s.size());
        for (String x : s) {
            out.add(x.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /** Fragments that steer mutations towards the parser's decisions. */
    private static final String[] TOKENS = {
        "\r\n", "\n", "\r", "\r\n\r\n", " ", "\t", ":", ";", ",", "\u0000", "\u007f", "\u00ff",
        "0", "1", "9", "f", "ffffffffffffffff", "7fffffffffffffff", "0000000000000000000", "99999999999999999999",
        "-1", "+1", "0x10", "HTTP/1.1 ", "HTTP/1.0 ", "HTTP/0.9 ", "100 ", "101 ", "204 ", "304 ",
        "Content-Length: ", "Content-Length: 0\r\n", "Transfer-Encoding: chunked\r\n", "Transfer-Encoding: ",
        "Connection: close\r\n", "Connection: keep-alive\r\n", "chunked", "0\r\n\r\n", " folded\r\n",
    };

    /** @return a mutant of one seed (sometimes spliced with another), 1 to 8 mutations deep */
    public static byte[] mutate(List<byte[]> seeds, Random r) {
        byte[] data = seeds.get(r.nextInt(seeds.size())).clone();
        int rounds = 1 + r.nextInt(8);
        for (int k = 0; k < rounds; k++) {
            data = mutateOnce(data, seeds, r);
        }
        return data;
    }

    private static byte[] mutateOnce(byte[] d, List<byte[]> seeds, Random r) {
        int len = d.length;
        int at = len == 0 ? 0 : r.nextInt(len + 1);
        switch (r.nextInt(10)) {
            case 0: // flip a bit
                if (len > 0) {
                    int i = r.nextInt(len);
                    d[i] ^= (byte) (1 << r.nextInt(8));
                }
                return d;
            case 1: // set a random byte
                if (len > 0) {
                    d[r.nextInt(len)] = (byte) r.nextInt(256);
                }
                return d;
            case 2: { // delete a range
                if (len == 0) {
                    return d;
                }
                int from = r.nextInt(len);
                int n = 1 + r.nextInt(Math.min(16, len - from));
                return cat(slice(d, 0, from), slice(d, from + n, len));
            }
            case 3: // insert a token
            case 4: {
                byte[] t = TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1);
                return cat(slice(d, 0, at), t, slice(d, at, len));
            }
            case 5: { // duplicate a range
                if (len == 0) {
                    return d;
                }
                int from = r.nextInt(len);
                int n = 1 + r.nextInt(Math.min(64, len - from));
                return cat(slice(d, 0, at), slice(d, from, from + n), slice(d, at, len));
            }
            case 6: // truncate
                return slice(d, 0, at);
            case 7: { // splice with another seed
                byte[] o = seeds.get(r.nextInt(seeds.size()));
                int cut = o.length == 0 ? 0 : r.nextInt(o.length + 1);
                return cat(slice(d, 0, at), slice(o, cut, o.length));
            }
            case 8: { // replace a digit run with an extreme number
                String[] numbers = {"0", "18446744073709551616", "9223372036854775807", "999999999999999999", "00", "1e3"};
                for (int i = at; i < len; i++) {
                    if (d[i] >= '0' && d[i] <= '9') {
                        int j = i;
                        while (j < len && d[j] >= '0' && d[j] <= '9') {
                            j++;
                        }
                        byte[] n = numbers[r.nextInt(numbers.length)].getBytes(StandardCharsets.ISO_8859_1);
                        return cat(slice(d, 0, i), n, slice(d, j, len));
                    }
                }
                return d;
            }
            default: { // repeat a header line many times
                int start = indexOf(d, '\n', at);
                if (start < 0) {
                    return d;
                }
                int end = indexOf(d, '\n', start + 1);
                if (end < 0) {
                    return d;
                }
                byte[] line = slice(d, start + 1, end + 1);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(d, 0, start + 1);
                int times = 1 + r.nextInt(150);
                for (int i = 0; i < times; i++) {
                    b.write(line, 0, line.length);
                }
                b.write(d, start + 1, len - start - 1);
                return b.toByteArray();
            }
        }
    }

    /**
     * @return a random well-formed response (Content-Length, chunked with extensions and
     *     trailers, or close-delimited; optional interim responses and folded headers) with its
     *     expected body
     */
    public static Valid valid(Random r) {
        byte[] body = new byte[r.nextInt(4) == 0 ? r.nextInt(40_000) : r.nextInt(300)];
        r.nextBytes(body);
        StringBuilder h = new StringBuilder();
        int interim = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
        for (int i = 0; i < interim; i++) {
            h.append("HTTP/1.1 1").append(r.nextBoolean() ? "00" : "03").append(" Interim\r\nX-I: ").append(i).append("\r\n\r\n");
        }
        int[] statuses = {200, 201, 203, 206, 301, 400, 404, 500, 599};
        int status = statuses[r.nextInt(statuses.length)];
        boolean http10 = r.nextInt(5) == 0;
        String eol = r.nextInt(10) == 0 ? "\n" : "\r\n";
        h.append(http10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(status).append(r.nextBoolean() ? " Reason phrase" : " ").append(eol);
        int extra = r.nextInt(20);
        for (int i = 0; i < extra; i++) {
            h.append("X-H").append(i).append(":").append(r.nextBoolean() ? " " : "").append("v").append(r.nextInt(1000)).append(eol);
            if (r.nextInt(10) == 0) {
                h.append(r.nextBoolean() ? " " : "\t").append("folded").append(eol);
            }
        }
        int framing = r.nextInt(3);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        if (framing == 0) {
            h.append("Content-Length: ").append(body.length).append(eol).append(eol);
            write(wire, h);
            wire.write(body, 0, body.length);
        } else if (framing == 1 && !http10) {
            h.append("Transfer-Encoding: chunked").append(eol).append(eol);
            write(wire, h);
            int pos = 0;
            while (pos < body.length) {
                int n = Math.min(body.length - pos, 1 + r.nextInt(5000));
                String size = Integer.toHexString(n);
                if (r.nextBoolean()) {
                    size = size.toUpperCase();
                }
                write(wire, size + (r.nextInt(5) == 0 ? ";name=\"v\"" : "") + "\r\n");
                wire.write(body, pos, n);
                write(wire, "\r\n");
                pos += n;
            }
            write(wire, "0\r\n" + (r.nextBoolean() ? "X-Trailer: t\r\n" : "") + "\r\n");
        } else {
            h.append("Connection: close").append(eol).append(eol);
            write(wire, h);
            wire.write(body, 0, body.length);
        }
        return new Valid(wire.toByteArray(), "GET", status, body);
    }

    private static void write(ByteArrayOutputStream out, CharSequence s) {
        byte[] b = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(b, 0, b.length);
    }

    private static int indexOf(byte[] d, char c, int from) {
        for (int i = from; i < d.length; i++) {
            if (d[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(byte[] d, int from, int to) {
        byte[] out = new byte[Math.max(0, to - from)];
        System.arraycopy(d, from, out, 0, out.length);
        return out;
    }

    private static byte[] cat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** @return the input as a Java string literal, for reproducing a finding */
    public static String literal(byte[] d) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < d.length; i++) {
            if (b.length() > 600) {
                return b.append("\" /* ... ").append(d.length - i).append(" more bytes */").toString();
            }
            int c = d[i] & 0xff;
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.append((char) c);
            }
        }
        return b.append('"').toString();
    }
}
