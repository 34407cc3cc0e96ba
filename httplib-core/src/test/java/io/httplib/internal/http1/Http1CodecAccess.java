package io.httplib.internal.http1;

/** Test access to {@link Http1Codec}'s package-private bounds. */
public final class Http1CodecAccess {
    private Http1CodecAccess() {}

    /** @return {@link Http1Codec#MAX_RETAINED_HEAD_BYTES} */
    public static int maxRetainedHeadBytes() {
        return Http1Codec.MAX_RETAINED_HEAD_BYTES;
    }
}
