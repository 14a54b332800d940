package dev.aigate.review;

import java.time.Instant;

/**
 * Everything a verifier trusts, all from server configuration: the repository id, the signature
 * namespace, who may sign, which keys are revoked, whether FIDO user verification is demanded of
 * every signature, and the receive time used for key validity.
 */
public record ReviewTrust(String repoId, String namespace, AllowedSigners signers, RevokedKeys revoked,
        UserVerification userVerification, Instant receivedAt) {
    public static final String DEFAULT_NAMESPACE = "aigate-review-v1";

    public ReviewTrust {
        if (repoId.isBlank() || namespace.isBlank()) {
            throw new IllegalArgumentException("repo id and namespace must be set");
        }
    }

    /** Trust without a policy-wide user-verification demand. */
    public ReviewTrust(String repoId, String namespace, AllowedSigners signers, RevokedKeys revoked, Instant receivedAt) {
        this(repoId, namespace, signers, revoked, UserVerification.NOT_REQUIRED, receivedAt);
    }

    /**
     * Whether every review signature must come from a FIDO key that verified its user (PIN or
     * biometrics, flag 0x04). User presence (a touch, flag 0x01) is always required of FIDO keys.
     */
    public enum UserVerification { NOT_REQUIRED, REQUIRED }
}
