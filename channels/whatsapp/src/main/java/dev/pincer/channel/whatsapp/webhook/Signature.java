package dev.pincer.channel.whatsapp.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta signs each webhook call with the app secret: {@code X-Hub-Signature-256: sha256=<hex>}, the
 * HMAC-SHA256 of the raw body. Compared in constant time, like the verify token.
 */
public final class Signature {
    private Signature() {}

    static final String PREFIX = "sha256=";

    /** The header value Meta would send for {@code body}. */
    public static String sign(String appSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }

    /** Whether {@code header} is the signature of {@code body}; false when it is missing or malformed. */
    public static boolean valid(String appSecret, byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        String expected = sign(appSecret, body);
        String given = PREFIX + header.substring(PREFIX.length()).strip().toLowerCase(java.util.Locale.ROOT);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    /** Constant-time equality of two secrets (the webhook's verify token). */
    public static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
