package dev.aigate.review;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.FidoSigner;
import dev.aigate.testing.SshKeygen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FIDO {@code sk-} review keys. No authenticator exists here, so {@link FidoSigner} builds the
 * signatures from JDK keys; every vector is first proven by the real {@code ssh-keygen -Y verify}
 * (accepted or refused), then judged by aigate, which adds the user-presence rule OpenSSH's
 * signature verification leaves to its callers.
 */
class FidoReviewTest {
    private static final String NS = ReviewTrust.DEFAULT_NAMESPACE;
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final String OPENSSH_NOW = "20261202120000Z";
    private static final int UP = FidoSigner.USER_PRESENT;
    private static final int UV = FidoSigner.USER_VERIFIED;

    @TempDir
    Path dir;
    SshKeygen kg;
    byte[] stmt;

    @BeforeEach
    void setUp() {
        kg = new SshKeygen(dir);
        stmt = new ReviewStatement("acme/payments", "refs/heads/main", "a".repeat(40), "b".repeat(40), "c".repeat(40),
                "sha256:" + "d".repeat(64), List.of("src/billing/**"), ReviewStatement.Verdict.APPROVE,
                "alice@example.com", Instant.parse("2026-12-02T11:00:00Z")).render();
    }

    private ReviewCheck check(String allowed, ReviewTrust.UserVerification uv, String armored) {
        ReviewTrust trust = new ReviewTrust("acme/payments", NS, AllowedSigners.parse(allowed, ZoneOffset.UTC),
                RevokedKeys.none(), uv, NOW);
        return new ReviewVerifier(trust).check(new ReviewRecord(stmt, armored));
    }

    private ReviewCheck check(String allowed, String armored) {
        return check(allowed, ReviewTrust.UserVerification.NOT_REQUIRED, armored);
    }

    private boolean openssh(String allowed, String armored) throws Exception {
        return kg.opensshVerifies(allowed, "", "alice@example.com", NS, OPENSSH_NOW, armored, stmt);
    }

    private static String reason(ReviewCheck c) {
        return assertInstanceOf(ReviewCheck.Rejected.class, c).reason();
    }

    @ParameterizedTest
    @EnumSource(FidoSigner.Type.class)
    void aTouchedSecurityKeySignatureVerifiesAsOpenSshSays(FidoSigner.Type type) throws Exception {
        FidoSigner fido = new FidoSigner(type, "ssh:");
        String allowed = "alice@example.com " + fido.publicKey() + "\n";
        String sig = fido.sign(NS, stmt, UP, 41);
        assertTrue(openssh(allowed, sig), "the hand-made vector must be valid for OpenSSH");
        ReviewCheck c = check(allowed, sig);
        assertInstanceOf(ReviewCheck.Verified.class, c, c::toString);
    }

    @ParameterizedTest
    @EnumSource(FidoSigner.Type.class)
    void withoutUserPresenceTheSignatureIsNoReview(FidoSigner.Type type) throws Exception {
        FidoSigner fido = new FidoSigner(type, "ssh:");
        String allowed = "alice@example.com " + fido.publicKey() + "\n";
        String untouched = fido.sign(NS, stmt, 0, 42);
        // Cryptographically valid (OpenSSH's -Y verify accepts it): only the flag is missing.
        assertTrue(openssh(allowed, untouched));
        assertTrue(reason(check(allowed, untouched)).contains("without user presence"));
    }

    @ParameterizedTest
    @EnumSource(FidoSigner.Type.class)
    void aWrongApplicationOrATamperedCounterOrFlagDoesNotVerify(FidoSigner.Type type) throws Exception {
        FidoSigner fido = new FidoSigner(type, "ssh:");
        String allowed = "alice@example.com " + fido.publicKey() + "\n";
        byte[] keyBlob = Base64.getDecoder().decode(fido.publicKey().split(" ")[1]);
        String otherApp = fido.forge(NS, stmt, keyBlob, "ssh:other", UP, 7, UP, 7);
        String counter = fido.forge(NS, stmt, keyBlob, "ssh:", UP, 7, UP, 8);
        // Claiming user verification the authenticator did not sign.
        String flags = fido.forge(NS, stmt, keyBlob, "ssh:", UP, 7, UP | UV, 7);
        for (String bad : List.of(otherApp, counter, flags)) {
            assertFalse(openssh(allowed, bad));
            assertTrue(reason(check(allowed, bad)).contains("does not verify"));
        }
    }

    @ParameterizedTest
    @EnumSource(FidoSigner.Type.class)
    void thePolicyCanDemandUserVerification(FidoSigner.Type type) throws Exception {
        FidoSigner fido = new FidoSigner(type, "ssh:");
        String allowed = "alice@example.com " + fido.publicKey() + "\n";
        String touched = fido.sign(NS, stmt, UP, 1);
        String verified = fido.sign(NS, stmt, UP | UV, 2);
        assertTrue(openssh(allowed, verified));
        ReviewTrust.UserVerification required = ReviewTrust.UserVerification.REQUIRED;
        assertTrue(reason(check(allowed, required, touched)).contains("require-user-verification"));
        assertInstanceOf(ReviewCheck.Verified.class, check(allowed, required, verified));
        // A key that cannot verify its user never meets the demand.
        Path plain = kg.key("plain", "-t", "ed25519");
        String plainAllowed = "alice@example.com " + kg.publicKey(plain) + "\n";
        assertTrue(reason(check(plainAllowed, required, kg.sign(plain, NS, stmt))).contains("user verification"));
    }

    @ParameterizedTest
    @EnumSource(FidoSigner.Type.class)
    void aCertificateWithVerifyRequiredDemandsUserVerification(FidoSigner.Type type) throws Exception {
        FidoSigner fido = new FidoSigner(type, "ssh:");
        Path ca = kg.key("ca", "-t", "ed25519");
        Path key = dir.resolve("fido");
        Files.writeString(Path.of(key + ".pub"), fido.publicKey() + " fido\n");
        Path cert = kg.certify(ca, key, "-I", "alice-token", "-n", "alice@example.com", "-V", "20261101Z:20261231Z",
                "-O", "verify-required");
        byte[] certBlob = Base64.getDecoder().decode(Files.readString(cert).split(" ")[1]);
        String allowed = "*@example.com cert-authority " + kg.publicKey(ca) + "\n";
        String touched = fido.signAsCertificate(certBlob, NS, stmt, UP, 3);
        String verified = fido.signAsCertificate(certBlob, NS, stmt, UP | UV, 4);
        assertTrue(openssh(allowed, touched), "OpenSSH's -Y verify ignores verify-required");
        assertTrue(openssh(allowed, verified));
        assertTrue(reason(check(allowed, touched)).contains("verify-required"));
        assertInstanceOf(ReviewCheck.Verified.class, check(allowed, verified));
        String untouched = fido.signAsCertificate(certBlob, NS, stmt, UV, 5);
        assertTrue(reason(check(allowed, untouched)).contains("without user presence"));
        assertTrue(new String(certBlob, StandardCharsets.ISO_8859_1).contains("verify-required"));
    }
}
