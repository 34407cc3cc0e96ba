package io.httplib.internal.tls;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal DER (ITU-T X.690) decoder: enough to read the algorithm of a PKCS#8 key and the
 * fields of a SEC1 EC key. Single-byte tags and definite lengths only, as DER requires.
 */
public final class DerReader {

    /** Context-specific, constructed tag [0]. */
    static final int CONTEXT_0 = 0xA0;

    /** Context-specific, constructed tag [1]. */
    static final int CONTEXT_1 = 0xA1;

    /**
     * One decoded element.
     *
     * @param tag the identifier octet
     * @param value the contents octets
     * @param encoded the whole element: tag, length and contents
     */
    public record Element(int tag, byte[] value, byte[] encoded) {

        /** @return whether the element is constructed (holds other elements) */
        public boolean isConstructed() {
            return (tag & 0x20) != 0;
        }

        /**
         * @return the elements inside this constructed element
         * @throws PemException if the contents are not well-formed DER
         */
        public List<Element> children() throws PemException {
            if (!isConstructed()) {
                throw new PemException(String.format("DER element 0x%02x is not constructed", tag));
            }
            return readAll(value);
        }

        /**
         * @return the dotted form of an OBJECT IDENTIFIER
         * @throws PemException if this is not a well-formed OID
         */
        public String oid() throws PemException {
            expect(DerWriter.OID);
            if (value.length == 0) {
                throw new PemException("empty OBJECT IDENTIFIER");
            }
            StringBuilder out = new StringBuilder();
            BigInteger arc = BigInteger.ZERO;
            boolean first = true;
            for (int i = 0; i < value.length; i++) {
                arc = arc.shiftLeft(7).or(BigInteger.valueOf(value[i] & 0x7F));
                if ((value[i] & 0x80) != 0) {
                    if (i == value.length - 1) {
                        throw new PemException("truncated OBJECT IDENTIFIER");
                    }
                    continue;
                }
                if (first) {
                    // The first sub-identifier packs two arcs: 40 * first + second.
                    int top = arc.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : arc.intValue() / 40;
                    out.append(top).append('.').append(arc.subtract(BigInteger.valueOf(40L * top)));
                    first = false;
                } else {
                    out.append('.').append(arc);
                }
                arc = BigInteger.ZERO;
            }
            return out.toString();
        }

        /**
         * @return the value of an INTEGER
         * @throws PemException if this is not an INTEGER
         */
        public BigInteger integer() throws PemException {
            expect(DerWriter.INTEGER);
            if (value.length == 0) {
                throw new PemException("empty INTEGER");
            }
            return new BigInteger(value);
        }

        /**
         * @param expected the tag this element must have
         * @throws PemException if it has another
         */
        public void expect(int expected) throws PemException {
            if (tag != expected) {
                throw new PemException(String.format("expected DER tag 0x%02x, found 0x%02x", expected, tag));
            }
        }
    }

    private DerReader() {}

    /**
     * Reads exactly one element that spans the whole input.
     *
     * @param der the encoding
     * @return the element
     * @throws PemException if the input is not exactly one well-formed element
     */
    public static Element read(byte[] der) throws PemException {
        List<Element> all = readAll(der);
        if (all.size() != 1) {
            throw new PemException("expected one DER element, found " + all.size());
        }
        return all.get(0);
    }

    /**
     * Reads consecutive elements that fill the input.
     *
     * @param der the encodings, back to back
     * @return the elements in order
     * @throws PemException if the input is not well-formed DER
     */
    public static List<Element> readAll(byte[] der) throws PemException {
        List<Element> out = new ArrayList<>();
        int pos = 0;
        while (pos < der.length) {
            int start = pos;
            int tag = der[pos++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new PemException("multi-byte DER tags are not supported");
            }
            if (pos >= der.length) {
                throw new PemException("truncated DER element");
            }
            int first = der[pos++] & 0xFF;
            long len;
            if (first < 0x80) {
                len = first;
            } else {
                int n = first & 0x7F;
                if (n == 0 || n > 4) {
                    throw new PemException("unsupported DER length encoding");
                }
                if (pos + n > der.length) {
                    throw new PemException("truncated DER length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (der[pos++] & 0xFF);
                }
            }
            if (len > der.length - pos) {
                throw new PemException("DER element is longer than its input");
            }
            int end = pos + (int) len;
            out.add(new Element(tag, Arrays.copyOfRange(der, pos, end), Arrays.copyOfRange(der, start, end)));
            pos = end;
        }
        return out;
    }
}
