package io.httplib.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * The 1 MiB JSON-like document of workload (g): made the same way every time, so that
 * {@code run.sh} can write it (and its {@code .gz} for nginx's {@code gzip_static}) and every
 * worker can check the decoded body byte for byte. Field values vary (ids, names, e-mail
 * addresses, amounts, time stamps) so that it compresses like a real API response, about 5 to 1.
 */
public final class JsonBody {

    /** Exactly 1 MiB. */
    public static final int SIZE = 1 << 20;

    private static final String[] NAMES = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis",
        "Frances", "Edsger", "Radia", "Tim", "Sophie", "Guido", "Hedy", "Donald", "Katherine"};
    private static final String[] CITIES = {"Zurich", "Lisbon", "Osaka", "Nairobi", "Lima", "Oslo", "Perth",
        "Quebec", "Tallinn", "Hanoi"};

    private JsonBody() {}

    /** @return the document: a JSON array of user records, padded with spaces to exactly {@link #SIZE} bytes */
    public static byte[] bytes() {
        StringBuilder b = new StringBuilder(SIZE + 512).append("[\n");
        long seed = 42;
        for (int i = 0; b.length() < SIZE - 400; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int r = (int) (seed >>> 33);
            String name = NAMES[Math.floorMod(r, NAMES.length)];
            if (i > 0) {
                b.append(",\n");
            }
            b.append("  {\"id\": ").append(100000 + i)
                    .append(", \"name\": \"").append(name).append(' ').append(NAMES[Math.floorMod(r >>> 7, NAMES.length)])
                    .append("\", \"email\": \"").append(name.toLowerCase()).append('.').append(Math.floorMod(r, 9973))
                    .append("@example.com\", \"city\": \"").append(CITIES[Math.floorMod(r >>> 11, CITIES.length)])
                    .append("\", \"balance\": ").append(Math.floorMod(r, 1_000_000) / 100.0)
                    .append(", \"active\": ").append((r & 1) == 0)
                    .append(", \"created\": \"2026-0").append(1 + Math.floorMod(r >>> 3, 9))
                    .append('-').append(10 + Math.floorMod(r >>> 5, 18)).append("T12:").append(10 + Math.floorMod(r >>> 9, 49))
                    .append(":00Z\"}");
        }
        b.append("\n]\n");
        byte[] text = b.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(text, SIZE);
        Arrays.fill(out, text.length, SIZE, (byte) ' '); // trailing whitespace: still one JSON value
        return out;
    }

    /**
     * Reads {@code in} to its end through {@code buf} and checks every byte against {@code expected}.
     *
     * @return the number of bytes read, which must be {@code expected.length}
     * @throws IllegalStateException on any difference
     */
    public static long readAndCheck(InputStream in, byte[] buf, byte[] expected) throws IOException {
        int total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (total + n > expected.length
                    || !Arrays.equals(buf, 0, n, expected, total, total + n)) {
                throw new IllegalStateException("decoded body differs from the document at or after byte " + total);
            }
            total += n;
        }
        if (total != expected.length) {
            throw new IllegalStateException("decoded body has " + total + " bytes, expected " + expected.length);
        }
        return total;
    }

    /** Writes the document to {@code args[0]} and its gzip form to {@code args[0] + ".gz"}, for nginx. */
    public static void main(String[] args) throws IOException {
        byte[] body = bytes();
        Path file = Path.of(args[0]);
        Files.write(file, body);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(Path.of(args[0] + ".gz")), 64 * 1024)) {
            out.write(body);
        }
        System.out.println("wrote " + file + " (" + body.length + " bytes) and " + file + ".gz ("
                + Files.size(Path.of(args[0] + ".gz")) + " bytes)");
    }
}
