package io.httplib.internal.http1;

/** Character classes of RFC 9110 and checks on what callers ask httplib to send. */
public final class Syntax {
    private Syntax() {}

    /** How much of a refused value an error message quotes. */
    public static final int DESCRIBED_CHARS = 200;

    private static final boolean[] TCHAR = new boolean[128];

    static {
        // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    /** @return whether c is an RFC 9110 token character */
    public static boolean isTchar(char c) {
        return c < 128 && TCHAR[c];
    }

    /** @return whether s is a non-empty RFC 9110 token */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses a method that is not a token (this covers CR, LF, NUL, spaces and tabs), so no
     * caller input can split the request line.
     */
    public static void checkMethod(String method) {
        if (method == null || !isKnownMethod(method) && !isToken(method)) {
            throw new IllegalArgumentException("method must be an RFC 9110 token (no whitespace or control characters): "
                    + describe(method));
        }
    }

    /**
     * Finds the first character that may not appear in a request target: controls, space and DEL
     * (CPython refuses the same set to stop request smuggling, bpo-30458), and anything outside
     * ASCII, which a URI carries percent-encoded (RFC 3986 section 2.1; CPython's ASCII encoding of
     * the request line refuses it too, CVE-2019-9740).
     *
     * @return its index, or -1 when the target is clean
     */
    public static int badTargetChar(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /** @return whether it is one of RFC 9110's methods, which need no character-by-character check */
    private static boolean isKnownMethod(String method) {
        switch (method) {
            case "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT":
                return true;
            default:
                return false;
        }
    }

    /** Refuses a header name that is not a token. */
    public static void checkHeaderName(String name) {
        if (name == null || !isToken(name)) {
            throw new IllegalArgumentException("header name must be an RFC 9110 token: " + describe(name));
        }
    }

    /** Refuses a header value holding CR, LF or NUL (RFC 9110 section 5.5), or chars outside latin-1. */
    public static void checkHeaderValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("header " + describe(name) + " has a null value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                throw new IllegalArgumentException("header " + describe(name) + " value has an illegal character "
                        + (c > 0xff ? "outside latin-1" : "\\x" + Integer.toHexString(c)) + " at index " + i);
            }
        }
    }

    /** @return whether c is optional whitespace (SP or HTAB) */
    public static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** @return s without leading and trailing SP/HTAB */
    public static String trimOws(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isOws(s.charAt(b))) {
            b++;
        }
        while (e > b && isOws(s.charAt(e - 1))) {
            e--;
        }
        return b == 0 && e == s.length() ? s : s.substring(b, e);
    }

    /** @return whether the comma-separated list holds token, ignoring case and OWS */
    public static boolean listContains(String list, String token) {
        int start = 0;
        int n = list.length();
        while (start <= n) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            int b = start;
            int e = end;
            while (b < e && isOws(list.charAt(b))) {
                b++;
            }
            while (e > b && isOws(list.charAt(e - 1))) {
                e--;
            }
            if (e - b == token.length() && list.regionMatches(true, b, token, 0, e - b)) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

    /**
     * @return the string quoted with control characters escaped, for error messages: at most its
     *     first {@value #DESCRIBED_CHARS} characters, so a huge value is never repeated whole
     */
    public static String describe(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        int max = Math.min(s.length(), DESCRIBED_CHARS);
        for (int i = 0; i < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                b.append(c);
            }
        }
        if (s.length() > max) {
            return b.append("...' (").append(s.length()).append(" chars)").toString();
        }
        return b.append('\'').toString();
    }
}
