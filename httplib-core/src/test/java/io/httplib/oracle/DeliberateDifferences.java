package io.httplib.oracle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one list of cases where httplib differs from CPython on purpose:
 * {@code cpython-oracle/deliberate-differences.txt}, one entry per line,
 * {@code case-id-or-glob | what httplib's transcript shows | reason}.
 */
final class DeliberateDifferences {

    /**
     * @param glob case ids it covers ({@code *} for any run of characters)
     * @param shows a piece of text httplib's transcript must contain (its documented behaviour)
     * @param reason why httplib differs
     */
    record Entry(String glob, Pattern pattern, String shows, String reason, int line) {
        boolean covers(String caseId) {
            return pattern.matcher(caseId).matches();
        }
    }

    static final String RESOURCE = "/cpython-oracle/deliberate-differences.txt";

    final List<Entry> entries;

    private DeliberateDifferences(List<Entry> entries) {
        this.entries = entries;
    }

    static DeliberateDifferences load() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = DeliberateDifferences.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new AssertionError(RESOURCE + " is missing from the test resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s\\|\\s", 3);
                if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
                    throw new AssertionError(RESOURCE + " line " + n + ": expected 'case | httplib shows | reason': " + t);
                }
                String glob = parts[0].strip();
                entries.add(new Entry(glob, globPattern(glob), parts[1].strip(), parts[2].strip(), n));
            }
        }
        return new DeliberateDifferences(List.copyOf(entries));
    }

    private static Pattern globPattern(String glob) {
        List<String> parts = new ArrayList<>();
        for (String part : glob.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }

    /** @return the first entry covering the case, or null */
    Entry find(String caseId) {
        for (Entry e : entries) {
            if (e.covers(caseId)) {
                return e;
            }
        }
        return null;
    }
}
