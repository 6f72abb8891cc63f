package io.vigie.alert.notify.channel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

    @Test
    void signsTheRawBodyLikeOpenSsl() {
        // Computed independently with:
        // printf '%s' '{"id":"acme:negative-surge:2025-03-30T00:00:00Z","severity":"high"}' \
        //   | openssl dgst -sha256 -hmac 'whsec_vigie_test'
        String body = "{\"id\":\"acme:negative-surge:2025-03-30T00:00:00Z\",\"severity\":\"high\"}";

        assertThat(WebhookSignature.sign("whsec_vigie_test", body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f46bd9d6a4a72876b78d0fd5d3a7feffb0473a7e97d2b298799933678c755632");
    }

    @Test
    void matchesRfc4231TestCase2() {
        // RFC 4231 section 4.3: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aChangedBodyOrSecretChangesTheSignature() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign("s1", body);

        assertThat(WebhookSignature.sign("s2", body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign("s1", "{ }".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(signature);
    }
}
