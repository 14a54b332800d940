package dev.aigate.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.SshKeygen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewVerifierTest {
    private static final String NS = ReviewTrust.DEFAULT_NAMESPACE;
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @TempDir
    Path dir;

    private static ReviewStatement statement(String repo) {
        return new ReviewStatement(repo, "refs/heads/main", "a".repeat(40), "b".repeat(40), "c".repeat(40),
                "sha256:" + "d".repeat(64), List.of("src/billing/**"), ReviewStatement.Verdict.APPROVE,
                "alice@example.com", Instant.parse("2026-12-02T11:00:00Z"));
    }

    private ReviewCheck check(String allowed, String revoked, ReviewRecord record) {
        ReviewTrust trust = new ReviewTrust("acme/payments", NS, AllowedSigners.parse(allowed, ZoneOffset.UTC),
                RevokedKeys.parse(revoked.getBytes(StandardCharsets.UTF_8)), NOW);
        return new ReviewVerifier(trust).checkLine(record.toLine());
    }

    private static String reason(ReviewCheck c) {
        return assertInstanceOf(ReviewCheck.Rejected.class, c).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa-256", "ecdsa-384", "ecdsa-521", "rsa-3072"})
    void everyKeyTypeSshKeygenSignsVerifiesInJava(String spec) throws Exception {
        SshKeygen kg = new SshKeygen(dir);
        String[] p = spec.split("-");
        Path key = p.length == 1 ? kg.key("k", "-t", p[0]) : kg.key("k", "-t", p[0], "-b", p[1]);
        byte[] stmt = statement("acme/payments").render();
        ReviewRecord record = new ReviewRecord(stmt, kg.sign(key, NS, stmt));
        ReviewCheck c = check("alice@example.com " + kg.publicKey(key) + "\n", "", record);
        ReviewCheck.Verified v = assertInstanceOf(ReviewCheck.Verified.class, c, () -> c.toString());
        assertEquals(List.of("alice@example.com"), v.principals());
        assertEquals("refs/heads/main", v.statement().target());
    }

    @Test
    void rejections() throws Exception {
        SshKeygen kg = new SshKeygen(dir);
        Path key = kg.key("alice", "-t", "ed25519");
        Path other = kg.key("mallory", "-t", "ed25519");
        String pub = kg.publicKey(key);
        byte[] stmt = statement("acme/payments").render();
        ReviewRecord good = new ReviewRecord(stmt, kg.sign(key, NS, stmt));
        String allowed = "alice@example.com " + pub + "\n";
        assertInstanceOf(ReviewCheck.Verified.class, check(allowed, "", good));

        // Tampered statement byte: the signature no longer covers it.
        byte[] tampered = Arrays.copyOf(stmt, stmt.length);
        int i = new String(stmt, StandardCharsets.UTF_8).indexOf("refs/heads/main") + 11;
        tampered[i] = 'x';
        assertTrue(reason(check(allowed, "", new ReviewRecord(tampered, good.armoredSignature()))).contains("does not verify"));

        // Wrong namespace (a git commit signature namespace).
        ReviewRecord gitNs = new ReviewRecord(stmt, kg.sign(key, "git", stmt));
        assertTrue(reason(check(allowed, "", gitNs)).contains("namespace"));

        // Principal not in allowed_signers.
        ReviewRecord byMallory = new ReviewRecord(stmt, kg.sign(other, NS, stmt));
        assertTrue(reason(check(allowed, "", byMallory)).contains("not in allowed_signers"));

        // Expired at receive time, even though the statement claims an earlier time.
        String expired = "alice@example.com valid-before=\"20261201Z\" " + pub + "\n";
        assertTrue(reason(check(expired, "", good)).contains("expired"));
        String notYet = "alice@example.com valid-after=\"20261203\" " + pub + "\n";
        assertTrue(reason(check(notYet, "", good)).contains("not valid before"));
        String window = "alice@example.com valid-after=\"20261201\",valid-before=\"202612030000Z\" " + pub + "\n";
        assertInstanceOf(ReviewCheck.Verified.class, check(window, "", good));

        // namespaces= restriction.
        String onlyGit = "alice@example.com namespaces=\"git\" " + pub + "\n";
        assertTrue(reason(check(onlyGit, "", good)).contains("does not allow namespace"));
        String pattern = "alice@example.com namespaces=\"aigate-*\" " + pub + "\n";
        assertInstanceOf(ReviewCheck.Verified.class, check(pattern, "", good));

        // Revoked key.
        assertTrue(reason(check(allowed, pub + " alice\n", good)).contains("revoked"));

        // Replay onto another repository.
        byte[] otherRepo = statement("acme/other").render();
        ReviewRecord replay = new ReviewRecord(otherRepo, kg.sign(key, NS, otherRepo));
        assertTrue(reason(check(allowed, "", replay)).contains("acme/other"));

        // A cert-authority line does not make a plain key trusted.
        assertTrue(reason(check("*@example.com cert-authority " + pub + "\n", "", good)).contains("not in allowed_signers"));
    }

    @Test
    void oversizedAndMalformedRecordsAreRejectedBeforeParsing() throws Exception {
        ReviewTrust trust = new ReviewTrust("acme/payments", NS, AllowedSigners.parse("", ZoneOffset.UTC), RevokedKeys.none(), NOW);
        ReviewVerifier v = new ReviewVerifier(trust);
        String huge = "{\"v\":1,\"stmt\":\"" + "A".repeat(ReviewRecord.MAX_LINE_BYTES) + "\",\"sig\":\"AAAA\"}";
        assertTrue(reason(v.checkLine(huge)).contains("over the limit"));
        assertTrue(reason(v.checkLine("{\"v\":2,\"stmt\":\"AAAA\",\"sig\":\"AAAA\"}")).contains("not {"));
        String garbageSig = new ReviewRecord(statement("acme/payments").render(),
                "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAf////8=\n-----END SSH SIGNATURE-----").toLine();
        assertTrue(reason(v.checkLine(garbageSig)).contains("exceeds"));
    }

    @Test
    void statementParsingIsStrict() {
        byte[] ok = statement("acme/payments").render();
        assertEquals(statement("acme/payments"), ReviewStatement.parse(ok));
        String s = new String(ok, StandardCharsets.UTF_8);
        assertThrows(SignatureFormatException.class,
                () -> ReviewStatement.parse(s.replace("repo: acme/payments\n", "repo: acme/payments\nrepo: x\n").getBytes(StandardCharsets.UTF_8)));
        assertThrows(SignatureFormatException.class,
                () -> ReviewStatement.parse(s.replace("verdict: approve", "verdict: reject").getBytes(StandardCharsets.UTF_8)));
        assertThrows(SignatureFormatException.class,
                () -> ReviewStatement.parse(s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        assertThrows(SignatureFormatException.class,
                () -> ReviewStatement.parse(s.concat("extra: 1\n").getBytes(StandardCharsets.UTF_8)));
        byte[] bad = Arrays.copyOf(ok, ok.length);
        bad[20] = (byte) 0xff;
        assertThrows(SignatureFormatException.class, () -> ReviewStatement.parse(bad));
    }

    @Test
    void unknownAllowedSignersOptionIsAnError() {
        assertThrows(SignatureFormatException.class, () -> AllowedSigners.parse(
                "a@x valid-untill=\"20260101\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB7YlK0sHPCsyrYdOvhm0RDhbeFl+wUBvOUm6AQB9v1M\n", ZoneOffset.UTC));
    }
}
