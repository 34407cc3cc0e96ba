package io.httplib;

import static io.httplib.testing.Compressed.chunkedResponse;
import static io.httplib.testing.Compressed.concat;
import static io.httplib.testing.Compressed.gzip;
import static io.httplib.testing.Compressed.json;
import static io.httplib.testing.Compressed.rawDeflate;
import static io.httplib.testing.Compressed.response;
import static io.httplib.testing.Compressed.zlib;
import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.testing.KeepAliveServer;
import io.httplib.testing.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HttplibClient} asks for gzip and deflate and decodes them as the body is read, on a real
 * loopback server: fixed-length and chunked bodies, read whole, in small pieces and as a stream;
 * what passes through untouched; bodiless responses; keep-alive reuse. Errors and bounds are in
 * {@link CompressedResponseErrorTest}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CompressedResponseTest {

    private static final byte[] JSON = json(200_000);

    private final List<KeepAliveServer.Request> requests = new CopyOnWriteArrayList<>();

    private KeepAliveServer serve(byte[] responseBytes) throws Exception {
        return KeepAliveServer.start(r -> {
            requests.add(r);
            return responseBytes;
        });
    }

    @Test
    void requestsAskForGzipAndDeflateByDefault() throws Exception {
        try (KeepAliveServer server = serve(response("200 OK", "x".getBytes(StandardCharsets.UTF_8)));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, Map.of("Accept", "application/json"))) {
            r.readAllBytes();
        }
        assertThat(requests.get(0).header("Accept-Encoding")).isEqualTo("gzip, deflate");
        assertThat(requests.get(0).header("Accept")).isEqualTo("application/json");
    }

    @Test
    void fixedLengthGzipBodyIsDecodedAndItsCodingHeadersAreDropped() throws Exception {
        byte[] wire = gzip(JSON);
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Type: application/json",
                "Content-Encoding: gzip", "Vary: Accept-Encoding"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/users", null, null)) {
            assertThat(r.isDecompressed()).isTrue();
            assertThat(r.header("Content-Encoding")).isNull();
            assertThat(r.header("Content-Length")).isNull();
            assertThat(r.headers().contains("Content-Length")).isFalse();
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(r.receivedHeaders().get("Content-Encoding")).isEqualTo("gzip");
            assertThat(r.receivedHeaders().get("Content-Length")).isEqualTo(Integer.toString(wire.length));
            assertThat(r.readAllBytes()).isEqualTo(JSON);
            assertThat(r.isClosed()).isTrue();
        }
    }

    @Test
    void chunkedGzipBodyIsDecodedAsAStream() throws Exception {
        try (KeepAliveServer server = serve(chunkedResponse("200 OK", gzip(JSON), 1000, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null);
                InputStream in = r.body()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            assertThat(out.toByteArray()).isEqualTo(JSON);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void smallReadsOfAGzipBodyGiveTheSameBytes() throws Exception {
        try (KeepAliveServer server = serve(chunkedResponse("200 OK", gzip(JSON), 777, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[7];
            InputStream in = r.body();
            int first = in.read();
            out.write(first);
            int n;
            while ((n = in.read(buf, 0, buf.length)) >= 0) {
                assertThat(n).isBetween(1, 7);
                out.write(buf, 0, n);
            }
            assertThat(out.toByteArray()).isEqualTo(JSON);
        }
    }

    @Test
    void xGzipIsDecodedAsGzip() throws Exception {
        try (KeepAliveServer server = serve(response("200 OK", gzip(JSON), "Content-Encoding: X-GZIP"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.readAllBytes()).isEqualTo(JSON);
        }
    }

    @Test
    void deflateAsZlibIsDecoded() throws Exception {
        try (KeepAliveServer server = serve(response("200 OK", zlib(JSON), "Content-Encoding: deflate"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.header("Content-Encoding")).isNull();
            assertThat(r.readString()).isEqualTo(new String(JSON, StandardCharsets.UTF_8));
        }
    }

    @Test
    void deflateAsRawDeflateIsDecoded() throws Exception {
        try (KeepAliveServer server = serve(chunkedResponse("200 OK", rawDeflate(JSON), 4096,
                "Content-Encoding: deflate"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.readAllBytes()).isEqualTo(JSON);
        }
    }

    @Test
    void concatenatedGzipMembersAreOneBody() throws Exception {
        byte[] a = "first half, ".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second half".getBytes(StandardCharsets.UTF_8);
        try (KeepAliveServer server = serve(response("200 OK", concat(gzip(a), gzip(new byte[0]), gzip(b)),
                "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.readString()).isEqualTo("first half, second half");
        }
    }

    @Test
    void zeroPaddingAfterAGzipMemberIsSkipped() throws Exception {
        try (KeepAliveServer server = serve(response("200 OK", concat(gzip(JSON), new byte[100]),
                "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.readAllBytes()).isEqualTo(JSON);
        }
    }

    @Test
    void aCallerSetAcceptEncodingGetsTheBodyAsReceived() throws Exception {
        byte[] wire = gzip(JSON);
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, Map.of("accept-encoding", "gzip"))) {
            assertThat(r.isDecompressed()).isFalse();
            assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(wire.length));
            assertThat(r.readAllBytes()).isEqualTo(wire);
        }
        assertThat(requests.get(0).header("Accept-Encoding")).isEqualTo("gzip");
    }

    @Test
    void alwaysDecompressDecodesEvenWithTheCallersAcceptEncoding() throws Exception {
        try (KeepAliveServer server = serve(response("200 OK", gzip(JSON), "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send(ClientRequest.builder("GET", "/")
                        .header("Accept-Encoding", "gzip;q=1.0, br;q=0.5").alwaysDecompress(true).build())) {
            assertThat(r.header("Content-Encoding")).isNull();
            assertThat(r.readAllBytes()).isEqualTo(JSON);
        }
        assertThat(requests.get(0).header("Accept-Encoding")).isEqualTo("gzip;q=1.0, br;q=0.5");
    }

    @Test
    void aRangeRequestAsksForTheIdentityCoding() throws Exception {
        try (KeepAliveServer server = serve(response("206 Partial Content", "0123".getBytes(StandardCharsets.UTF_8),
                "Content-Range: bytes 0-3/10"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, Map.of("Range", "bytes=0-3"))) {
            assertThat(r.readString()).isEqualTo("0123");
        }
        assertThat(requests.get(0).header("Accept-Encoding")).isEqualTo("identity");
    }

    @Test
    void severalOrUnknownCodingsPassThroughUntouched() throws Exception {
        byte[] wire = gzip("not decoded".getBytes(StandardCharsets.UTF_8));
        for (String coding : new String[] {"br", "zstd", "gzip, br", "identity", "compress"}) {
            requests.clear();
            try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: " + coding));
                    HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                    ClientResponse r = client.send("GET", "/", null, null)) {
                assertThat(r.isDecompressed()).as(coding).isFalse();
                assertThat(r.header("Content-Encoding")).as(coding).isEqualTo(coding);
                assertThat(r.header("Content-Length")).as(coding).isEqualTo(Integer.toString(wire.length));
                assertThat(r.readAllBytes()).as(coding).isEqualTo(wire);
            }
        }
    }

    @Test
    void twoContentEncodingFieldsAreSeveralCodingsAndPassThrough() throws Exception {
        byte[] wire = gzip(gzip(JSON));
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip",
                "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.isDecompressed()).isFalse();
            assertThat(r.readAllBytes()).isEqualTo(wire);
        }
    }

    @Test
    void httpConnectionAsksForIdentityAndHandsOverACompressedBodyAsReceivedAsCPythonDoes() throws Exception {
        byte[] wire = gzip(JSON);
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port())) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            assertThat(r.getHeader("Content-Encoding")).isEqualTo("gzip");
            assertThat(r.getContentLength()).isEqualTo(wire.length);
            assertThat(r.read()).isEqualTo(wire);
        }
        assertThat(requests.get(0).header("Accept-Encoding")).isEqualTo("identity");
    }

    @Test
    void disabledDecompressionAsksForIdentityAndPassesBodiesThrough() throws Exception {
        byte[] wire = gzip(JSON);
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                        .decompression(Decompression.DISABLED).build();
                ClientResponse r = client.send(ClientRequest.builder("GET", "/").alwaysDecompress(true).build())) {
            assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(r.readAllBytes()).isEqualTo(wire);
        }
        assertThat(requests.get(0).header("Accept-Encoding")).isEqualTo("identity");
    }

    @Test
    void headResponseWithContentEncodingHasAnEmptyBodyAndNoCodingHeaders() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 5120\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (KeepAliveServer server = serve(head);
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build()) {
            for (int i = 0; i < 2; i++) {
                try (ClientResponse r = client.send("HEAD", "/", null, null)) {
                    assertThat(r.header("Content-Encoding")).isNull();
                    assertThat(r.receivedHeaders().get("Content-Length")).isEqualTo("5120");
                    assertThat(r.readAllBytes()).isEmpty();
                }
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void noContentAndNotModifiedWithContentEncodingHaveEmptyBodies() throws Exception {
        for (String status : new String[] {"204 No Content", "304 Not Modified"}) {
            byte[] head = ("HTTP/1.1 " + status + "\r\nContent-Encoding: gzip\r\nETag: \"x\"\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            try (KeepAliveServer server = serve(head);
                    HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build()) {
                for (int i = 0; i < 2; i++) {
                    try (ClientResponse r = client.send("GET", "/", null, null)) {
                        assertThat(r.readAllBytes()).as(status).isEmpty();
                        assertThat(r.header("ETag")).isEqualTo("\"x\"");
                    }
                }
                assertThat(server.connectionCount()).as(status).isEqualTo(1);
            }
        }
    }

    @Test
    void emptyBodiesLabelledGzipAreEmpty() throws Exception {
        byte[][] replies = {
            response("200 OK", new byte[0], "Content-Encoding: gzip"),
            chunkedResponse("200 OK", new byte[0], 1, "Content-Encoding: gzip"),
        };
        for (byte[] reply : replies) {
            try (KeepAliveServer server = serve(reply);
                    HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build()) {
                for (int i = 0; i < 2; i++) {
                    try (ClientResponse r = client.send("GET", "/", null, null)) {
                        assertThat(r.body().read()).isEqualTo(-1);
                        assertThat(r.isClosed()).isTrue();
                    }
                }
                assertThat(server.connectionCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void aFullyReadCompressedBodyLeavesTheConnectionForTheNextRequest() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (KeepAliveServer server = KeepAliveServer.start(r -> r.target().equals("/chunked")
                        ? chunkedResponse("200 OK", gzip(JSON), 2048, "Content-Encoding: gzip")
                        : response("200 OK", zlib(JSON), "Content-Encoding: deflate"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).eventListener(recorder).build()) {
            for (String path : new String[] {"/chunked", "/fixed", "/chunked", "/fixed"}) {
                try (ClientResponse r = client.send("GET", path, null, null); InputStream in = r.body()) {
                    assertThat(in.readAllBytes()).isEqualTo(JSON);
                }
            }
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(client.pool().stats().idle()).isEqualTo(1);
        }
        assertThat(recorder.events()).filteredOn(e -> e.startsWith("connectionAcquired"))
                .containsExactly("connectionAcquired(reused=false)", "connectionAcquired(reused=true)",
                        "connectionAcquired(reused=true)", "connectionAcquired(reused=true)");
        assertThat(recorder.events()).doesNotContain("connectionReleased(keptAlive=false)");
        recorder.assertBalanced();
    }

    @Test
    void closingAPartlyReadCompressedBodyDrainsItAndKeepsTheConnection() throws Exception {
        try (KeepAliveServer server = serve(response("200 OK", gzip(JSON), "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build()) {
            try (ClientResponse r = client.send("GET", "/", null, null)) {
                assertThat(r.body().read(new byte[100])).isPositive();
            }
            try (ClientResponse r = client.send("GET", "/", null, null)) {
                assertThat(r.readAllBytes()).isEqualTo(JSON);
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void bytesReceivedCountTheCompressedBytesOnTheWire() throws Exception {
        RecordingListener recorder = new RecordingListener();
        byte[] wire = gzip(JSON);
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).eventListener(recorder).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.readAllBytes()).hasSize(JSON.length);
        }
        assertThat(recorder.events()).contains("responseBodyEnd(" + wire.length + ")");
    }

    @Test
    void redirectsKeepAskingForAndDecodingCompression() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> {
                    requests.add(r);
                    return r.target().equals("/old")
                            ? response("302 Found", gzip("moved".getBytes(StandardCharsets.UTF_8)), "Location: /new",
                                    "Content-Encoding: gzip")
                            : response("200 OK", gzip(JSON), "Content-Encoding: gzip");
                });
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).followRedirects(true).build();
                ClientResponse r = client.send("GET", "/old", null, null)) {
            assertThat(r.readAllBytes()).isEqualTo(JSON);
        }
        assertThat(requests).extracting(q -> q.header("Accept-Encoding")).containsExactly("gzip, deflate",
                "gzip, deflate");
    }
}
