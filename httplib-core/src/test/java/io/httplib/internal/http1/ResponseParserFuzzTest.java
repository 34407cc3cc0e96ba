package io.httplib.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.HTTPException;
import io.httplib.HTTPLimits;
import io.httplib.testing.FuzzInputs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the response parser in memory ({@link ParserHarness}): status line, headers, interim
 * responses, framing and the three body streams, over every way the bytes can be split across
 * reads.
 *
 * <p>The invariant for every input: the parser delivers a well-framed body or throws an
 * {@link HTTPException} (the in-memory stream never fails, so no other {@code IOException} and no
 * {@code RuntimeException} or {@code Error} is acceptable), and its result does not depend on how
 * the bytes were fragmented or on the size of the line buffer.
 *
 * <p>The mutation fuzzer runs {@code fuzz.iterations} inputs (default 30,000); run it long with
 * {@code ./mvnw -B -q -o -pl httplib-core test -Dtest=ResponseParserFuzzTest -Dfuzz.iterations=1000000}.
 * A finding prints the input as a Java literal and the seed ({@code -Dfuzz.seed=...} replays it).
 */
class ResponseParserFuzzTest {

    private static final HTTPLimits TIGHT = HTTPLimits.builder().maxLineLength(64).maxHeaders(5)
            .maxHeaderBytes(512).maxChunkExtensionLength(16).maxInterimResponses(2).build();

    /**
     * Property: valid responses of every framing parse to exactly their body, however they are
     * fragmented. Each try is generated from its own seed (printed on failure), so a failing case
     * replays with {@code -Dfuzz.seed}.
     */
    @Test
    void validResponsesParseToTheirBodyUnderAnyFragmentation() {
        Random seeds = new Random(FuzzInputs.seed());
        for (int i = 0; i < 1500; i++) {
            long seed = seeds.nextLong();
            Random r = new Random(seed);
            FuzzInputs.Valid v = FuzzInputs.valid(r);
            ParserHarness.Outcome whole = ParserHarness.parse(v.wire(), v.method(), HTTPLimits.DEFAULT);
            assertThat(whole.error()).as("seed %d: %s", seed, whole.describe()).isNull();
            assertThat(whole.status()).as("seed %d", seed).isEqualTo(v.status());
            assertThat(whole.body()).as("seed %d", seed).isEqualTo(v.body());
            ParserHarness.Outcome pieces = ParserHarness.parseInPieces(v.wire(), v.method(), HTTPLimits.DEFAULT,
                    8 + r.nextInt(200), 1 + r.nextInt(40), seed);
            assertThat(pieces.sameAs(whole)).as("seed %d fragmented: %s%nwhole: %s", seed, pieces.describe(),
                    whole.describe()).isTrue();
        }
    }

    /**
     * Property: streams of protocol fragments glued at random end in a typed HTTPException or a
     * body, nothing else, and the result does not depend on fragmentation.
     */
    @Test
    void fragmentSoupNeverEscapesTheTypedErrors() {
        Random r = new Random(FuzzInputs.seed() ^ 0x5eed);
        for (int i = 0; i < 3000; i++) {
            byte[] input = soup(r);
            HTTPLimits limits = r.nextBoolean() ? TIGHT : HTTPLimits.DEFAULT;
            ParserHarness.Outcome whole = ParserHarness.parse(input, "GET", limits);
            assertTyped(input, whole);
            assertThat(whole.body().length).isLessThanOrEqualTo(input.length);
            ParserHarness.Outcome pieces = ParserHarness.parseInPieces(input, "GET", limits, 16, 7, input.length);
            assertThat(pieces.sameAs(whole)).as("input %s%nfragmented: %s%nwhole: %s",
                    FuzzInputs.literal(input), pieces.describe(), whole.describe()).isTrue();
        }
    }

    private static final String[] SOUP = {
        "HTTP/1.1 200 OK\r\n", "HTTP/1.0 200 OK\r\n", "HTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n", "HTTP/1.1 101 Switching\r\n", "HTTP/1.1 ",
        "Content-Length: ", "Transfer-Encoding: chunked\r\n", "Transfer-Encoding: ", "Connection: close\r\n",
        "X: v\r\n", " fold\r\n", "\r\n", "\n", "\r", ":", ";", ",", " ", "\t", "\u0000", "0", "5", "a",
        "ffffffffffffffff", "0\r\n\r\n", "5\r\nhello\r\n", "chunked", "999999999999999999999",
    };

