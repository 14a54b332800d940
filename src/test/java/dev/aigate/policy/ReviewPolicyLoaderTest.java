package dev.aigate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signed-review keys of {@code review}: defaults, every value, and located errors. */
class ReviewPolicyLoaderTest {
  private static String render(String yaml) {
    return assertThrows(InvalidPolicyException.class, () -> PolicyLoader.parse(yaml, "p.yml")).render();
  }

  @Test
  void withoutTheNewKeysReviewsAreTrailersAsBefore() throws InvalidPolicyException {
    ReviewPolicy r = PolicyLoader.parse("version: 1\n", "p.yml").review();
    assertEquals(ReviewPolicy.Evidence.TRAILER, r.evidence());
    assertEquals(ReviewPolicy.Binding.PATCH, r.binding());
    assertEquals(Optional.empty(), r.signatures());
    assertEquals(Optional.empty(), r.repoId());
  }

  @Test
  void signedReviewsReadEveryKeyWithDefaults() throws InvalidPolicyException {
    ReviewPolicy r = PolicyLoader.parse("""
        version: 1
        review:
          evidence: signed
          repo-id: acme/payments
          binding: commit
          signatures:
            allowed-signers: /etc/aigate/allowed_signers
        """, "p.yml").review();
    assertEquals(ReviewPolicy.Evidence.SIGNED, r.evidence());
    assertEquals(ReviewPolicy.Binding.COMMIT, r.binding());
    assertEquals(Optional.of("acme/payments"), r.repoId());
    ReviewPolicy.Signatures s = r.signatures().orElseThrow();
    assertEquals(Path.of("/etc/aigate/allowed_signers"), s.allowedSigners());
    assertEquals("aigate-review-v1", s.namespace());
    assertEquals("refs/notes/aigate/reviews", s.notesRef());
    assertEquals(Optional.empty(), s.revokedKeys());
    assertEquals(ReviewPolicy.UserVerification.NOT_REQUIRED, s.userVerification());

    ReviewPolicy e = PolicyLoader.parse("""
        version: 1
        review:
          evidence: either
          repo-id: acme/payments
          signatures: {allowed-signers: /a, revoked-keys: /r, namespace: review@acme.example, notes-ref: refs/notes/rv}
        """, "p.yml").review();
    assertEquals(ReviewPolicy.Evidence.EITHER, e.evidence());
    assertEquals("review@acme.example", e.signatures().orElseThrow().namespace());
    assertEquals("refs/notes/rv", e.signatures().orElseThrow().notesRef());
    assertEquals(Optional.of(Path.of("/r")), e.signatures().orElseThrow().revokedKeys());

    ReviewPolicy uv = PolicyLoader.parse("version: 1\nreview:\n  repo-id: a/b\n"
        + "  signatures: {allowed-signers: /a, require-user-verification: true}\n", "p.yml").review();
    assertEquals(ReviewPolicy.UserVerification.REQUIRED, uv.signatures().orElseThrow().userVerification());
    String bad = render("version: 1\nreview:\n  repo-id: a/b\n"
        + "  signatures: {allowed-signers: /a, require-user-verification: always}\n");
    assertTrue(bad.contains("p.yml:4:64: review.signatures.require-user-verification: expected true or false, got string 'always'"), bad);
  }

  @Test
  void signedEvidenceWithoutAllowedSignersIsALocatedError() {
    String out = render("version: 1\nreview:\n  evidence: signed\n  repo-id: x\n");
    assertTrue(out.contains("p.yml:3:13: review.evidence: signed needs review.signatures.allowed-signers"), out);
    String either = render("version: 1\nreview: {evidence: either}\n");
    assertTrue(either.contains("p.yml:2:20: review.evidence: either needs review.signatures.allowed-signers"), either);
  }

  @Test
  void badValuesAndUnknownKeysAreReportedTogether() {
    String out = render("""
        version: 1
        review:
          evidence: gpg
          binding: tree
          repo-id: "has space"
          signatures:
            allowed-signers: relative/allowed_signers
            revoked-key: /x
            namespace: "bad ns"
            notes-ref: refs/heads/main
        """);
    assertTrue(out.contains("p.yml:3:13: review.evidence: unknown value 'gpg' (expected trailer, signed or either)"), out);
    assertTrue(out.contains("p.yml:4:12: review.binding: unknown value 'tree' (expected patch or commit)"), out);
    assertTrue(out.contains("p.yml:5:12: review.repo-id: 'has space' must be printable ASCII"), out);
    assertTrue(out.contains("p.yml:7:22: review.signatures.allowed-signers: 'relative/allowed_signers' must be an absolute path"), out);
    assertTrue(out.contains("p.yml:8:5: unknown key 'revoked-key' in review.signatures (expected one of: allowed-signers,"
        + " namespace, notes-ref, require-user-verification, revoked-keys)"), out);
    assertTrue(out.contains("p.yml:9:16: review.signatures.namespace: 'bad ns' is not a signature namespace"), out);
    assertTrue(out.contains("p.yml:10:16: review.signatures.notes-ref: 'refs/heads/main' is not a ref under refs/notes/"), out);
  }

  @Test
  void signaturesNeedARepoIdAndAnAllowedSignersFile() {
    String out = render("version: 1\nreview:\n  signatures: {allowed-signers: /a}\n");
    assertTrue(out.contains("p.yml:3:15: review.signatures: needs review.repo-id"), out);
    String missing = render("version: 1\nreview:\n  repo-id: x\n  signatures: {namespace: n}\n");
    assertTrue(missing.contains("p.yml:4:15: review.signatures: missing required key 'allowed-signers'"), missing);
  }

  @Test
  void theWrittenPolicyKeepsTheSignatureSettings() throws InvalidPolicyException {
    Policy p = PolicyLoader.parse("""
        version: 1
        review:
          evidence: signed
          repo-id: acme/payments
          signatures: {allowed-signers: /etc/a, revoked-keys: /etc/r, require-user-verification: true}
        """, "p.yml");
    Policy again = PolicyLoader.parse(PolicyWriter.write(p), "w.yml");
    assertEquals(p.review().evidence(), again.review().evidence());
    assertEquals(p.review().binding(), again.review().binding());
    assertEquals(p.review().repoId(), again.review().repoId());
    assertEquals(p.review().signatures(), again.review().signatures());
  }
}
