package io.workspaces.query.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The {@code webhook-signature} of the Standard Webhooks specification: {@code v1,} and the base64 of the
 * HMAC-SHA256, keyed with the secret's bytes, of {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecrets.key(secret), "HmacSHA256"));
            byte[] signature = mac.doFinal((webhookId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
