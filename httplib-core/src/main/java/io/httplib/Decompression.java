package io.httplib;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link HttplibClient} asks for and decodes compressed responses, in one immutable value.
 *
 * <p>When enabled (the default), a request that sets neither {@code Accept-Encoding} nor
 * {@code Range} is sent with {@code Accept-Encoding: gzip, deflate}, and a response with
 * {@code Content-Encoding: gzip} (or {@code x-gzip}) or {@code deflate} is decoded as the caller
 * reads it: the {@link ClientResponse} then shows the decoded body and no
 * {@code Content-Encoding} or {@code Content-Length} header ({@link ClientResponse#receivedHeaders()}
 * keeps them). A request with its own {@code Accept-Encoding} gets the body exactly as received,
 * unless it asks otherwise ({@link ClientRequest.Builder#alwaysDecompress}). Several codings
 * ({@code gzip, br}) and codings httplib does not know ({@code br}, {@code zstd}) pass through
 * untouched.
 *
 * <p>Two bounds keep a small compressed body (a "decompression bomb") from expanding without
 * limit; crossing either raises {@link DecompressionLimitExceeded} before the bytes past the bound
 * reach the caller:
 * <ul>
 * <li>{@link #maxDecodedSize()}: the most decoded bytes of one body;</li>
 * <li>{@link #maxRatio()}: the most decoded bytes per compressed byte, checked once more than
 *     {@value #RATIO_CHECK_FLOOR} bytes were decoded, so small bodies are never refused for it.</li>
 * </ul>
 *
 * <pre>{@code
 * HttplibClient client = HttplibClient.builder()
 *         .decompression(Decompression.builder().maxDecodedSize(16L << 20).maxRatio(50).build())
 *         .build();
 * }</pre>
 */
public final class Decompression {

    /**
     * 128 MiB: larger than any JSON or XML document a service should hand over in one response,
     * small enough that a caller who reads the body whole ({@link ClientResponse#readAllBytes()},
     * a JSON mapper) survives it on a default heap.
     */
    public static final long DEFAULT_MAX_DECODED_SIZE = 128L * 1024 * 1024;

    /**
     * 100: typical JSON and HTML compress 5 to 20 times and even very repetitive documents stay
     * well under 100, while deflate can reach about 1032 (runs of one byte), the signature of a
     * bomb. The same bound as Apache POI's default minimum inflate ratio of 0.01 for zip entries.
     */
    public static final int DEFAULT_MAX_RATIO = 100;

    /**
     * 1 MiB: below this many decoded bytes the ratio is not checked. A short, repetitive body
     * (a page of zeros, an empty JSON array padded with spaces) can expand more than
     * {@link #DEFAULT_MAX_RATIO} times and is harmless; one mebibyte bounds what a bomb costs
     * before the ratio stops it.
     */
    public static final long RATIO_CHECK_FLOOR = 1024 * 1024;

    /** Enabled, with the bounds named above. */
    public static final Decompression DEFAULT = builder().build();

    /** Disabled: requests say {@code Accept-Encoding: identity}, bodies pass through as received. */
    public static final Decompression DISABLED = builder().enabled(false).build();

    /** What httplib asks for: the codings it decodes. */
    static final String ACCEPT_ENCODING = "gzip, deflate";

    private static final List<String> ACCEPT_ENCODING_VALUES = List.of(ACCEPT_ENCODING);

    // A singleton map keeps its entry set: iterating it, as every request's head is, allocates
    // less than a Map.of(...) map, which makes a new entry set and entry per iteration.
    private static final Map<String, List<String>> ACCEPT_ONLY =
            Collections.singletonMap("Accept-Encoding", ACCEPT_ENCODING_VALUES);

    private final boolean enabled;
    private final long maxDecodedSize;
    private final int maxRatio;

    private Decompression(Builder b) {
        this.enabled = b.enabled;
        this.maxDecodedSize = b.maxDecodedSize;
        this.maxRatio = b.maxRatio;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        return new Builder().enabled(enabled).maxDecodedSize(maxDecodedSize).maxRatio(maxRatio);
    }

    /** @return whether the client asks for and decodes compressed responses */
    public boolean enabled() {
        return enabled;
    }

    /** @return the most decoded bytes of one response body */
    public long maxDecodedSize() {
        return maxDecodedSize;
    }

    /** @return the most decoded bytes per compressed byte, past {@link #RATIO_CHECK_FLOOR} */
    public int maxRatio() {
        return maxRatio;
    }

    /** @return whether the client adds its own {@code Accept-Encoding} to {@code request} */
    boolean asksFor(ClientRequest request) {
        if (!enabled) {
            return false;
        }
        // A byte range of a compressed representation cannot be decoded on its own (RFC 9110
        // section 14): ranges are requested uncompressed.
        if (request.headers().isEmpty()) {
            return true;
        }
        for (String name : request.headers().keySet()) {
            if (name.equalsIgnoreCase("Accept-Encoding") || name.equalsIgnoreCase("Range")) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the response to {@code request} is decoded */
    boolean decodes(ClientRequest request) {
        return enabled && (request.alwaysDecompress() || asksFor(request));
    }

    /** @return {@code headers} with {@code Accept-Encoding: gzip, deflate} first */
    static Map<String, List<String>> withAcceptEncoding(Map<String, List<String>> headers) {
        if (headers.isEmpty()) {
            return ACCEPT_ONLY;
        }
        Map<String, List<String>> all = new LinkedHashMap<>(headers.size() * 2 + 2);
        all.put("Accept-Encoding", ACCEPT_ENCODING_VALUES);
        all.putAll(headers);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decompression d && d.enabled == enabled && d.maxDecodedSize == maxDecodedSize
                && d.maxRatio == maxRatio;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(enabled) * 31 * 31 + Long.hashCode(maxDecodedSize) * 31 + maxRatio;
    }

    @Override
    public String toString() {
        return "Decompression[enabled=" + enabled + ", maxDecodedSize=" + maxDecodedSize + ", maxRatio=" + maxRatio
                + "]";
    }

    /** Builder for {@link Decompression}. Not thread-safe. */
    public static final class Builder {
        private boolean enabled = true;
        private long maxDecodedSize = DEFAULT_MAX_DECODED_SIZE;
        private int maxRatio = DEFAULT_MAX_RATIO;

        private Builder() {}

        /** @param enabled whether to ask for and decode compressed responses (default true) @return this */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * @param bytes the most decoded bytes of one body (default 128 MiB,
         *     {@link Decompression#DEFAULT_MAX_DECODED_SIZE}); {@code Long.MAX_VALUE} for no bound
         * @return this
         */
        public Builder maxDecodedSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxDecodedSize must be positive, got " + bytes);
            }
            this.maxDecodedSize = bytes;
            return this;
        }

        /**
         * @param ratio the most decoded bytes per compressed byte (default {@value Decompression#DEFAULT_MAX_RATIO});
         *     {@code Integer.MAX_VALUE} for no bound
         * @return this
         */
        public Builder maxRatio(int ratio) {
            if (ratio <= 0) {
                throw new IllegalArgumentException("maxRatio must be positive, got " + ratio);
            }
            this.maxRatio = ratio;
            return this;
        }

        /** @return the settings */
        public Decompression build() {
            return new Decompression(this);
        }
    }
}
