package io.httplib.oracle;

import static io.httplib.oracle.ServerAction.close;
import static io.httplib.oracle.ServerAction.recv;
import static io.httplib.oracle.ServerAction.recvHead;
import static io.httplib.oracle.ServerAction.reset;
import static io.httplib.oracle.ServerAction.send;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cases of the differential suite, by family. Each family walks one part of the protocol
 * through its valid forms, its invalid forms and its boundaries; ids are {@code family/what}.
 * Response bytes are latin-1 strings (one char, one byte).
 */
final class OracleCorpus {
    private OracleCorpus() {}

    private static final String OK2 = "Content-Length: 2\r\n\r\nok";
    /** A final response after interim ones, or for a second request. */
    private static final String FINAL = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal";
    private static final String EMPTY_OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    static List<OracleCase> all() {
        List<OracleCase> all = new ArrayList<>();
        statusLines(all);
        headerSyntax(all);
        contentLength(all);
        transferEncoding(all);
        chunkedBodies(all);
        chunkedEofAtEveryPosition(all);
        closeDelimited(all);
        bodilessResponses(all);
        interimResponses(all);
        keepAlive(all);
        limits(all);
        disconnects(all);
        tunnels(all);
        requestEncoding(all);
        callOrder(all);
        Set<String> ids = new LinkedHashSet<>();
        for (OracleCase c : all) {
            if (!ids.add(c.id)) {
                throw new IllegalStateException("duplicate case id " + c.id);
            }
        }
        return all;
    }

    /** One request, one reply, then the server closes; the client reads everything. */
    private static OracleCase reply(String id, String response) {
        return new OracleCase(id).conn(recv(), send(response), close()).fetch();
    }

    /** As {@link #reply} with {@code read(amt)} calls instead of one {@code read()}. */
    private static OracleCase replyReadAmounts(String id, String response, int... amounts) {
        OracleCase c = new OracleCase(id).conn(recv(), send(response), close())
                .steps(Step.request("GET", "/"), Step.getResponse());
        for (int n : amounts) {
            c.steps(Step.read(n));
        }
        return c.steps(Step.isClosed(), Step.connOpen());
    }

    // ---------------------------------------------------------------------------------------------
    // Status line (RFC 9112 section 4)

