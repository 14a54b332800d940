package dev.aigate.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Verifies review records against server-side trust. Pure: no git, no files, no clock. */
public final class ReviewVerifier {
    private final ReviewTrust trust;

    public ReviewVerifier(ReviewTrust trust) {
        this.trust = trust;
    }

    public ReviewCheck checkLine(String line) {
        try {
            return check(ReviewRecord.parseLine(line));
        } catch (SignatureFormatException e) {
            return new ReviewCheck.Rejected(e.getMessage());
        }
    }

    public ReviewCheck check(ReviewRecord record) {
        ReviewStatement statement;
        SshSignature sig;
        try {
            statement = ReviewStatement.parse(record.statement());
            sig = SshSignature.parseArmored(record.armoredSignature());
        } catch (SignatureFormatException e) {
            return new ReviewCheck.Rejected(e.getMessage());
        }
        if (!sig.namespace().equals(trust.namespace())) {
            return new ReviewCheck.Rejected("signature namespace '" + SshPublicKey.printable(sig.namespace())
                    + "' is not '" + trust.namespace() + "'");
        }
        if (!sig.verifies(record.statement(), trust.namespace())) {
            return new ReviewCheck.Rejected("signature does not verify over the statement (tampered or wrong key)");
        }
        Optional<String> presence = presenceProblem(sig);
        if (presence.isPresent()) {
            return new ReviewCheck.Rejected(presence.get());
        }
        if (trust.revoked().revokes(sig.key())) {
            return new ReviewCheck.Rejected("signing key is revoked: " + sig.key().type().wireName() + " " + sig.key().fingerprint());
        }
        Optional<SshCertificate> cert = sig.certificate();
        if (cert.isPresent() && trust.revoked().revokes(cert.get().ca())) {
            return new ReviewCheck.Rejected("the CA key of certificate " + cert.get().describe() + " is revoked: "
                    + cert.get().ca().fingerprint());
        }
        List<String> principals = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (AllowedSigners.Entry e : trust.signers().entries()) {
            Optional<List<String>> matched = cert.isPresent() ? certificatePrincipals(e, cert.get(), problems)
                    : keyPrincipals(e, sig.key());
            if (matched.isEmpty()) {
                continue;
            }
            if (!e.allowsNamespace(trust.namespace())) {
                problems.add("allowed_signers line " + e.line() + " does not allow namespace " + trust.namespace());
                continue;
            }
            Optional<String> window = e.windowProblem(trust.receivedAt());
            if (window.isPresent()) {
                problems.add(window.get());
                continue;
            }
            for (String p : matched.get()) {
                if (!principals.contains(p)) {
                    principals.add(p);
                }
            }
        }
        if (principals.isEmpty()) {
            String unknown = cert.isPresent()
                    ? "certificate " + cert.get().describe() + " is not signed by a cert-authority in allowed_signers (CA "
                            + cert.get().ca().fingerprint() + ")"
                    : "signing key is not in allowed_signers: " + sig.key();
            return new ReviewCheck.Rejected(problems.isEmpty() ? unknown : String.join("; ", problems));
        }
        if (!statement.repo().equals(trust.repoId())) {
            return new ReviewCheck.Rejected("review is for repository '" + statement.repo() + "', not '" + trust.repoId() + "'");
        }
        return new ReviewCheck.Verified(statement, principals, sig.key());
    }

    /** A plain key is trusted only by a plain line with the same key, never by a cert-authority line. */
    private static Optional<List<String>> keyPrincipals(AllowedSigners.Entry e, SshPublicKey key) {
        if (e.certAuthority() != AllowedSigners.CertAuthority.SIGNER_KEY || !e.key().sameKey(key)) {
            return Optional.empty();
        }
        return Optional.of(e.principals());
    }

    /**
     * A certificate is trusted only by a cert-authority line naming its CA, never by a plain line
     * (even one listing the certified key, as in OpenSSH). The principals are the certificate's
     * own that the line's patterns allow.
     */
    private Optional<List<String>> certificatePrincipals(AllowedSigners.Entry e, SshCertificate cert, List<String> problems) {
        if (e.certAuthority() != AllowedSigners.CertAuthority.CERTIFICATE_AUTHORITY || !e.key().sameKey(cert.ca())) {
            return Optional.empty();
        }
        Optional<String> problem = cert.problem(trust.receivedAt());
        if (problem.isPresent()) {
            problems.add(problem.get());
            return Optional.empty();
        }
        List<String> allowed = cert.principals().stream().filter(p -> Patterns.matchList(e.principals(), p)).toList();
        if (allowed.isEmpty()) {
            problems.add("certificate " + cert.describe() + " principals " + printable(cert.principals())
                    + " do not match allowed_signers line " + e.line() + " (" + String.join(",", e.principals()) + ")");
            return Optional.empty();
        }
        return Optional.of(allowed);
    }

    /**
     * A FIDO signature must show the user's touch: a key that signs unattended is no evidence a
     * person approved. User verification is demanded by the policy or by the certificate's
     * {@code verify-required} option; only FIDO signatures can show it.
     */
    private Optional<String> presenceProblem(SshSignature sig) {
        SshPublicKey.KeyType type = sig.key().type();
        if (type.securityKey() && !sig.userPresent()) {
            return Optional.of("security key signature without user presence (the key was not touched): "
                    + type.wireName() + " " + sig.key().fingerprint());
        }
        boolean certDemands = sig.certificate().map(SshCertificate::requiresUserVerification).orElse(false);
        boolean policyDemands = trust.userVerification() == ReviewTrust.UserVerification.REQUIRED;
        if ((certDemands || policyDemands) && !sig.userVerified()) {
            String who = certDemands ? "its certificate's verify-required option" : "review.signatures.require-user-verification";
            return Optional.of("signature without FIDO user verification (PIN or biometrics), which " + who
                    + " demands: " + type.wireName() + " " + sig.key().fingerprint());
        }
        return Optional.empty();
    }

    private static String printable(List<String> values) {
        return values.stream().map(SshPublicKey::printable).toList().toString();
    }
}
