package io.workspaces.query.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks secrets: {@code whsec_} followed by the base64 of 24 to 64 random bytes, the key of the
 * HMAC-SHA256 signature. Generated ones have 32 bytes.
 */
final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    private static final int GENERATED_BYTES = 32;
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Why {@code candidate} is not a usable secret, or null if it is one. Never repeats the secret. */
    public static String problemWith(String candidate) {
        if (!candidate.startsWith(PREFIX)) {
            return "must start with " + PREFIX + " followed by base64 (or be left out to have one generated)";
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(candidate.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            return "must be " + PREFIX + " followed by standard base64";
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            return "must encode " + MIN_BYTES + " to " + MAX_BYTES + " bytes of key";
        }
        return null;
    }

    /** The HMAC key of a valid secret. */
    public static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
}