    private static void statusLines(List<OracleCase> all) {
        String[] versions = {
            "HTTP/1.0", "HTTP/1.1", "HTTP/1.2", "HTTP/1.9", "HTTP/0.9", "HTTP/2.0", "HTTP/2", "HTTP/3", "HTTP/3.0",
            "HTTP/", "HTTP/1", "HTTP/1.", "HTTP/1.x", "HTTP/1.10", "HTTP/11", "HTTP/1.1.1", "HTTP/9.9", "HTTPS/1.1",
            "http/1.1", "Http/1.1", "XHTTP/1.1", "ICY",
        };
        for (String v : versions) {
            all.add(reply("status/version " + v, v + " 200 OK\r\n" + OK2));
        }
        String[] codes = {
            "000", "099", "199x", "200", "201", "299", "301", "404", "499", "500", "599", "600", "999", "1000",
            "20", "2000", "abc", "+200", "-200", "2 0", "0200", "2a0", "20 ",
        };
        for (String code : codes) {
            all.add(reply("status/code " + code, "HTTP/1.1 " + code + " Reason\r\n" + OK2));
        }
        String[][] reasons = {
            {"empty", ""}, {"ok", "OK"}, {"trailing-spaces", "Not Found   "}, {"leading-spaces", "  OK"},
            {"trailing-tab", "OK\t"}, {"leading-tab", "\tOK"}, {"inner-spaces", "Not  Really   Found"},
            {"latin1", "Tr\u00e8s bien"}, {"trailing-nbsp", "OK\u00a0"}, {"trailing-nel", "OK\u0085"},
            {"punctuation", "OK (really!) <yes> \"q\""}, {"nul", "O\u0000K"}, {"control", "O\u0001K"},
            {"del", "O\u007fK"}, {"trailing-cr", "OK\r"}, {"only-spaces", "   "},
        };
        for (String[] r : reasons) {
            all.add(reply("status/reason " + r[0], "HTTP/1.1 200 " + r[1] + "\r\n" + OK2));
        }
        String[][] shapes = {
            {"no-reason", "HTTP/1.1 200\r\n"},
            {"no-reason-space", "HTTP/1.1 200 \r\n"},
            {"two-spaces-before-code", "HTTP/1.1  200 OK\r\n"},
            {"tabs", "HTTP/1.1\t200\tOK\r\n"},
            {"tab-before-reason", "HTTP/1.1 200\tOK\r\n"},
            {"leading-space", " HTTP/1.1 200 OK\r\n"},
            {"leading-empty-line", "\r\nHTTP/1.1 200 OK\r\n"},
            {"lf-only", "HTTP/1.1 200 OK\n"},
            {"cr-only", "HTTP/1.1 200 OK\r"},
            {"nothing-but-version", "HTTP/1.1\r\n"},
            {"garbage", "hello world\r\n"},
            {"nul-first", "\u0000HTTP/1.1 200 OK\r\n"},
        };
        for (String[] s : shapes) {
            all.add(reply("status/shape " + s[0], s[1] + OK2));
        }
        all.add(reply("status/lf-only-everywhere", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok"));
    }

    // ---------------------------------------------------------------------------------------------
    // Header fields (RFC 9112 section 5)

    private static void headerSyntax(List<OracleCase> all) {
        String[][] fields = {
            {"plain", "X-A: value"},
            {"no-space", "X-A:value"},
            {"many-spaces", "X-A:    value"},
            {"tab-before-value", "X-A:\tvalue"},
            {"trailing-spaces", "X-A: value   "},
            {"trailing-tab", "X-A: value\t"},
            {"empty-value", "X-A:"},
            {"space-value", "X-A: "},
            {"inner-spaces", "X-A: a  b   c"},
            {"colons-in-value", "X-A: a:b::c"},
            {"lower-case-name", "x-a: value"},
            {"upper-case-name", "X-A-B-C: value"},
            {"token-punctuation-name", "X!#$%&'*+-.^_`|~: value"},
            {"latin1-value", "X-A: caf\u00e9 \u00ff"},
            {"del-in-value", "X-A: a\u007fb"},
            {"control-in-value", "X-A: a\u0001b"},
            {"nul-in-value", "X-A: a\u0000b"},
            {"bare-cr-in-value", "X-A: a\rb"},
            {"no-colon", "X-A value"},
            {"space-before-colon", "X-A : value"},
            {"tab-before-colon", "X-A\t: value"},
            {"empty-name", ": value"},
            {"paren-in-name", "X(A): value"},
            {"slash-in-name", "X/A: value"},
            {"latin1-name", "X-\u00e9: value"},
            {"quote-in-name", "X\"A: value"},
            {"from-line", "From nobody"},
        };
        for (String[] f : fields) {
            all.add(new OracleCase("header/" + f[0])
                    .conn(recv(), send("HTTP/1.1 200 OK\r\n" + f[1] + "\r\nContent-Length: 2\r\n\r\nok"), close())
                    .steps(Step.request("GET", "/"), Step.getResponse(), Step.getHeader("X-A"), Step.read(),
                            Step.isClosed(), Step.connOpen()));
        }
        all.add(new OracleCase("header/order-case-and-repeats")
                .conn(recv(), send("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-B: 1\r\nset-cookie: b=2\r\n"
                        + "SET-COOKIE: c=3\r\nx-b: 2\r\nContent-Length: 2\r\n\r\nok"), close())
                .steps(Step.request("GET", "/"), Step.getResponse(), Step.getHeader("Set-Cookie"),
                        Step.getHeader("x-b"), Step.getHeader("X-Missing"), Step.read(), Step.connOpen()));
        String[][] folds = {
            {"space", "X-A: first\r\n second"},
            {"tab", "X-A: first\r\n\tsecond"},
            {"many-lines", "X-A: a\r\n b\r\n  c\r\n\td"},
            {"empty-first", "X-A:\r\n second"},
            {"whitespace-only-line", "X-A: first\r\n   \r\nX-B: b"},
        };
        for (String[] f : folds) {
            all.add(new OracleCase("header/obs-fold " + f[0])
                    .conn(recv(), send("HTTP/1.1 200 OK\r\n" + f[1] + "\r\nContent-Length: 2\r\n\r\nok"), close())
                    .steps(Step.request("GET", "/"), Step.getResponse(), Step.getHeader("X-A"), Step.read()));
        }
        all.add(reply("header/obs-fold before-first-field", "HTTP/1.1 200 OK\r\n X-A: v\r\n" + OK2));
        all.add(reply("header/lf-only-lines", "HTTP/1.1 200 OK\r\nX-A: 1\nX-B: 2\nContent-Length: 2\n\nok"));
        all.add(reply("header/mixed-terminators", "HTTP/1.1 200 OK\nX-A: 1\r\nContent-Length: 2\n\r\nok"));
    }

    // ---------------------------------------------------------------------------------------------
    // Content-Length (RFC 9112 section 6.3, RFC 9110 section 8.6)

    private static void contentLength(List<OracleCase> all) {
        String[][] values = {
            {"digits", "2"}, {"leading-space", " 2"}, {"trailing-space", "2 "}, {"leading-zeros", "002"},
            {"plus", "+2"}, {"minus", "-1"}, {"hex", "0x2"}, {"underscore", "0_2"}, {"decimal-point", "2.0"},
            {"empty", ""}, {"letters", "two"}, {"list-same", "2, 2"}, {"list-same-no-space", "2,2"},
            {"list-different", "2, 3"}, {"list-trailing-comma", "2,"}, {"zero", "0"},
        };
        for (String[] v : values) {
            all.add(reply("content-length/" + v[0], "HTTP/1.1 200 OK\r\nContent-Length: " + v[1] + "\r\n\r\nok"));
        }
        all.add(reply("content-length/repeated-same",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"));
        all.add(reply("content-length/repeated-different",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 1\r\n\r\nok"));
        all.add(reply("content-length/shorter-than-body", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nok"));
        all.add(reply("content-length/longer-than-body", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nok"));
        all.add(replyReadAmounts("content-length/longer-than-body read(amt)",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nok", 1, 3, 3));
        all.add(replyReadAmounts("content-length/read(amt) exact", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 2, 3, 1));
        all.add(replyReadAmounts("content-length/read(amt) past end", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 100, 5));
        all.add(replyReadAmounts("content-length/read(0)", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 0, 5, 0));
        // Only the head is looked at: reading an 18-digit body would make CPython allocate it.
        for (String digits : new String[] {"999999999999999999", "9999999999999999999", "99999999999999999999999"}) {
            all.add(new OracleCase("content-length/" + digits.length() + "-digits")
                    .conn(recv(), send("HTTP/1.1 200 OK\r\nContent-Length: " + digits + "\r\n\r\nok"), close())
                    .steps(Step.request("GET", "/"), Step.getResponse(), Step.read(2)));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Transfer-Encoding (RFC 9112 sections 6.1 and 6.3)

    private static void transferEncoding(List<OracleCase> all) {
        String body = "2\r\nok\r\n0\r\n\r\n";
        String[][] values = {
            {"chunked", "chunked"}, {"capitalized", "Chunked"}, {"upper", "CHUNKED"}, {"leading-space", "  chunked"},
            {"trailing-space", "chunked  "}, {"twice", "chunked, chunked"}, {"gzip-chunked", "gzip, chunked"},
            {"chunked-gzip", "chunked, gzip"}, {"gzip", "gzip"}, {"identity", "identity"}, {"empty", ""},
            {"with-parameter", "chunked;q=1"}, {"unknown", "x-custom"}, {"list-empty-members", ", chunked ,"},
        };
        for (String[] v : values) {
            all.add(reply("transfer-encoding/" + v[0], "HTTP/1.1 200 OK\r\nTransfer-Encoding: " + v[1] + "\r\n\r\n" + body));
        }
        all.add(reply("transfer-encoding/repeated-gzip-then-chunked",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + body));
        all.add(reply("transfer-encoding/repeated-chunked-then-gzip",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n" + body));
        all.add(reply("transfer-encoding/with-content-length",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n" + body));
        all.add(reply("transfer-encoding/content-length-first",
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n" + body));
        all.add(reply("transfer-encoding/http-1.0", "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body));
    }

    // ---------------------------------------------------------------------------------------------
    // Chunked bodies (RFC 9112 section 7.1)

    private static String chunked(String body) {
        return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
    }

    private static void chunkedBodies(List<OracleCase> all) {
        String[][] bodies = {
            {"one-chunk", "5\r\nhello\r\n0\r\n\r\n"},
            {"three-chunks", "1\r\na\r\n2\r\nbc\r\n3\r\ndef\r\n0\r\n\r\n"},
            {"hex-upper", "A\r\n0123456789\r\n0\r\n\r\n"},
            {"hex-lower", "a\r\n0123456789\r\n0\r\n\r\n"},
            {"leading-zeros", "0005\r\nhello\r\n0000\r\n\r\n"},
            {"empty-body", "0\r\n\r\n"},
            {"extension", "5;name=value\r\nhello\r\n0\r\n\r\n"},
            {"extension-no-value", "5;name\r\nhello\r\n0\r\n\r\n"},
            {"extension-quoted", "5;name=\"a;b=c\"\r\nhello\r\n0\r\n\r\n"},
            {"extension-several", "5;a=1;b=2\r\nhello\r\n0\r\n\r\n"},
            {"extension-bws", "5 ;name=value\r\nhello\r\n0\r\n\r\n"},
            {"extension-tab-bws", "5\t;name\r\nhello\r\n0\r\n\r\n"},
            {"extension-on-last-chunk", "5\r\nhello\r\n0;last\r\n\r\n"},
            {"extension-empty", "5;\r\nhello\r\n0\r\n\r\n"},
            {"extension-control", "5;a=\u0001\r\nhello\r\n0\r\n\r\n"},
            {"size-0x", "0x5\r\nhello\r\n0\r\n\r\n"},
            {"size-plus", "+5\r\nhello\r\n0\r\n\r\n"},
            {"size-minus", "-5\r\nhello\r\n0\r\n\r\n"},
            {"size-leading-space", " 5\r\nhello\r\n0\r\n\r\n"},
            {"size-trailing-space", "5 \r\nhello\r\n0\r\n\r\n"},
            {"size-underscore", "0_5\r\nhello\r\n0\r\n\r\n"},
            {"size-not-hex", "g\r\nhello\r\n0\r\n\r\n"},
            {"size-empty", "\r\nhello\r\n0\r\n\r\n"},
            {"size-huge", "fffffffffffffffffff\r\nhello\r\n0\r\n\r\n"},
            {"data-longer-than-size", "3\r\nhello\r\n0\r\n\r\n"},
            {"data-then-junk", "5\r\nhelloXY0\r\n\r\n"},
            {"data-no-crlf", "5\r\nhello0\r\n\r\n"},
            {"lf-only", "5\nhello\n0\n\n"},
            {"lf-after-data", "5\r\nhello\n0\r\n\r\n"},
            {"trailer", "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n"},
            {"trailers", "5\r\nhello\r\n0\r\nX-T: 1\r\nX-U: 2\r\n\r\n"},
            {"trailer-malformed", "5\r\nhello\r\n0\r\nnot a field\r\n\r\n"},
            {"trailer-lf-only", "5\r\nhello\r\n0\r\nX-T: 1\n\n"},
            {"last-chunk-lf-only", "5\r\nhello\r\n0\n\n"},
        };
        for (String[] b : bodies) {
            all.add(reply("chunked/" + b[0], chunked(b[1])));
        }
        String three = "1\r\na\r\n2\r\nbc\r\n3\r\ndef\r\n0\r\n\r\n";
        all.add(replyReadAmounts("chunked/read(amt) one at a time", chunked(three), 1, 1, 1, 1, 1, 1, 1));
        all.add(replyReadAmounts("chunked/read(amt) across chunks", chunked(three), 2, 3, 5));
        all.add(replyReadAmounts("chunked/read(amt) larger than body", chunked(three), 100, 1));
        all.add(replyReadAmounts("chunked/read(amt) truncated", chunked("5\r\nhello\r\n5\r\nwor"), 3, 4, 10));
        all.add(reply("chunked/keep-alive-after", chunked("5\r\nhello\r\n0\r\n\r\n")));
    }

    /**
     * One chunked message, cut after every byte: what each library returns or raises. The id names
     * the part the first missing byte belongs to.
     */
    private static void chunkedEofAtEveryPosition(List<OracleCase> all) {
        String[][] parts = {
            {"size line", "5\r\n"}, {"chunk data", "hello"}, {"data crlf", "\r\n"},
            {"size line", "3;x=1\r\n"}, {"chunk data", "abc"}, {"data crlf", "\r\n"},
            {"last-chunk line", "0\r\n"}, {"trailers", "X-T: v\r\n\r\n"},
        };
        StringBuilder body = new StringBuilder();
        List<String> phase = new ArrayList<>();
        for (String[] p : parts) {
            body.append(p[1]);
            for (int i = 0; i < p[1].length(); i++) {
                phase.add(p[0]);
            }
        }
        for (int cut = 0; cut <= body.length(); cut++) {
            String part = body.substring(0, cut);
            String where = cut == body.length() ? "complete" : phase.get(cut);
            all.add(reply("chunked-eof/" + where + " at " + cut + " after " + OracleTranscript.quote(part), chunked(part)));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Bodies delimited by the connection closing (RFC 9112 section 6.3 item 8)

    private static void closeDelimited(List<OracleCase> all) {
        all.add(reply("close-delimited/http-1.1", "HTTP/1.1 200 OK\r\n\r\nhello"));
        all.add(reply("close-delimited/http-1.0", "HTTP/1.0 200 OK\r\n\r\nhello"));
        all.add(reply("close-delimited/empty", "HTTP/1.1 200 OK\r\n\r\n"));
        all.add(reply("close-delimited/connection-close", "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello"));
        all.add(reply("close-delimited/binary", "HTTP/1.1 200 OK\r\n\r\n\u0000\u00ff\r\n\u0080"));
        all.add(replyReadAmounts("close-delimited/read(amt)", "HTTP/1.1 200 OK\r\n\r\nhello", 2, 2, 2, 2));
        all.add(replyReadAmounts("close-delimited/read(amt) exact then end", "HTTP/1.1 200 OK\r\n\r\nhello", 5, 5));
        all.add(new OracleCase("close-delimited/half-close")
                .conn(recv(), send("HTTP/1.1 200 OK\r\n\r\nhello"), ServerAction.shutdownOutput()).fetch());
        all.add(reply("close-delimited/large", "HTTP/1.1 200 OK\r\n\r\n" + "0123456789".repeat(20_000)));
        all.add(reply("content-length/large",
                "HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + "0123456789".repeat(20_000)));
    }

    // ---------------------------------------------------------------------------------------------
    // HEAD, 204, 304 (RFC 9110 sections 9.3.2, 15.3.5, 15.4.5)

    private static void bodilessResponses(List<OracleCase> all) {
        String[][] heads = {
            {"head content-length", "HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"},
            {"head chunked", "HEAD", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"},
            {"head no framing", "HEAD", "HTTP/1.1 200 OK\r\n\r\n"},
            {"head http-1.0", "HEAD", "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\n"},
            {"head connection-close", "HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\n"},
            {"204 content-length", "GET", "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"},
            {"204 no framing", "GET", "HTTP/1.1 204 No Content\r\n\r\n"},
            {"304 content-length", "GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"},
            {"304 no framing", "GET", "HTTP/1.1 304 Not Modified\r\n\r\n"},
            {"204 http-1.0", "GET", "HTTP/1.0 204 No Content\r\n\r\n"},
        };
        // CPython reads a chunked 204 as chunked (and waits for chunks): the server closes after it.
        all.add(reply("bodiless/204 chunked", "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n"));
        for (String[] h : heads) {
            // The server answers a second request on the same connection, or a new one.
            all.add(new OracleCase("bodiless/" + h[0])
                    .conn(recv(), send(h[2]), recv(), send(FINAL))
                    .conn(recv(), send(FINAL))
                    .fetch(h[1]).fetch());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Interim responses (RFC 9110 section 15.2)

    private static void interimResponses(List<OracleCase> all) {
        String[][] interim = {
            {"100", "HTTP/1.1 100 Continue\r\n\r\n"},
            {"100 with headers", "HTTP/1.1 100 Continue\r\nX-I: 1\r\n\r\n"},
            {"100 twice", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n"},
            {"100 no reason", "HTTP/1.1 100\r\n\r\n"},
            {"100 http-1.0", "HTTP/1.0 100 Continue\r\n\r\n"},
            {"102", "HTTP/1.1 102 Processing\r\n\r\n"},
            {"103", "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"},
            {"199", "HTTP/1.1 199 Whatever\r\n\r\n"},
            {"100 malformed header", "HTTP/1.1 100 Continue\r\nnot a field\r\n\r\n"},
        };
        for (String[] i : interim) {
            all.add(reply("interim/" + i[0], i[1] + FINAL));
        }
        all.add(reply("interim/101 switching protocols",
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
        all.add(reply("interim/100 then eof", "HTTP/1.1 100 Continue\r\n\r\n"));
    }

    // ---------------------------------------------------------------------------------------------
    // Keep-alive (RFC 9112 section 9.3)

    private static void keepAlive(List<OracleCase> all) {
        String[][] first = {
            {"content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"},
            {"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n0\r\n\r\n"},
            {"chunked with trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n0\r\nX-T: 1\r\n\r\n"},
            {"connection close", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nfirst"},
            {"connection Close", "HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 5\r\n\r\nfirst"},
            {"connection list with close", "HTTP/1.1 200 OK\r\nConnection: foo, close\r\nContent-Length: 5\r\n\r\nfirst"},
            {"connection closed (not a token)", "HTTP/1.1 200 OK\r\nConnection: closed\r\nContent-Length: 5\r\n\r\nfirst"},
            {"connection keep-alive", "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nfirst"},
            {"connection close twice-listed", "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 5\r\n\r\nfirst"},
            {"http-1.0", "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nfirst"},
            {"http-1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nfirst"},
            {"http-1.0 Keep-Alive header", "HTTP/1.0 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 5\r\n\r\nfirst"},
            {"http-1.0 proxy-connection", "HTTP/1.0 200 OK\r\nProxy-Connection: keep-alive\r\nContent-Length: 5\r\n\r\nfirst"},
            {"http-1.0 chunked keep-alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n0\r\n\r\n"},
            {"http-1.2", "HTTP/1.2 200 OK\r\nContent-Length: 5\r\n\r\nfirst"},
            {"empty body", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"},
        };
        for (String[] f : first) {
            all.add(new OracleCase("keep-alive/" + f[0])
                    .conn(recv(), send(f[1]), recv(), send(FINAL))
                    .conn(recv(), send(FINAL))
                    .fetch().fetch());
        }
        // The first response is read with read(amt) to its exact end: is the connection ready?
        all.add(new OracleCase("keep-alive/read(amt) to the end")
                .conn(recv(), send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"), recv(), send(FINAL))
                .conn(recv(), send(FINAL))
                .steps(Step.request("GET", "/"), Step.getResponse(), Step.read(5), Step.isClosed(), Step.connOpen())
                .fetch());
        // The pause lets the server's FIN arrive before the next request, in both runs.
        all.add(new OracleCase("keep-alive/server closed while idle")
                .conn(recv(), send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"), close())
                .conn(recv(), send(FINAL))
                .fetch().steps(Step.pause(500)).fetch());
        all.add(new OracleCase("keep-alive/extra bytes after the body")
                .conn(recv(), send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirstEXTRA"), recv(), send(FINAL))
                .conn(recv(), send(FINAL))
                .fetch().fetch());
        all.add(new OracleCase("keep-alive/next request before the body was read")
                .conn(recv(), send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"), recv(), send(FINAL))
                .conn(recv(), send(FINAL))
                .steps(Step.request("GET", "/"), Step.getResponse(), Step.request("GET", "/2"), Step.getResponse()));
        all.add(new OracleCase("keep-alive/response closed half-read")
                .conn(recv(), send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"), recv(), send(FINAL))
                .conn(recv(), send(FINAL))
                .steps(Step.request("GET", "/"), Step.getResponse(), Step.read(3), Step.closeResponse(), Step.isClosed())
                .fetch());
        all.add(new OracleCase("keep-alive/connection closed by the caller between requests")
                .conn(recv(), send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"), recv(), send(FINAL))
                .conn(recv(), send(FINAL))
                .fetch().steps(Step.close(), Step.connOpen()).fetch());
    }

    // ---------------------------------------------------------------------------------------------
    // Limits at their boundaries (CPython's _MAXLINE 65536, _MAXHEADERS 100)

    private static void limits(List<OracleCase> all) {
        for (int total : new int[] {65535, 65536, 65537}) {
            // total: the line with its CRLF
            all.add(reply("limits/status line of " + total + " bytes with CRLF",
                    "HTTP/1.1 200 " + "r".repeat(total - 15) + "\r\n" + OK2));
            all.add(reply("limits/status line of " + total + " bytes with LF",
                    "HTTP/1.1 200 " + "r".repeat(total - 14) + "\n" + OK2));
            all.add(reply("limits/header line of " + total + " bytes with CRLF",
                    "HTTP/1.1 200 OK\r\nX-A: " + "v".repeat(total - 7) + "\r\n" + OK2));
            all.add(reply("limits/header line of " + total + " bytes with LF",
                    "HTTP/1.1 200 OK\r\nX-A: " + "v".repeat(total - 6) + "\n" + OK2));
            all.add(reply("limits/chunk-size line of " + total + " bytes",
                    chunked("2;" + "e".repeat(total - 4) + "\r\nok\r\n0\r\n\r\n")));
            all.add(reply("limits/trailer line of " + total + " bytes",
                    chunked("2\r\nok\r\n0\r\nX-T: " + "t".repeat(total - 7) + "\r\n\r\n")));
        }
        for (int ext : new int[] {4095, 4096, 4097}) {
            all.add(reply("limits/chunk extension of " + ext + " bytes",
                    chunked("2;" + "e".repeat(ext - 1) + "\r\nok\r\n0\r\n\r\n")));
        }
        for (int fields : new int[] {98, 99, 100, 101}) {
            StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
            for (int i = 1; i < fields; i++) {
                head.append("X-").append(i).append(": ").append(i).append("\r\n");
            }
            head.append("Content-Length: 2\r\n\r\nok");
            all.add(reply("limits/" + fields + " header fields", head.toString()));
        }
        StringBuilder folded = new StringBuilder("HTTP/1.1 200 OK\r\nX-A: 0\r\n");
        for (int i = 1; i < 99; i++) {
            folded.append(" ").append(i).append("\r\n");
        }
        all.add(reply("header/obs-fold 99 lines of one field", folded.append("\r\nok").toString()));
        StringBuilder big = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 90; i++) {
            big.append("X-").append(i).append(": ").append("b".repeat(3000)).append("\r\n");
        }
        all.add(reply("limits/head of 270 KB", big.append(OK2).toString()));
        StringBuilder trailers = new StringBuilder("2\r\nok\r\n0\r\n");
        for (int i = 0; i < 150; i++) {
            trailers.append("X-T").append(i).append(": t\r\n");
        }
        all.add(reply("limits/150 trailer fields", chunked(trailers.append("\r\n").toString())));
        StringBuilder interims = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            interims.append("HTTP/1.1 100 Continue\r\n\r\n");
        }
        all.add(reply("limits/101 interim responses", interims + FINAL));
    }

    // ---------------------------------------------------------------------------------------------
    // The server going away

    private static void disconnects(List<OracleCase> all) {
        all.add(new OracleCase("eof/close without reply").conn(recv(), close()).fetch());
        all.add(new OracleCase("eof/reset without reply").conn(recv(), reset()).fetch());
        all.add(new OracleCase("eof/half-close without reply").conn(recv(), ServerAction.shutdownOutput()).fetch());
        all.add(reply("eof/inside status line", "HTTP/1.1 20"));
        all.add(reply("eof/after status line without CRLF", "HTTP/1.1 200 OK"));
        all.add(reply("eof/after status line", "HTTP/1.1 200 OK\r\n"));
        all.add(reply("eof/inside a header", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: v"));
        all.add(reply("eof/before the blank line", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"));
        all.add(reply("eof/inside the blank line", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r"));
        all.add(reply("eof/before the body", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"));
        all.add(reply("eof/inside the body", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nok"));
    }

    // ---------------------------------------------------------------------------------------------
    // CONNECT through setTunnel (RFC 9110 section 9.3.6)

    private static void tunnels(List<OracleCase> all) {
        String[][] replies = {
            {"200", "HTTP/1.1 200 Connection established\r\n\r\n"},
            {"200 http-1.0", "HTTP/1.0 200 OK\r\n\r\n"},
            {"200 with headers", "HTTP/1.1 200 OK\r\nX-Proxy: p\r\nVia: 1.1 proxy\r\n\r\n"},
            {"200 lf-only", "HTTP/1.1 200 OK\n\n"},
            {"200 no reason", "HTTP/1.1 200\r\n\r\n"},
        };
        for (String[] r : replies) {
            all.add(new OracleCase("tunnel/" + r[0])
                    .conn(recvHead(), send(r[1]), recv(), send(FINAL))
                    .steps(Step.setTunnel("target.example", 8443), Step.connect()).fetch().maskConnectHead());
        }
        String[][] refusals = {
            {"201", "HTTP/1.1 201 Created\r\n\r\n"},
            {"204", "HTTP/1.1 204 No Content\r\n\r\n"},
            {"407", "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"},
            {"502", "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"},
            {"garbage", "hello\r\n\r\n"},
            {"unknown protocol", "HTTP/2.0 200 OK\r\n\r\n"},
        };
        for (String[] r : refusals) {
            all.add(new OracleCase("tunnel/refused " + r[0])
                    .conn(recvHead(), send(r[1]), close())
                    .steps(Step.setTunnel("target.example", 8443), Step.connect()).fetch().maskConnectHead());
        }
        all.add(new OracleCase("tunnel/close without reply")
                .conn(recvHead(), close())
                .steps(Step.setTunnel("target.example", 8443), Step.connect()).fetch().maskConnectHead());
        all.add(new OracleCase("tunnel/connect request bytes")
                .conn(recvHead(), send("HTTP/1.1 200 OK\r\n\r\n"), recv(), send(FINAL))
                .steps(Step.setTunnel("target.example", 8443, "Proxy-Authorization", "Basic dTpw", "X-Hop", "1"), Step.connect())
                .fetch());
        // Without connect() first: the request starts the connection, and CONNECT must still go
        // out alone, before the request (CPython's _tunnel writes it from a buffer of its own).
        all.add(new OracleCase("tunnel/request without connect first")
                .conn(recvHead(), send("HTTP/1.1 200 OK\r\n\r\n"), recv(), send(FINAL))
                .steps(Step.setTunnel("target.example", 8443, "Proxy-Authorization", "Basic dTpw")).fetch()
                .maskConnectHead());
        all.add(new OracleCase("tunnel/default port")
                .conn(recvHead(), send("HTTP/1.1 200 OK\r\n\r\n"), recv(), send(FINAL))
                .steps(Step.setTunnel("target.example", 80), Step.connect()).fetch().maskConnectHead());
    }

    // ---------------------------------------------------------------------------------------------
    // What the client sends (RFC 9112 sections 3 and 6, RFC 9110 section 7.2)

    /** Sends one request through {@code request} steps and answers it with an empty 200. */
    private static OracleCase sends(String id, Step... requestSteps) {
        return new OracleCase("request/" + id)
                .conn(recv(), send(EMPTY_OK))
                .steps(requestSteps)
                .steps(Step.getResponse(), Step.read());
    }

    private static void requestEncoding(List<OracleCase> all) {
        String[] targets = {
            "/", "", "/path?q=1&r=2", "/a%20b", "*", "/x#fragment", "//double", "/semi;colon", "/~user/",
            "http://example.com/x", "http://example.com:8080/x", "http://user:pw@example.com/x", "http://[::1]:8080/x",
            "http://[fe80::1%25eth0]:8080/x", "HTTP://EXAMPLE.COM/x", "https://secure.example/x", "http://example.com",
            "http://example.com?q", "ftp://example.com/x", "/caf\u00e9", "/\u0100", "/a b", "/a\tb", "/a\u007fb",
            "/a\r\nb", "/a\u0000b",
        };
        for (String t : targets) {
            all.add(sends("target " + OracleTranscript.quote(t), Step.request("GET", t)));
        }
        String[] methods = {
            "GET", "get", "POST", "post", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CUSTOM-METHOD", "M.E_T~H!",
            "GE T", "GET\r\n", "G\u00c9T", "", "GET\u0000",
        };
        for (String m : methods) {
            all.add(sends("method " + OracleTranscript.quote(m), Step.request(m, "/")));
        }
        all.add(new OracleCase("request/method HEAD")
                .conn(recv(), send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"))
                .steps(Step.request("HEAD", "/"), Step.getResponse(), Step.read()));
        String[][] bodies = {
            {"POST", "hello"}, {"POST", ""}, {"PUT", "hello"}, {"GET", "hello"}, {"DELETE", "x"},
            {"POST", "\u0000\u00ff\r\n"}, {"POST", "a".repeat(20_000)},
        };
        for (String[] b : bodies) {
            all.add(sends("body " + b[0] + " " + OracleTranscript.quote(b[1]), Step.request(b[0], "/", b[1])));
        }
        all.add(sends("body with its Content-Length", Step.request("POST", "/", "hello", "Content-Length", "5")));
        all.add(sends("body with a different Content-Length", Step.request("POST", "/", "hello", "Content-Length", "3")));
        all.add(sends("Content-Length without body", Step.request("POST", "/", null, "Content-Length", "0")));
        all.add(sends("body chunked by the library",
                Step.requestChunked("POST", "/", "hello world, a chunk", "Transfer-Encoding", "chunked")));
        all.add(sends("text body ascii", Step.requestText("POST", "/", "hello")));
        all.add(sends("text body latin-1", Step.requestText("POST", "/", "caf\u00e9")));
        all.add(sends("text body beyond latin-1", Step.requestText("POST", "/", "\u20ac")));
        String[][] headers = {
            {"custom", "X-A", "1", "X-B", "2"},
            {"host given", "Host", "other.example"},
            {"host given lower-case", "host", "other.example"},
            {"accept-encoding given", "Accept-Encoding", "gzip"},
            {"both given", "Accept-Encoding", "br", "Host", "h.example"},
            {"empty value", "X-A", ""},
            {"latin-1 value", "X-A", "caf\u00e9"},
            {"beyond latin-1 value", "X-A", "\u20ac"},
            {"value with CRLF", "X-A", "a\r\nX-Injected: 1"},
            {"value with folding", "X-A", "a\r\n b"},
            {"value with LF", "X-A", "a\nb"},
            {"value with CR", "X-A", "a\rb"},
            {"value with NUL", "X-A", "a\u0000b"},
            {"value with DEL", "X-A", "a\u007fb"},
            {"value with tab", "X-A", "a\tb"},
            {"value with leading space", "X-A", " a"},
            {"name with space", "X A", "1"},
            {"name with tab", "X\tA", "1"},
            {"name with colon", "X:A", "1"},
            {"name empty", "", "1"},
            {"name latin-1", "X-\u00e9", "1"},
            {"name with parenthesis", "X(A)", "1"},
            {"name with leading space", " X", "1"},
            {"connection close", "Connection", "close"},
        };
        for (String[] h : headers) {
            String[] kv = java.util.Arrays.copyOfRange(h, 1, h.length);
            all.add(sends("header " + h[0], Step.request("GET", "/", null, kv)));
        }
        all.add(sends("putrequest skip host", Step.putRequest("GET", "/", true, false), Step.endHeaders()));
        all.add(sends("putrequest skip accept-encoding", Step.putRequest("GET", "/", false, true), Step.endHeaders()));
        all.add(sends("putrequest skip both", Step.putRequest("GET", "/", true, true), Step.endHeaders()));
        all.add(sends("putheader several values", Step.putRequest("GET", "/"), Step.putHeader("X-A", "1", "2", "3"),
                Step.endHeaders()));
        all.add(sends("putheader no value", Step.putRequest("GET", "/"), Step.putHeader("X-A"), Step.endHeaders()));
        all.add(sends("putheader same name twice", Step.putRequest("GET", "/"), Step.putHeader("X-A", "1"),
                Step.putHeader("X-A", "2"), Step.endHeaders()));
        all.add(sends("endheaders with body", Step.putRequest("POST", "/"), Step.putHeader("Content-Length", "5"),
                Step.endHeaders("hello")));
        all.add(sends("send after endheaders", Step.putRequest("POST", "/"), Step.putHeader("Content-Length", "5"),
                Step.endHeaders(), Step.send("hel"), Step.send("lo")));
    }

    // ---------------------------------------------------------------------------------------------
    // The state machine: calls in the wrong order

    private static void callOrder(List<OracleCase> all) {
        OracleCase idle = new OracleCase("order/idle").conn(recv(), send(FINAL));
        all.add(new OracleCase("order/putheader before putrequest").conn(recv(), send(FINAL))
                .steps(Step.putHeader("X-A", "1")));
        all.add(new OracleCase("order/endheaders before putrequest").conn(recv(), send(FINAL))
                .steps(Step.endHeaders()));
        all.add(new OracleCase("order/getresponse before request").conn(recv(), send(FINAL))
                .steps(Step.getResponse()));
        all.add(new OracleCase("order/putrequest twice").conn(recv(), send(FINAL))
                .steps(Step.putRequest("GET", "/"), Step.putRequest("GET", "/")));
        all.add(new OracleCase("order/request while a request is started").conn(recv(), send(FINAL))
                .steps(Step.putRequest("GET", "/"), Step.request("GET", "/")));
        all.add(new OracleCase("order/endheaders twice").conn(recv(), send(FINAL))
                .steps(Step.putRequest("GET", "/"), Step.endHeaders(), Step.endHeaders()));
        all.add(new OracleCase("order/putheader after endheaders").conn(recv(), send(FINAL))
                .steps(Step.putRequest("GET", "/"), Step.endHeaders(), Step.putHeader("X-A", "1")));
        all.add(new OracleCase("order/getresponse twice").conn(recv(), send(FINAL))
                .steps(Step.request("GET", "/"), Step.getResponse(), Step.read(), Step.getResponse()));
        all.add(new OracleCase("order/getresponse twice before reading").conn(recv(), send(FINAL))
                .steps(Step.request("GET", "/"), Step.getResponse(), Step.getResponse()));
        all.add(new OracleCase("order/read after close").conn(recv(), send(FINAL))
                .steps(Step.request("GET", "/"), Step.getResponse(), Step.closeResponse(), Step.read(), Step.isClosed()));
        all.add(new OracleCase("order/read after the end").conn(recv(), send(FINAL))
                .steps(Step.request("GET", "/"), Step.getResponse(), Step.read(), Step.read(), Step.read(3)));
        all.add(new OracleCase("order/request after close").conn(recv(), send(FINAL)).conn(recv(), send(FINAL))
                .steps(Step.close(), Step.connOpen()).fetch());
        all.add(new OracleCase("order/connect then request").conn(recv(), send(FINAL))
                .steps(Step.connect(), Step.connOpen()).fetch());
        all.add(new OracleCase("order/send before any request").conn(recv(), send(FINAL))
                .steps(Step.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), Step.getResponse()));
        all.add(new OracleCase("order/getresponse after putrequest").conn(recv(), send(FINAL))
                .steps(Step.putRequest("GET", "/"), Step.getResponse()));
        all.add(idle.steps(Step.connOpen(), Step.close(), Step.connOpen()));
    }
}
