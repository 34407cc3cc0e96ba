package io.httplib;

/** Raised when a status line, header line or chunk-size line exceeds {@link HTTPLimits#maxLineLength()}. */
public class LineTooLong extends HTTPException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    /**
     * @param what which line, e.g. {@code "header line"}
     * @param limit the limit in bytes that was exceeded
     */
    public LineTooLong(String what, int limit) {
        super(what + " longer than " + limit + " bytes");
        this.limit = limit;
    }

    /** @return the limit in bytes that was exceeded */
    public int getLimit() {
        return limit;
    }
}
