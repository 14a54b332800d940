package dev.aigate.review;

import java.time.Instant;

/**
 * Everything a verifier trusts, all from server configuration: the repository id, the signature
 * namespace, who may sign, which keys are revoked, and the receive time used for key validity.
 */
public record ReviewTrust(String repoId, String namespace, AllowedSigners signers, RevokedKeys revoked, Instant receivedAt) {
    public static final String DEFAULT_NAMESPACE = "aigate-review-v1";

    public ReviewTrust {
        if (repoId.isBlank() || namespace.isBlank()) {
            throw new IllegalArgumentException("repo id and namespace must be set");
        }
    }
}
