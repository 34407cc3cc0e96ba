package io.httplib;

/**
 * Every bound the response parser enforces, and the bounds on request heads, in one immutable value. The limits are checked where
 * the bytes are read, so no server can make httplib buffer without bound; exceeding one raises a
 * typed {@link HTTPException} ({@link LineTooLong} for lines).
 *
 * <pre>{@code
 * HTTPLimits limits = HTTPLimits.builder().maxHeaders(50).build();
 * HTTPConnection conn = HTTPConnection.builder("example.com").limits(limits).build();
 * }</pre>
 */
public final class HTTPLimits {

    /**
     * 64 KiB, as CPython's {@code _MAXLINE}: long enough for any real header, short enough to refuse
     * floods. Like CPython, the line's terminator counts: a header line of 65,535 bytes with its
     * CRLF is accepted, one of 65,537 is refused with {@link LineTooLong}.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 65536;
    /** 100, as CPython's {@code _MAXHEADERS}. */
    public static final int DEFAULT_MAX_HEADERS = 100;
    /** Interim 1xx responses skipped before the final one; a server may not stall a request with endless 103s. */
    public static final int DEFAULT_MAX_INTERIM_RESPONSES = 100;
    /** 256 KiB for the whole response head (status line and all headers or trailers). */
    public static final int DEFAULT_MAX_HEADER_BYTES = 256 * 1024;
    /** Chunk extensions carry nothing httplib uses; 4 KiB bounds what a server can make us skip (RFC 9112 section 7.1.1). */
    public static final int DEFAULT_MAX_CHUNK_EXTENSION_LENGTH = 4096;
    /**
     * 100 header fields in one request head, the automatic ones ({@code Host}, {@code Accept-Encoding},
     * {@code Content-Length}) included: what httplib accepts in a response, and what common servers
     * accept (Apache httpd's {@code LimitRequestFields} and Tomcat's {@code maxHeaderCount} are 100);
     * a head past it is a caller's runaway loop, not a request a server would answer.
     */
    public static final int DEFAULT_MAX_REQUEST_HEADERS = 100;
    /**
     * 256 KiB for one request head (request line, fields, CRLFs), as for a response head: far above
     * what servers accept (8 to 64 KiB is usual; more gets 431, RFC 6585 section 5), so it never
     * refuses a request a server would take, while bounding what a caller can make httplib buffer.
     */
    public static final int DEFAULT_MAX_REQUEST_HEAD_BYTES = 256 * 1024;

    /** The defaults named above. */
    public static final HTTPLimits DEFAULT = builder().build();

    private final int maxLineLength;
    private final int maxHeaders;
    private final int maxInterimResponses;
    private final int maxHeaderBytes;
    private final int maxChunkExtensionLength;
    private final int maxRequestHeaders;
    private final int maxRequestHeadBytes;

    private HTTPLimits(Builder b) {
        this.maxLineLength = b.maxLineLength;
        this.maxHeaders = b.maxHeaders;
        this.maxInterimResponses = b.maxInterimResponses;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxChunkExtensionLength = b.maxChunkExtensionLength;
        this.maxRequestHeaders = b.maxRequestHeaders;
        this.maxRequestHeadBytes = b.maxRequestHeadBytes;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the longest status, header, trailer or chunk-size line accepted, in bytes, its CRLF
     *     (or LF) included as in CPython; also the longest request line or request header line
     *     sent, CRLF included (longer ones are refused before any byte is written)
     */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * @return the most header (or trailer) fields accepted in one response head; an obsolete
     *     continuation line (obs-fold) counts as one more, as in CPython
     */
    public int maxHeaders() {
        return maxHeaders;
    }

    /** @return the most interim (1xx other than 101) responses skipped before the final response */
    public int maxInterimResponses() {
        return maxInterimResponses;
    }

    /** @return the most bytes accepted for one response head, status line and headers together */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** @return the longest chunk extension accepted on a chunk-size line, in bytes */
    public int maxChunkExtensionLength() {
        return maxChunkExtensionLength;
    }

    /**
     * @return the most header fields one request head may carry, automatic ones included; a
     *     request with more is refused with {@link RequestHeadTooLarge} before any byte is written
     */
    public int maxRequestHeaders() {
        return maxRequestHeaders;
    }

    /**
     * @return the most bytes one request head may take (request line, fields and CRLFs); a larger
     *     one is refused with {@link RequestHeadTooLarge} before any byte is written
     */
    public int maxRequestHeadBytes() {
        return maxRequestHeadBytes;
    }

    @Override
    public String toString() {
        return "HTTPLimits[maxLineLength=" + maxLineLength + ", maxHeaders=" + maxHeaders
                + ", maxInterimResponses=" + maxInterimResponses + ", maxHeaderBytes=" + maxHeaderBytes
                + ", maxChunkExtensionLength=" + maxChunkExtensionLength + ", maxRequestHeaders=" + maxRequestHeaders
                + ", maxRequestHeadBytes=" + maxRequestHeadBytes + "]";
    }

    /** Builder for {@link HTTPLimits}; every value must be positive. */
    public static final class Builder {
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
        private int maxHeaders = DEFAULT_MAX_HEADERS;
        private int maxInterimResponses = DEFAULT_MAX_INTERIM_RESPONSES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxChunkExtensionLength = DEFAULT_MAX_CHUNK_EXTENSION_LENGTH;
        private int maxRequestHeaders = DEFAULT_MAX_REQUEST_HEADERS;
        private int maxRequestHeadBytes = DEFAULT_MAX_REQUEST_HEAD_BYTES;

        private Builder() {}

        /** @param v longest line in bytes @return this */
        public Builder maxLineLength(int v) {
            this.maxLineLength = positive("maxLineLength", v);
            return this;
        }

        /** @param v most header fields @return this */
        public Builder maxHeaders(int v) {
            this.maxHeaders = positive("maxHeaders", v);
            return this;
        }

        /** @param v most interim responses @return this */
        public Builder maxInterimResponses(int v) {
            this.maxInterimResponses = positive("maxInterimResponses", v);
            return this;
        }

        /** @param v most bytes in one response head @return this */
        public Builder maxHeaderBytes(int v) {
            this.maxHeaderBytes = positive("maxHeaderBytes", v);
            return this;
        }

        /** @param v longest chunk extension in bytes @return this */
        public Builder maxChunkExtensionLength(int v) {
            this.maxChunkExtensionLength = positive("maxChunkExtensionLength", v);
            return this;
        }

        /** @param v most header fields in one request head @return this */
        public Builder maxRequestHeaders(int v) {
            this.maxRequestHeaders = positive("maxRequestHeaders", v);
            return this;
        }

        /** @param v most bytes in one request head @return this */
        public Builder maxRequestHeadBytes(int v) {
            this.maxRequestHeadBytes = positive("maxRequestHeadBytes", v);
            return this;
        }

        /** @return the limits */
        public HTTPLimits build() {
            return new HTTPLimits(this);
        }

        private static int positive(String name, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + v);
            }
            return v;
        }
    }
}
