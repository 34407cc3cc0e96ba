package io.httplib.oracle;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * How observations are written, with the same rules as {@code cpython-oracle/driver.py}: text and
 * bytes quoted with {@code '...'}, printable ASCII as is except backslash and quote, everything
 * else as {@code \xNN} (or {@code \\u{NNNN}}); values longer than 256 units show their first 64
 * units, their length and their CRC-32.
 */
final class OracleTranscript {
    private OracleTranscript() {}

    private static final int LONG = 256;
    private static final int SHOWN = 64;

    static String quote(byte[] b) {
        int[] units = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            units[i] = b[i] & 0xff;
        }
        return quote(units, b);
    }

    static String quote(String s) {
        int[] units = new int[s.length()];
        boolean wide = false;
        for (int i = 0; i < s.length(); i++) {
            units[i] = s.charAt(i);
            wide |= units[i] > 0xff;
        }
        return quote(units, s.getBytes(wide ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
    }

    private static String quote(int[] units, byte[] data) {
        if (units.length > LONG) {
            CRC32 crc = new CRC32();
            crc.update(data);
            return units(units, SHOWN) + "...[len=" + units.length + " crc32=" + String.format("%08x", crc.getValue()) + "]";
        }
        return units(units, units.length);
    }

    private static String units(int[] units, int n) {
        StringBuilder b = new StringBuilder(n + 2).append('\'');
        for (int i = 0; i < n; i++) {
            int u = units[i];
            if (u == '\\') {
                b.append("\\\\");
            } else if (u == '\'') {
                b.append("\\'");
            } else if (u >= 0x20 && u <= 0x7e) {
                b.append((char) u);
            } else if (u <= 0xff) {
                b.append(String.format("\\x%02x", u));
            } else {
                b.append(String.format("\\u{%04x}", u));
            }
        }
        return b.append('\'').toString();
    }
}
