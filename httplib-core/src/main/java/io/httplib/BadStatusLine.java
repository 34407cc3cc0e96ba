package io.httplib;

/**
 * Raised when the server's status line cannot be parsed (RFC 9112 section 4: {@code HTTP/1.x},
 * one space, exactly three digits, then a space and a reason or the end of the line).
 */
public class BadStatusLine extends HTTPException {
    private static final long serialVersionUID = 1L;

    private final String line;

    /** @param line the line received, without its line terminator */
    public BadStatusLine(String line) {
        this(line, "bad status line: " + quote(line));
    }

    /**
     * @param line the line received, without its line terminator
     * @param message what is wrong with it
     */
    protected BadStatusLine(String line, String message) {
        super(message);
        this.line = line;
    }

    /** @return the status line exactly as received (latin-1 decoded), empty when nothing was received */
    public String getLine() {
        return line;
    }

    static String quote(String s) {
        if (s.length() > 200) {
            s = s.substring(0, 200) + "...";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }
}