    /** Up to 40 fragments: protocol pieces, or up to 12 random latin-1 characters. */
    private static byte[] soup(Random r) {
        StringBuilder b = new StringBuilder();
        int parts = r.nextInt(41);
        for (int p = 0; p < parts; p++) {
            if (r.nextBoolean()) {
                b.append(SOUP[r.nextInt(SOUP.length)]);
            } else {
                int n = r.nextInt(13);
                for (int k = 0; k < n; k++) {
                    b.append((char) r.nextInt(256));
                }
            }
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Mutants of the seed corpus (valid and hostile responses): typed outcome only, the same
     * outcome under fragmentation and a small line buffer, and never slow.
     */
    @Test
    void mutatedResponsesNeverEscapeTheTypedErrorsOrDependOnFragmentation() {
        int iterations = FuzzInputs.iterations(30_000);
        long seed = FuzzInputs.seed();
        Random r = new Random(seed);
        List<byte[]> seeds = FuzzInputs.seeds();
        List<String> findings = new ArrayList<>();
        long slowest = 0;
        long started = System.nanoTime();
        int failures = 0;
        for (int i = 0; i < iterations && findings.size() < 10; i++) {
            byte[] input = FuzzInputs.mutate(seeds, r);
            HTTPLimits limits = r.nextInt(4) == 0 ? TIGHT : HTTPLimits.DEFAULT;
            String method = r.nextInt(8) == 0 ? "HEAD" : "GET";
            long t0 = System.nanoTime();
            ParserHarness.Outcome whole = ParserHarness.parse(input, method, limits);
            long took = System.nanoTime() - t0;
            if (took > SLOW_NANOS) {
                // A pause of the JVM (GC) or of a busy machine also looks slow: time the input
                // again on its own and report it only if it is slow every time.
                long first = took;
                took = retime(input, method, limits);
                System.out.printf("ResponseParserFuzzTest: iteration %d took %d ms, %d ms when re-timed (%d bytes)%n",
                        i, first / 1_000_000, took / 1_000_000, input.length);
                if (took > SLOW_NANOS) {
                    findings.add("slow: " + took / 1_000_000 + " ms for " + input.length + " bytes "
                            + FuzzInputs.literal(input) + " (" + method + ", " + limits + ")");
                }
            }
            slowest = Math.max(slowest, took);
            if (whole.error() != null) {
                failures++;
            }
            if (whole.error() != null && !(whole.error() instanceof HTTPException)) {
                findings.add("untyped " + whole.error() + " for " + FuzzInputs.literal(input) + " (" + method + ")");
                continue;
            }
            if (whole.body().length > input.length) {
                findings.add("body longer than the input for " + FuzzInputs.literal(input));
                continue;
            }
            ParserHarness.Outcome pieces = ParserHarness.parseInPieces(input, method, limits,
                    8 + r.nextInt(100), 1 + r.nextInt(32), r.nextLong());
            if (!pieces.sameAs(whole)) {
                findings.add("fragmentation changed the result for " + FuzzInputs.literal(input) + " (" + method + ", "
                        + limits + "): whole " + whole.describe() + " / pieces " + pieces.describe());
            }
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("ResponseParserFuzzTest: %d mutants in %d ms (%d refused), slowest %d us (re-timed when over 1 s), seed %d, %d findings%n",
                iterations, elapsedMillis, failures, slowest / 1000, seed, findings.size());
        assertThat(findings).as("seed %d", seed).isEmpty();
    }

    /** One input is at most a few hundred KiB; parsing it must stay far below any read timeout. */
    private static final long SLOW_NANOS = 1_000_000_000L;

    /** @return the fastest of three parses of the input */
    private static long retime(byte[] input, String method, HTTPLimits limits) {
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long t0 = System.nanoTime();
            ParserHarness.parse(input, method, limits);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    private static void assertTyped(byte[] input, ParserHarness.Outcome o) {
        if (o.error() != null) {
            assertThat(o.error()).as("input %s", FuzzInputs.literal(input)).isInstanceOf(HTTPException.class);
        }
    }
}
