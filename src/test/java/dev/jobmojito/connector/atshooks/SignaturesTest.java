package dev.jobmojito.connector.atshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two ATS signature schemes, against a published HMAC-SHA256 vector and their documented shapes. */
class SignaturesTest {

    private static final byte[] KEY = "Jefe".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
    /** RFC 4231, test case 2, HMAC-SHA-256. */
    private static final String RFC_4231_2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    @Test
    void greenhouseSignsTheRawBodyInTheSignatureHeader() {
        assertThat(Signatures.hmacHex(KEY, DATA)).isEqualTo(RFC_4231_2);
        assertThat(Signatures.greenhouse("sha256 " + RFC_4231_2, DATA, KEY)).isTrue();
        assertThat(Signatures.greenhouse("sha256 " + RFC_4231_2.toUpperCase(), DATA, KEY)).isTrue();
        assertThat(Signatures.greenhouse(RFC_4231_2, DATA, KEY)).as("no algorithm").isFalse();
        assertThat(Signatures.greenhouse("sha1 " + RFC_4231_2, DATA, KEY)).isFalse();
        assertThat(Signatures.greenhouse("sha256 " + RFC_4231_2, "what do ya want for nothing!"
                .getBytes(StandardCharsets.UTF_8), KEY)).as("one byte changed").isFalse();
        assertThat(Signatures.greenhouse(null, DATA, KEY)).isFalse();
        assertThat(Signatures.greenhouse("sha256 " + RFC_4231_2, DATA, "Jeff".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void leverSignsTokenAndTriggeredAtWithNothingBetween() {
        // token "what do ya want " + triggeredAt "for nothing?" is the RFC's data: no separator
        assertThat(Signatures.lever("what do ya want ", "for nothing?", RFC_4231_2, KEY)).isTrue();
        assertThat(Signatures.lever("what do ya want", " for nothing?", RFC_4231_2, KEY)).isTrue();
        assertThat(Signatures.lever("what do ya want", "for nothing?", RFC_4231_2, KEY)).isFalse();
        assertThat(Signatures.lever("what do ya want ", "for nothing?", null, KEY)).isFalse();
        assertThat(Signatures.lever(null, "for nothing?", RFC_4231_2, KEY)).isFalse();
    }
}
