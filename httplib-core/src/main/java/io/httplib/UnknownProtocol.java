package io.httplib;

/** Raised when the status line names an HTTP version other than HTTP/1.0 or HTTP/1.1. */
public class UnknownProtocol extends HTTPException {
    private static final long serialVersionUID = 1L;

    private final String version;

    /** @param version the version token the server sent, e.g. {@code HTTP/2.0} */
    public UnknownProtocol(String version) {
        super("unknown HTTP version in status line: '" + version + "' (expected HTTP/1.0 or HTTP/1.1)");
        this.version = version;
    }

    /** @return the version token the server sent */
    public String getVersion() {
        return version;
    }
}
