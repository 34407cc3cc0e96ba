package io.httplib.internal.codec;

/** The content codings httplib decodes, read from a {@code Content-Encoding} field value. */
public enum ContentCoding {
    /** RFC 1952 gzip, one or more members. */
    GZIP("gzip"),
    /** RFC 1950 zlib, or a raw RFC 1951 deflate stream (told apart by the zlib header). */
    DEFLATE("deflate");

    private final String token;

    ContentCoding(String token) {
        this.token = token;
    }

    /** @return the coding's name as registered, e.g. {@code gzip} */
    public String token() {
        return token;
    }

    /**
     * @param contentEncoding the {@code Content-Encoding} value (repeated fields joined with
     *     commas), or null
     * @return the one coding to decode, or null when the body is to pass through untouched: no
     *     coding, several codings ({@code gzip, br}: decoding only the outer one would hand the
     *     caller a body still encoded, with nothing saying so), or a coding httplib does not
     *     know ({@code br}, {@code zstd}, {@code identity})
     */
    public static ContentCoding of(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        ContentCoding found = null;
        int start = 0;
        int n = contentEncoding.length();
        while (start <= n) {
            int comma = contentEncoding.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            String element = contentEncoding.substring(start, end).trim();
            // Empty list elements are allowed and ignored (RFC 9110 section 5.6.1).
            if (!element.isEmpty()) {
                if (found != null) {
                    return null;
                }
                found = parse(element);
                if (found == null) {
                    return null;
                }
            }
            start = end + 1;
        }
        return found;
    }

    private static ContentCoding parse(String token) {
        // x-gzip is to be treated as gzip (RFC 9110 section 8.4.1.3).
        if (token.equalsIgnoreCase("gzip") || token.equalsIgnoreCase("x-gzip")) {
            return GZIP;
        }
        if (token.equalsIgnoreCase("deflate")) {
            return DEFLATE;
        }
        return null;
    }
}
