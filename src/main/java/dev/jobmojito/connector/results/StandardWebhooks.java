package dev.jobmojito.connector.results;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing of webhook deliveries the Standard Webhooks way: {@code webhook-signature} is {@code v1,} followed by
 * the base64 HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>}. A secret written
 * {@code whsec_<base64>} is used as the bytes it encodes; any other text as its UTF-8 bytes.
 */
public final class StandardWebhooks {

    private final byte[] key;

    public StandardWebhooks(String secret) {
        String trimmed = secret.strip();
        this.key = trimmed.startsWith("whsec_") ? Base64.getDecoder().decode(trimmed.substring("whsec_".length()))
                : trimmed.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
