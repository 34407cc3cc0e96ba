package io.httplib;

/**
 * Raised when the status line names a version other than HTTP/1.x after {@code HTTP/} (e.g.
 * {@code HTTP/2.0}, {@code HTTP/3}, {@code HTTP/}), as CPython does. {@code HTTP/1.2} to
 * {@code HTTP/1.9} are read as HTTP/1.1 (RFC 9112 section 2.3).
 */
public class UnknownProtocol extends HTTPException {
    private static final long serialVersionUID = 1L;

    private final String version;

    /** @param version the version token the server sent, e.g. {@code HTTP/2.0} */
    public UnknownProtocol(String version) {
        super("unknown HTTP version in status line: " + BadStatusLine.quote(version) + " (expected HTTP/1.x)");
        this.version = version;
    }

    /** @return the version token the server sent */
    public String getVersion() {
        return version;
    }
}
