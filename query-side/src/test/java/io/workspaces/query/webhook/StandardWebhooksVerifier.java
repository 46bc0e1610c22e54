package io.workspaces.query.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Verifies a webhook the way a receiver following the Standard Webhooks specification does, written from the
 * specification and independently of the service's signing code: the signed content is
 * {@code id.timestamp.body}, the key the base64-decoded part of the {@code whsec_} secret, the header a
 * space-separated list of {@code v1,<base64 HMAC-SHA256>}, and the timestamp must be recent.
 */
final class StandardWebhooksVerifier {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooksVerifier() {
    }

    static boolean verify(String secret, String webhookId, String timestamp, String signatureHeader, String body) {
        if (secret == null || webhookId == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), Instant.now()).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        byte[] expected;
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signed = webhookId + "." + timestamp + "." + body;
            expected = Base64.getEncoder().encode(hmac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return false;
        }
        for (String versioned : signatureHeader.split(" ")) {
            int comma = versioned.indexOf(',');
            if (comma > 0 && versioned.substring(0, comma).equals("v1") && MessageDigest.isEqual(expected,
                    versioned.substring(comma + 1).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    static boolean verify(String secret, WebhookReceiver.Request request) {
        return verify(secret, request.header("webhook-id"), request.header("webhook-timestamp"),
                request.header("webhook-signature"), request.body());
    }
}
