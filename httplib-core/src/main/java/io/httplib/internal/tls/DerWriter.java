package io.httplib.internal.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * The few DER (ITU-T X.690) encodings needed to wrap PKCS#1 and SEC1 private keys into PKCS#8:
 * SEQUENCE, INTEGER, OBJECT IDENTIFIER, NULL and OCTET STRING, with definite lengths.
 */
public final class DerWriter {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    private DerWriter() {}

    /**
     * @param parts already-encoded elements
     * @return {@code SEQUENCE { parts... }}
     */
    public static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tlv(SEQUENCE, content.toByteArray());
    }

    /**
     * @param value any integer
     * @return its INTEGER encoding (two's complement, minimal length)
     */
    public static byte[] integer(long value) {
        return tlv(INTEGER, BigInteger.valueOf(value).toByteArray());
    }

    /**
     * @param dotted an object identifier such as {@code 1.2.840.113549.1.1.1}
     * @return its OBJECT IDENTIFIER encoding
     */
    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("OID needs at least two arcs: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The first two arcs share one sub-identifier: 40 * first + second.
        base128(out, new BigInteger(arcs[0]).multiply(BigInteger.valueOf(40)).add(new BigInteger(arcs[1])));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, new BigInteger(arcs[i]));
        }
        return tlv(OID, out.toByteArray());
    }

    /** @return the NULL encoding */
    public static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    /**
     * @param value the contents
     * @return its OCTET STRING encoding
     */
    public static byte[] octetString(byte[] value) {
        return tlv(OCTET_STRING, value);
    }

    /**
     * @param tag a single-byte tag
     * @param value the contents
     * @return tag, definite length and contents
     */
    public static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            byte[] lenBytes = BigInteger.valueOf(len).toByteArray();
            int skip = lenBytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (lenBytes.length - skip));
            out.write(lenBytes, skip, lenBytes.length - skip);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative OID arc");
        }
        int groups = Math.max(1, (value.bitLength() + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int b = value.shiftRight(7 * i).intValue() & 0x7F;
            out.write(i == 0 ? b : b | 0x80);
        }
    }
}
