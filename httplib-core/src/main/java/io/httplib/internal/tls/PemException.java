package io.httplib.internal.tls;

/**
 * A problem with the contents of a PEM file (format, key, password). Carries only the reason;
 * {@link PemFiles} adds the file's path when it turns this into a
 * {@link io.httplib.TlsConfigException}.
 */
public final class PemException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason what is wrong, without the file name
     */
    public PemException(String reason) {
        super(reason);
    }

    /**
     * @param reason what is wrong, without the file name
     * @param cause the underlying exception
     */
    public PemException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
