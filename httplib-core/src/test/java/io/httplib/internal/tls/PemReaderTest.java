package io.httplib.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PemReaderTest {

    @Test
    void readsSeveralBlocksAndIgnoresTextAroundThem() throws Exception {
        String text = "Bag Attributes\n    friendlyName: client\n"
                + "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n"
                + "subject=CN = x\n"
                + "-----BEGIN PRIVATE KEY-----\nBAUG\nBwg=\n-----END PRIVATE KEY-----\n";

        List<PemBlock> blocks = PemReader.parse(text);

        assertThat(blocks).extracting(PemBlock::type).containsExactly("CERTIFICATE", "PRIVATE KEY");
        assertThat(blocks.get(0).der()).containsExactly(1, 2, 3);
        assertThat(blocks.get(1).der()).containsExactly(4, 5, 6, 7, 8);
        assertThat(blocks.get(0).isCertificate()).isTrue();
        assertThat(blocks.get(1).isPrivateKey()).isTrue();
    }

    @Test
    void acceptsCrlfLineEndingsAndIndentation() throws Exception {
        List<PemBlock> blocks = PemReader.parse("  -----BEGIN CERTIFICATE-----\r\n  AQ\r\n  ID\r\n-----END CERTIFICATE-----  \r\n");

        assertThat(blocks).singleElement().satisfies(b -> assertThat(b.der()).containsExactly(1, 2, 3));
    }

    @Test
    void keepsRfc1421Headers() throws Exception {
        PemBlock block = PemReader.parse("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\nAQID\n"
                + "-----END RSA PRIVATE KEY-----\n").get(0);

        assertThat(block.headers()).containsEntry("Proc-Type", "4,ENCRYPTED").containsEntry("DEK-Info", "AES-128-CBC,00FF");
        assertThat(block.der()).containsExactly(1, 2, 3);
    }

    @Test
    void returnsNoBlocksForTextWithoutPem() throws Exception {
        assertThat(PemReader.parse("hello\n")).isEmpty();
        assertThat(PemReader.parse("")).isEmpty();
    }

    @Test
    void refusesABlockWithoutItsEndLine() {
        assertThatThrownBy(() -> PemReader.parse("-----BEGIN CERTIFICATE-----\nAQID\n"))
                .isInstanceOf(PemException.class)
                .hasMessage("'BEGIN CERTIFICATE' has no END line");
        assertThatThrownBy(() -> PemReader.parse("-----BEGIN CERTIFICATE-----\nAQID\n-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("has no END line before the next BEGIN");
    }

    @Test
    void refusesMismatchedLabels() {
        assertThatThrownBy(() -> PemReader.parse("-----BEGIN CERTIFICATE-----\nAQID\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(PemException.class)
                .hasMessage("line 3: 'BEGIN CERTIFICATE' is closed by '-----END PRIVATE KEY-----'");
    }

    @Test
    void refusesAnEmptyBodyOrInvalidBase64() {
        assertThatThrownBy(() -> PemReader.parse("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PemException.class)
                .hasMessage("the CERTIFICATE block is empty");
        assertThatThrownBy(() -> PemReader.parse("-----BEGIN CERTIFICATE-----\nAQ!D\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PemException.class)
                .hasMessage("the CERTIFICATE block is not valid base64");
    }

    @Test
    void neverPrintsKeyBytes() throws Exception {
        PemBlock block = PemReader.parse("-----BEGIN PRIVATE KEY-----\nAQID\n-----END PRIVATE KEY-----\n").get(0);

        assertThat(block.toString()).isEqualTo("PemBlock[PRIVATE KEY, 3 bytes]");
    }
}
