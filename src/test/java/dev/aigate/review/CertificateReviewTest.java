package dev.aigate.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.SshKeygen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenSSH user certificates as review keys: certificates made by the real {@code ssh-keygen -s},
 * signatures by the real {@code ssh-keygen -Y sign} with the certificate, and every verdict held
 * against {@code ssh-keygen -Y verify} at the same verification time. Where aigate is stricter
 * than OpenSSH (critical options) the test says so and proves OpenSSH accepts.
 */
class CertificateReviewTest {
    private static final String NS = ReviewTrust.DEFAULT_NAMESPACE;
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final String OPENSSH_NOW = "20261202120000Z";
    private static final String VALID = "20261101Z:20261231Z";

    @TempDir
    Path dir;
    SshKeygen kg;
    Path ca;
    Path alice;
    byte[] stmt;

    @BeforeEach
    void setUp() throws Exception {
        kg = new SshKeygen(dir);
        ca = kg.key("ca", "-t", "ed25519");
        alice = kg.key("alice", "-t", "ed25519");
        stmt = new ReviewStatement("acme/payments", "refs/heads/main", "a".repeat(40), "b".repeat(40), "c".repeat(40),
                "sha256:" + "d".repeat(64), List.of("src/billing/**"), ReviewStatement.Verdict.APPROVE,
                "alice@example.com", Instant.parse("2026-12-02T11:00:00Z")).render();
    }

    private String caLine(String options) throws Exception {
        return "*@example.com cert-authority" + (options.isEmpty() ? "" : "," + options) + " " + kg.publicKey(ca) + "\n";
    }

    /** Certifies alice's key with {@code certArgs} and signs the statement with the certificate. */
    private String signedWithCertificate(String... certArgs) throws Exception {
        kg.certify(ca, alice, certArgs);
        return kg.signWithCertificate(alice, NS, stmt);
    }

    private ReviewCheck check(String allowed, String revoked, String armored) {
        ReviewTrust trust = new ReviewTrust("acme/payments", NS, AllowedSigners.parse(allowed, ZoneOffset.UTC),
                RevokedKeys.parse(revoked.getBytes(StandardCharsets.UTF_8)), NOW);
        return new ReviewVerifier(trust).check(new ReviewRecord(stmt, armored));
    }

    private boolean openssh(String allowed, String revoked, String principal, String armored) throws Exception {
        return kg.opensshVerifies(allowed, revoked, principal, NS, OPENSSH_NOW, armored, stmt);
    }

    private static String reason(ReviewCheck c) {
        return assertInstanceOf(ReviewCheck.Rejected.class, c).reason();
    }

    @Test
    void aUserCertificateCountsForItsOwnPrincipalsThatTheCaLineAllows() throws Exception {
        String sig = signedWithCertificate("-I", "alice-laptop", "-n", "alice@example.com,alice@other.org", "-V", VALID,
                "-O", "extension:whatever@example.com");
        String allowed = caLine("");
        ReviewCheck c = check(allowed, "", sig);
        ReviewCheck.Verified v = assertInstanceOf(ReviewCheck.Verified.class, c, c::toString);
        // alice@other.org is in the certificate but not under the line's *@example.com.
        assertEquals(List.of("alice@example.com"), v.principals());
        assertTrue(openssh(allowed, "", "alice@example.com", sig));
        assertFalse(openssh(allowed, "", "alice@other.org", sig));
        // Different CA key types and the RSA SHA-2 CA signature verify too.
        Path rsaCa = kg.key("rsa-ca", "-t", "rsa", "-b", "3072");
        Path ecdsaUser = kg.key("ecdsa-user", "-t", "ecdsa", "-b", "384");
        kg.certify(rsaCa, ecdsaUser, "-I", "e", "-n", "erin@example.com", "-V", VALID);
        String ecdsaSig = kg.signWithCertificate(ecdsaUser, NS, stmt);
        String rsaAllowed = "erin@example.com cert-authority " + kg.publicKey(rsaCa) + "\n";
        assertEquals(List.of("erin@example.com"),
                assertInstanceOf(ReviewCheck.Verified.class, check(rsaAllowed, "", ecdsaSig)).principals());
        assertTrue(openssh(rsaAllowed, "", "erin@example.com", ecdsaSig));
    }

