package io.httplib.internal.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits PEM text (RFC 7468 "textual encoding", with RFC 1421 headers tolerated) into
 * {@link PemBlock}s. Text outside blocks, such as the {@code Bag Attributes} that
 * {@code openssl pkcs12} prints, is ignored.
 */
public final class PemReader {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemReader() {}

    /**
     * Parses every block in {@code text}.
     *
     * @param text the file contents
     * @return the blocks in file order; empty when the text holds none
     * @throws PemException for a block without its END line, mismatched BEGIN/END labels, an
     *     empty body or invalid base64
     */
    public static List<PemBlock> parse(String text) throws PemException {
        List<PemBlock> blocks = new ArrayList<>();
        String type = null;
        Map<String, String> headers = null;
        StringBuilder body = null;
        int lineNo = 0;
        for (String raw : text.split("\r\n|\r|\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (type == null) {
                if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() > BEGIN.length() + DASHES.length()) {
                    type = line.substring(BEGIN.length(), line.length() - DASHES.length()).strip();
                    headers = new LinkedHashMap<>();
                    body = new StringBuilder();
                }
                continue;
            }
            if (line.startsWith(END)) {
                String endType = line.endsWith(DASHES) && line.length() >= END.length() + DASHES.length()
                        ? line.substring(END.length(), line.length() - DASHES.length()).strip()
                        : line;
                if (!endType.equals(type)) {
                    throw new PemException("line " + lineNo + ": 'BEGIN " + type + "' is closed by '" + line + "'");
                }
                blocks.add(new PemBlock(type, headers, decode(type, body)));
                type = null;
                continue;
            }
            if (line.startsWith(BEGIN)) {
                throw new PemException("line " + lineNo + ": 'BEGIN " + type + "' has no END line before the next BEGIN");
            }
            int colon = line.indexOf(':');
            if (colon > 0 && body.length() == 0) {
                // RFC 1421 header such as "Proc-Type: 4,ENCRYPTED"; base64 never contains ':'.
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            } else {
                body.append(line);
            }
        }
        if (type != null) {
            throw new PemException("'BEGIN " + type + "' has no END line");
        }
        return blocks;
    }

    private static byte[] decode(String type, StringBuilder body) throws PemException {
        if (body.length() == 0) {
            throw new PemException("the " + type + " block is empty");
        }
        try {
            // Strict decoder: a stray character is corruption, not something to skip.
            return Base64.getDecoder().decode(body.toString().replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new PemException("the " + type + " block is not valid base64", e);
        }
    }
}
