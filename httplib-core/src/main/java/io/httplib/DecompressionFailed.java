package io.httplib;

/**
 * Raised while reading a body that {@link HttplibClient} decodes ({@link Decompression}) when the
 * compressed data is corrupt or incomplete: not gzip or deflate data, cut short before the end of
 * the compressed stream, a gzip member whose CRC-32 or length does not match its data, or bytes
 * after the end of the compressed data that do not start another gzip member. A decoded body is
 * never silently truncated.
 */
public class DecompressionFailed extends HTTPException {
    private static final long serialVersionUID = 1L;

    private final String coding;

    /**
     * @param coding the content coding being decoded, e.g. {@code gzip}
     * @param message what is wrong, with the expected and the actual value where there is one
     * @param cause the decoder's own failure, or null
     */
    public DecompressionFailed(String coding, String message, Throwable cause) {
        super(coding + " body cannot be decoded: " + message, cause);
        this.coding = coding;
    }

    /** @return the content coding being decoded: {@code gzip} or {@code deflate} */
    public String getCoding() {
        return coding;
    }
}