    @Test
    void validityIsJudgedAtReceiveTime() throws Exception {
        String allowed = caLine("");
        String expired = signedWithCertificate("-I", "old", "-n", "alice@example.com", "-V", "20261101Z:20261201Z");
        assertTrue(reason(check(allowed, "", expired)).contains("expired"));
        assertFalse(openssh(allowed, "", "alice@example.com", expired));
        String early = signedWithCertificate("-I", "new", "-n", "alice@example.com", "-V", "20261203Z:20261231Z");
        assertTrue(reason(check(allowed, "", early)).contains("not valid before"));
        assertFalse(openssh(allowed, "", "alice@example.com", early));
    }

    @Test
    void theCertificateMustNameAPrincipalTheLineAllows() throws Exception {
        String allowed = caLine("");
        String other = signedWithCertificate("-I", "bob", "-n", "bob@other.org", "-V", VALID);
        assertTrue(reason(check(allowed, "", other)).contains("do not match"));
        assertFalse(openssh(allowed, "", "bob@other.org", other));
        // For logins an empty list means "anyone"; for a review it is refused, as -Y verify does.
        String none = signedWithCertificate("-I", "anyone", "-V", VALID);
        assertTrue(reason(check(allowed, "", none)).contains("names no principals"));
        assertFalse(openssh(allowed, "", "alice@example.com", none));
    }

    @Test
    void aHostCertificateIsNotAReviewer() throws Exception {
        String allowed = caLine("");
        String host = signedWithCertificate("-h", "-I", "host", "-n", "alice@example.com", "-V", VALID);
        assertTrue(reason(check(allowed, "", host)).contains("host certificate"));
        assertFalse(openssh(allowed, "", "alice@example.com", host));
    }

    @Test
    void aCertificateFromAnUnlistedCaOrThroughAPlainLineIsNotTrusted() throws Exception {
        Path rogue = kg.key("rogue-ca", "-t", "ed25519");
        kg.certify(rogue, alice, "-I", "rogue", "-n", "alice@example.com", "-V", VALID);
        String byRogue = kg.signWithCertificate(alice, NS, stmt);
        String allowed = caLine("");
        assertTrue(reason(check(allowed, "", byRogue)).contains("not signed by a cert-authority"));
        assertFalse(openssh(allowed, "", "alice@example.com", byRogue));
        // A plain line listing alice's own key does not trust certificates over it.
        String good = signedWithCertificate("-I", "alice", "-n", "alice@example.com", "-V", VALID);
        String plain = "alice@example.com " + kg.publicKey(alice) + "\n";
        assertTrue(reason(check(plain, "", good)).contains("not signed by a cert-authority"));
        assertFalse(openssh(plain, "", "alice@example.com", good));
        // And a plain signature is not trusted by a cert-authority line over the same key.
        String plainSig = kg.sign(alice, NS, stmt);
        String aliceAsCa = "*@example.com cert-authority " + kg.publicKey(alice) + "\n";
        assertTrue(reason(check(aliceAsCa, "", plainSig)).contains("not in allowed_signers"));
        assertFalse(openssh(aliceAsCa, "", "alice@example.com", plainSig));
    }

    @Test
    void aForgedCertificateOverTheSameKeyDoesNotVerifyUnderTheCa() throws Exception {
        // SSHSIG does not sign its own public key blob: swapping the certificate's principals keeps
        // the signature valid, so only the CA's signature over the certificate stops the forgery.
        String good = signedWithCertificate("-I", "mallory", "-n", "mallory@example.org", "-V", VALID);
        String forged = replaceInBlob(good, "mallory@example.org", "alice@example.com..");
        String allowed = "alice@example.com..,*@example.org cert-authority " + kg.publicKey(ca) + "\n";
        assertInstanceOf(ReviewCheck.Verified.class, check(allowed, "", good));
        assertTrue(reason(check(allowed, "", forged)).contains("does not verify under its CA key"));
        assertFalse(openssh(allowed, "", "alice@example.com..", forged));
    }

