package dev.jobmojito.connector.atshooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures the ATSs put on their webhooks, checked as each documents them; every comparison is constant time
 * ({@link MessageDigest#isEqual}) so that a forger learns nothing from how long a refusal takes.
 *
 * <ul>
 *   <li>Greenhouse (developers.greenhouse.io/webhooks.html, "Authentication"): header {@code Signature: sha256
 *       <hex>}, the hex HMAC-SHA256 of the whole raw body with the web hook's secret key.</li>
 *   <li>Lever (hire.lever.co/developer/documentation, "Webhooks", verifying signatures): the body's fields
 *       {@code token}, {@code triggeredAt} and {@code signature}; {@code signature} is the hex HMAC-SHA256 of
 *       {@code token + triggeredAt} (the two as text, nothing between them) with the webhook's signature token.</li>
 * </ul>
 */
public final class Signatures {

    private Signatures() {
    }

    /**
     * @param header the {@code Signature} header as received, or null
     * @param body   the raw request body, as signed
     * @param secret the web hook's secret key (UTF-8 bytes)
     * @return whether the header is {@code sha256 <hex HMAC-SHA256 of body>}
     */
    public static boolean greenhouse(String header, byte[] body, byte[] secret) {
        if (header == null || body == null) {
            return false;
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("sha256")) {
            return false;
        }
        return equalHex(value.substring(space + 1).strip(), hmac(secret, body));
    }

    /**
     * @param token       the body's {@code token}
     * @param triggeredAt the body's {@code triggeredAt} as it reads in the JSON (milliseconds since the epoch)
     * @param signature   the body's {@code signature}
     * @param key         the webhook's signature token (UTF-8 bytes)
     * @return whether {@code signature} is the hex HMAC-SHA256 of {@code token + triggeredAt}
     */
    public static boolean lever(String token, String triggeredAt, String signature, byte[] key) {
        if (token == null || triggeredAt == null || signature == null) {
            return false;
        }
        return equalHex(signature.strip(), hmac(key, (token + triggeredAt).getBytes(StandardCharsets.UTF_8)));
    }

    /** The hex HMAC-SHA256 of the data with the key (for tests and stand-ins that sign). */
    public static String hmacHex(byte[] key, byte[] data) {
        return HexFormat.of().formatHex(hmac(key, data));
    }

    private static boolean equalHex(String presented, byte[] expected) {
        byte[] wanted = HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII), wanted);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
