package io.httplib;

/**
 * Raised before any byte is written when a request head would exceed
 * {@link HTTPLimits#maxRequestHeaders()} or {@link HTTPLimits#maxRequestHeadBytes()}: httplib does
 * not send what it would refuse to read, and a server would refuse it (431, RFC 6585 section 5).
 * A caller mistake, so an {@link IllegalArgumentException}, like every other request check.
 */
public class RequestHeadTooLarge extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final long limit;
    private final long actual;

    /**
     * @param setting the {@link HTTPLimits} setting exceeded, e.g. {@code maxRequestHeaders}
     * @param limit its value
     * @param actual the count or size the head would have reached
     */
    public RequestHeadTooLarge(String setting, long limit, long actual) {
        super("request head over HTTPLimits." + setting + ": " + actual + " > " + limit
                + (setting.equals("maxRequestHeaders") ? " header fields" : " bytes"));
        this.setting = setting;
        this.limit = limit;
        this.actual = actual;
    }

    /** @return the name of the {@link HTTPLimits} setting exceeded */
    public String getSetting() {
        return setting;
    }

    /** @return the limit */
    public long getLimit() {
        return limit;
    }

    /** @return the count or size the head would have reached (at the first field past the limit) */
    public long getActual() {
        return actual;
    }
}
