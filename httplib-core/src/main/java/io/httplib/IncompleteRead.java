package io.httplib;

import java.util.OptionalLong;

/**
 * Raised when the connection ends before the body announced by {@code Content-Length} or by
 * chunked framing was received. Nothing is lost: {@link #getPartial()} holds every body byte
 * received by the call that failed, including those of a chunk that was cut.
 */
public class IncompleteRead extends HTTPException {
    private static final long serialVersionUID = 1L;

    private final byte[] partial;
    private final long expected;

    /**
     * @param partial the bytes received before the body ended
     * @param expected how many more bytes were expected, or -1 when unknown
     */
    public IncompleteRead(byte[] partial, long expected) {
        super("IncompleteRead(" + partial.length + " bytes read"
                + (expected >= 0 ? ", " + expected + " more expected)" : ")"));
        this.partial = partial;
        this.expected = expected;
    }

    /** @return the bytes received before the body ended (a copy) */
    public byte[] getPartial() {
        return partial.clone();
    }

    /** @return how many more bytes were expected, when the framing tells */
    public OptionalLong getExpected() {
        return expected >= 0 ? OptionalLong.of(expected) : OptionalLong.empty();
    }
}
