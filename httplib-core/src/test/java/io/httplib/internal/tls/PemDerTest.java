package io.httplib.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The hand-written DER encoder and decoder agree with BouncyCastle's. */
class PemDerTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.113549.1.1.1", "1.2.840.10045.2.1", "1.2.840.10045.3.1.7", "1.3.132.0.34",
            "1.3.101.112", "2.5.29.17", "2.999.1", "0.9.2342.19200300.100.1.1", "1.2.3.4294967296"})
    void encodesAndDecodesObjectIdentifiersLikeBouncyCastle(String oid) throws Exception {
        byte[] expected = new ASN1ObjectIdentifier(oid).getEncoded();

        assertThat(DerWriter.oid(oid)).containsExactly(expected);
        assertThat(DerReader.read(expected).oid()).isEqualTo(oid);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 127, 128, 255, 256, -1, -128, -129, 65_535, Long.MAX_VALUE})
    void encodesIntegersLikeBouncyCastle(long value) throws Exception {
        byte[] expected = new ASN1Integer(value).getEncoded();

        assertThat(DerWriter.integer(value)).containsExactly(expected);
        assertThat(DerReader.read(expected).integer()).isEqualTo(BigInteger.valueOf(value));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 1_000_000})
    void encodesLengthsLikeBouncyCastle(int length) throws Exception {
        byte[] content = new byte[length];
        byte[] expected = new DEROctetString(content).getEncoded();

        assertThat(DerWriter.octetString(content)).containsExactly(expected);
        assertThat(DerReader.read(expected).value()).hasSize(length);
    }

    @Test
    void refusesTruncatedOrTrailingInput() {
        assertThatThrownBy(() -> DerReader.read(new byte[] {0x30, 0x05, 0x02, 0x01}))
                .isInstanceOf(PemException.class)
                .hasMessage("DER element is longer than its input");
        assertThatThrownBy(() -> DerReader.read(new byte[] {0x05, 0x00, 0x05, 0x00}))
                .isInstanceOf(PemException.class)
                .hasMessage("expected one DER element, found 2");
        assertThatThrownBy(() -> DerReader.read(new byte[] {0x30, (byte) 0x80}))
                .isInstanceOf(PemException.class)
                .hasMessage("unsupported DER length encoding");
    }
}
