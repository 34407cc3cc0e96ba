package io.httplib.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Compressed bodies and the raw responses that carry them, for tests of content decoding. */
public final class Compressed {

    private Compressed() {}

    /** @return a JSON-like UTF-8 document of at least {@code minBytes} bytes, the same every time */
    public static byte[] json(int minBytes) {
        StringBuilder b = new StringBuilder(minBytes + 128).append('[');
        for (int i = 0; b.length() < minBytes; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"id\":").append(i).append(",\"name\":\"user-").append(i * 7919 % 10007)
                    .append("\",\"active\":").append(i % 3 == 0).append(",\"score\":").append(i * 31 % 997)
                    .append('}');
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return {@code data} as one gzip member (RFC 1952) */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return {@code n} zero bytes as one gzip member, made without holding them (a bomb) */
    public static byte[] gzipZeros(long n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[64 * 1024];
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            for (long left = n; left > 0; left -= zeros.length) {
                gz.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return {@code data} as a zlib stream (RFC 1950), what "deflate" means in HTTP */
    public static byte[] zlib(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return {@code data} as a raw deflate stream (RFC 1951), as some servers send for "deflate" */
    public static byte[] rawDeflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** @return the arrays one after another */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * @param status e.g. {@code "200 OK"}
     * @param body the body as sent
     * @param headers header lines, e.g. {@code "Content-Encoding: gzip"}
     * @return an HTTP/1.1 response with {@code Content-Length}
     */
    public static byte[] response(String status, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** @return an HTTP/1.1 response with the body sent in chunks of {@code chunkSize} bytes */
    public static byte[] chunkedResponse(String status, byte[] body, int chunkSize, String... headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (int off = 0; off < body.length; off += chunkSize) {
            int n = Math.min(chunkSize, body.length - off);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, off, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** @return the bytes as a latin-1 string, for {@link ScriptedServer} scripts */
    public static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
