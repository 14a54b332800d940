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
        if (trust.revoked().revokes(sig.key())) {
            return new ReviewCheck.Rejected("signing key is revoked: " + sig.key().type().wireName());
        }
        List<String> principals = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (AllowedSigners.Entry e : trust.signers().entries()) {
            if (e.certAuthority() == AllowedSigners.CertAuthority.CERTIFICATE_AUTHORITY || !e.key().sameKey(sig.key())) {
                // A plain key never matches a cert-authority line; certificates are not accepted yet.
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
            principals.addAll(e.principals());
        }
        if (principals.isEmpty()) {
            return new ReviewCheck.Rejected(problems.isEmpty()
                    ? "signing key is not in allowed_signers: " + sig.key()
                    : String.join("; ", problems));
        }
        if (!statement.repo().equals(trust.repoId())) {
            return new ReviewCheck.Rejected("review is for repository '" + statement.repo() + "', not '" + trust.repoId() + "'");
        }
        return new ReviewCheck.Verified(statement, principals, sig.key());
    }
}
