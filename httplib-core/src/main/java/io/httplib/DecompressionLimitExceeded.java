package io.httplib;

/**
 * Raised while reading a body that {@link HttplibClient} decodes when it expands past a bound of
 * {@link Decompression}: more decoded bytes than {@link Decompression#maxDecodedSize()}, or more
 * decoded bytes per compressed byte than {@link Decompression#maxRatio()}. No byte past the bound
 * reaches the caller. The message and the getters name the limit and the values.
 */
public class DecompressionLimitExceeded extends HTTPException {
    private static final long serialVersionUID = 1L;

    /** Which bound was crossed. */
    public enum Limit {
        /** {@link Decompression#maxDecodedSize()}, in bytes. */
        MAX_DECODED_SIZE("maxDecodedSize"),
        /** {@link Decompression#maxRatio()}, decoded bytes per compressed byte. */
        MAX_RATIO("maxRatio");

        private final String settingName;

        Limit(String settingName) {
            this.settingName = settingName;
        }

        /** @return the name of the setting, as in {@link Decompression.Builder} */
        public String settingName() {
            return settingName;
        }
    }

    private final Limit limit;
    private final long limitValue;
    private final String coding;
    private final long decodedBytes;
    private final long compressedBytes;

    /**
     * @param limit the bound crossed
     * @param limitValue its value
     * @param coding the content coding being decoded
     * @param decodedBytes bytes decoded when the bound was crossed
     * @param compressedBytes compressed bytes consumed by then
     */
    public DecompressionLimitExceeded(Limit limit, long limitValue, String coding, long decodedBytes,
            long compressedBytes) {
        super(coding + " body exceeds " + limit.settingName() + " " + limitValue
                + (limit == Limit.MAX_DECODED_SIZE ? " bytes" : " (decoded bytes per compressed byte)") + ": "
                + decodedBytes + " bytes decoded from " + compressedBytes + " compressed bytes");
        this.limit = limit;
        this.limitValue = limitValue;
        this.coding = coding;
        this.decodedBytes = decodedBytes;
        this.compressedBytes = compressedBytes;
    }

    /** @return which bound was crossed */
    public Limit getLimit() {
        return limit;
    }

    /** @return the bound's value: bytes for {@link Limit#MAX_DECODED_SIZE}, a ratio for {@link Limit#MAX_RATIO} */
    public long getLimitValue() {
        return limitValue;
    }

    /** @return the content coding being decoded: {@code gzip} or {@code deflate} */
    public String getCoding() {
        return coding;
    }

    /** @return bytes decoded when the bound was crossed (more than the caller was given) */
    public long getDecodedBytes() {
        return decodedBytes;
    }

    /** @return compressed bytes consumed when the bound was crossed */
    public long getCompressedBytes() {
        return compressedBytes;
    }
}