    @Test
    void theLineOwnNamespacesAndValidityStillApply() throws Exception {
        String sig = signedWithCertificate("-I", "alice", "-n", "alice@example.com", "-V", VALID);
        String onlyGit = caLine("namespaces=\"git\"");
        assertTrue(reason(check(onlyGit, "", sig)).contains("does not allow namespace"));
        assertFalse(openssh(onlyGit, "", "alice@example.com", sig));
        String caExpired = caLine("valid-before=\"20261201Z\"");
        assertTrue(reason(check(caExpired, "", sig)).contains("expired"));
        assertFalse(openssh(caExpired, "", "alice@example.com", sig));
    }

    @Test
    void revokingTheCaOrTheCertifiedKeyRevokesTheCertificate() throws Exception {
        String sig = signedWithCertificate("-I", "alice", "-n", "alice@example.com", "-V", VALID);
        String allowed = caLine("");
        String caRevoked = kg.publicKey(ca) + "\n";
        assertTrue(reason(check(allowed, caRevoked, sig)).contains("CA key"));
        assertFalse(openssh(allowed, caRevoked, "alice@example.com", sig));
        String keyRevoked = kg.publicKey(alice) + "\n";
        assertTrue(reason(check(allowed, keyRevoked, sig)).contains("signing key is revoked"));
        assertFalse(openssh(allowed, keyRevoked, "alice@example.com", sig));
        // A certificate listed in the revocation file revokes the key it certifies.
        String certRevoked = kg.publicKey(Path.of(alice + "-cert")) + "\n";
        assertTrue(reason(check(allowed, certRevoked, sig)).contains("signing key is revoked"));
        assertInstanceOf(ReviewCheck.Verified.class, check(allowed, "", sig));
    }

    /**
     * Critical options restrict logins (force-command, source-address) or demand FIDO user
     * verification; OpenSSH's -Y verify ignores them all. aigate refuses any it cannot enforce
     * on a signature, and enforces verify-required, which a plain key's signature cannot meet.
     */
    @ParameterizedTest
    @ValueSource(strings = {"force-command=/bin/true", "source-address=10.0.0.0/8", "critical:frob@example.com=yes",
        "verify-required"})
    void criticalOptionsAigateCannotHonourRefuseTheCertificate(String option) throws Exception {
        String sig = signedWithCertificate("-I", "restricted", "-n", "alice@example.com", "-V", VALID, "-O", option);
        String allowed = caLine("");
        String why = reason(check(allowed, "", sig));
        assertTrue(why.contains(option.equals("verify-required") ? "verify-required" : "critical option"), why);
        assertTrue(openssh(allowed, "", "alice@example.com", sig), "OpenSSH ignores critical options in -Y verify");
    }

    @Test
    void aSha1CaSignatureIsRefused() throws Exception {
        Path rsaCa = kg.key("rsa-ca", "-t", "rsa", "-b", "3072");
        kg.certify(rsaCa, alice, "-t", "ssh-rsa", "-I", "sha1", "-n", "alice@example.com", "-V", VALID);
        String sig = kg.signWithCertificate(alice, NS, stmt);
        String allowed = "*@example.com cert-authority " + kg.publicKey(rsaCa) + "\n";
        assertTrue(reason(check(allowed, "", sig)).contains("does not fit key type ssh-rsa"));
    }

    /** Rewrites {@code from} to {@code to} (same length) inside an armoured signature's blob. */
    private static String replaceInBlob(String armored, String from, String to) {
        String[] lines = armored.strip().split("\n");
        StringBuilder body = new StringBuilder();
        for (int i = 1; i < lines.length - 1; i++) {
            body.append(lines[i]);
        }
        byte[] blob = Base64.getDecoder().decode(body.toString());
        String latin = new String(blob, StandardCharsets.ISO_8859_1);
        assertTrue(latin.contains(from));
        assertEquals(from.length(), to.length());
        byte[] out = latin.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
        return lines[0] + "\n" + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(out)
                + "\n" + lines[lines.length - 1] + "\n";
    }
}
