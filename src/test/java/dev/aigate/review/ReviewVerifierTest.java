package dev.aigate.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.SshKeygen;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
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

    private static final String OPENSSH_NOW = "20261202120000Z";

    /** One record judged by both: OpenSSH with {@code -Y verify} at {@link #NOW}, and aigate. */
    private record Case(String name, String allowed, String revoked, String verifyNamespace, String armored, byte[] stmt,
            String reason) {}

    @Test
    void everyRejectionOpenSshGivesIsARejectionInJava() throws Exception {
        SshKeygen kg = new SshKeygen(dir);
        Path key = kg.key("alice", "-t", "ed25519");
        Path other = kg.key("mallory", "-t", "ed25519");
        String pub = kg.publicKey(key);
        String allowed = "alice@example.com " + pub + "\n";
        byte[] stmt = statement("acme/payments").render();
        byte[] tampered = Arrays.copyOf(stmt, stmt.length);
        tampered[new String(stmt, StandardCharsets.UTF_8).indexOf("refs/heads/main") + 11] = 'x';
        String sig = kg.sign(key, NS, stmt);
        List<Case> cases = List.of(
                new Case("tampered statement", allowed, "", NS, sig, tampered, "does not verify"),
                new Case("wrong namespace", allowed, "", NS, kg.sign(key, "git", stmt), stmt, "namespace"),
                new Case("wrong key", allowed, "", NS, kg.sign(other, NS, stmt), stmt, "not in allowed_signers"),
                new Case("expired", "alice@example.com valid-before=\"20261201Z\" " + pub + "\n", "", NS, sig, stmt, "expired"),
                new Case("not yet valid", "alice@example.com valid-after=\"20261203\" " + pub + "\n", "", NS, sig, stmt, "not valid before"),
                new Case("namespace not allowed", "alice@example.com namespaces=\"git\" " + pub + "\n", "", NS, sig, stmt, "does not allow namespace"),
                new Case("revoked", allowed, pub + " alice\n", NS, sig, stmt, "revoked"));
        for (Case c : cases) {
            assertFalse(kg.opensshVerifies(c.allowed(), c.revoked(), "alice@example.com", c.verifyNamespace(), OPENSSH_NOW,
                    c.armored(), c.stmt()), c.name() + ": OpenSSH refuses it");
            String why = reason(check(c.allowed(), c.revoked(), new ReviewRecord(c.stmt(), c.armored())));
            assertTrue(why.contains(c.reason()), c.name() + ": " + why);
        }
        assertTrue(kg.opensshVerifies(allowed, "", "alice@example.com", NS, OPENSSH_NOW, sig, stmt), "the control");
    }

    /** The fields of an SSHSIG blob, to make malformed variants of a real signature. */
    private record Sshsig(byte[] magic, int version, byte[] key, byte[] namespace, byte[] reserved, byte[] hash,
            byte[] signature, byte[] trailing) {
        static Sshsig of(String armored) {
            String b64 = armored.replace("-----BEGIN SSH SIGNATURE-----", "").replace("-----END SSH SIGNATURE-----", "")
                    .replaceAll("\\s", "");
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(b64));
            byte[] magic = new byte[6];
            in.get(magic);
            return new Sshsig(magic, in.getInt(), string(in), string(in), string(in), string(in), string(in), new byte[0]);
        }

        String armored() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(magic);
            out.writeBytes(ByteBuffer.allocate(4).putInt(version).array());
            for (byte[] f : List.of(key, namespace, reserved, hash, signature)) {
                put(out, f);
            }
            out.writeBytes(trailing);
            return "-----BEGIN SSH SIGNATURE-----\n" + Base64.getMimeEncoder(70, new byte[] {'\n'})
                    .encodeToString(out.toByteArray()) + "\n-----END SSH SIGNATURE-----\n";
        }

        /** The inner signature with its algorithm name replaced. */
        Sshsig withSignatureAlgorithm(String name) {
            ByteBuffer in = ByteBuffer.wrap(signature);
            string(in);
            byte[] bits = string(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            put(out, name.getBytes(StandardCharsets.US_ASCII));
            put(out, bits);
            return new Sshsig(magic, version, key, namespace, reserved, hash, out.toByteArray(), trailing);
        }

        private static byte[] string(ByteBuffer in) {
            byte[] b = new byte[in.getInt()];
            in.get(b);
            return b;
        }

        private static void put(ByteArrayOutputStream out, byte[] b) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
    }

    @Test
    void malformedSignaturesAreRefusedAsOpenSshRefusesThem() throws Exception {
        SshKeygen kg = new SshKeygen(dir);
        Path ed = kg.key("ed", "-t", "ed25519");
        Path ec = kg.key("ec", "-t", "ecdsa", "-b", "256");
        Path rsa = kg.key("rsa", "-t", "rsa", "-b", "3072");
        byte[] stmt = statement("acme/payments").render();
        String edAllowed = "alice@example.com " + kg.publicKey(ed) + "\n";
        String ecAllowed = "alice@example.com " + kg.publicKey(ec) + "\n";
        String rsaAllowed = "alice@example.com " + kg.publicKey(rsa) + "\n";
        String edSig = kg.sign(ed, NS, stmt);
        Sshsig s = Sshsig.of(edSig);
        Sshsig r = Sshsig.of(kg.sign(rsa, NS, stmt));
        byte[] ecKey = Base64.getDecoder().decode(kg.publicKey(ec).split(" ")[1]);
        String[] lines = edSig.split("\n");
        List<Case> cases = List.of(
                new Case("truncated armour", edAllowed, "", NS, lines[0] + "\n" + lines[1] + "\n", stmt, "not an armoured SSH signature"),
                new Case("garbage armour", edAllowed, "", NS,
                        "-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----\n", stmt, "not base64"),
                new Case("trailing bytes", edAllowed, "", NS,
                        new Sshsig(s.magic(), 1, s.key(), s.namespace(), s.reserved(), s.hash(), s.signature(),
                                new byte[] {0, 0, 0, 0}).armored(), stmt, "trailing bytes"),
                new Case("version 2", edAllowed, "", NS,
                        new Sshsig(s.magic(), 2, s.key(), s.namespace(), s.reserved(), s.hash(), s.signature(),
                                new byte[0]).armored(), stmt, "unsupported SSHSIG version 2"),
                new Case("ssh-rsa (SHA-1) signature", rsaAllowed, "", NS, r.withSignatureAlgorithm("ssh-rsa").armored(), stmt, "'ssh-rsa' does not fit"),
                new Case("rsa-sha2-256 name on a rsa-sha2-512 signature", rsaAllowed, "", NS,
                        r.withSignatureAlgorithm("rsa-sha2-256").armored(), stmt, "does not verify"),
                new Case("Ed25519 signature under an ECDSA key", ecAllowed, "", NS,
                        new Sshsig(s.magic(), 1, ecKey, s.namespace(), s.reserved(), s.hash(), s.signature(),
                                new byte[0]).armored(), stmt, "'ssh-ed25519' does not fit key type ecdsa-sha2-nistp256"),
                new Case("ECDSA name on an Ed25519 signature", edAllowed, "", NS,
                        s.withSignatureAlgorithm("ecdsa-sha2-nistp256").armored(), stmt, "'ecdsa-sha2-nistp256' does not fit key type ssh-ed25519"));
        for (Case c : cases) {
            assertFalse(kg.opensshVerifies(c.allowed(), c.revoked(), "alice@example.com", c.verifyNamespace(), OPENSSH_NOW,
                    c.armored(), c.stmt()), c.name() + ": OpenSSH refuses it");
            String why = reason(check(c.allowed(), c.revoked(), new ReviewRecord(c.stmt(), c.armored())));
            assertTrue(why.contains(c.reason()), c.name() + ": " + why);
        }
        assertTrue(kg.opensshVerifies(edAllowed, "", "alice@example.com", NS, OPENSSH_NOW,
                new Sshsig(s.magic(), 1, s.key(), s.namespace(), s.reserved(), s.hash(), s.signature(), new byte[0])
                        .armored(), stmt), "the control: re-encoding alone keeps it valid");
        assertInstanceOf(ReviewCheck.Verified.class, check(edAllowed, "", new ReviewRecord(stmt, s.armored())));
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
