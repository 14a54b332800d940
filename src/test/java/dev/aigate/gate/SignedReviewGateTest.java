package dev.aigate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.git.GitProcess;
import dev.aigate.git.GitRepo;
import dev.aigate.policy.PolicyLoader;
import dev.aigate.review.ReviewRecord;
import dev.aigate.review.ReviewStatement;
import dev.aigate.testing.FidoSigner;
import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.SshKeygen;
import dev.aigate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed reviews at the server gate, in-process: real ssh-keygen keys and signatures made by
 * {@code aigate review sign}, objects sent to a real bare repository by a real push (to staging
 * refs, as receive-pack's quarantine holds them), then the gate judges the ref updates a push of
 * the branch and the notes ref would make. The live receive-pack shapes are in ReviewPushE2ETest.
 */
class SignedReviewGateTest {
  private static final String ZERO = "0".repeat(40);
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String NOTES = "refs/notes/aigate/reviews";

  @TempDir Path tmp;
  TestRepo work;
  Path server;
  Path policyFile;
  Path allowedSigners;
  Path alice;
  Path alice2;
  Path carol;
  Path jane;
  String base;

  @BeforeEach
  void setUp() throws Exception {
    SshKeygen kg = new SshKeygen(Files.createDirectories(tmp.resolve("keys")));
    alice = kg.key("alice", "-t", "ed25519");
    alice2 = kg.key("alice2", "-t", "ecdsa", "-b", "256");
    carol = kg.key("carol", "-t", "rsa", "-b", "3072");
    jane = kg.key("jane", "-t", "ed25519");
    allowedSigners = tmp.resolve("allowed_signers");
    Files.writeString(allowedSigners, "alice@example.com " + kg.publicKey(alice) + "\n"
        + "alice@example.com " + kg.publicKey(alice2) + "\n"
        + "carol@example.com " + kg.publicKey(carol) + "\n"
        + "jane@example.com " + kg.publicKey(jane) + "\n");
    policyFile = tmp.resolve("server-policy.yml");
    policy("evidence: signed", "required: 1", "binding: patch");
    work = TestRepo.init(tmp);
    server = tmp.resolve("server.git");
    work.git("init", "-q", "--bare", "-b", "main", server.toString());
    work.git("--git-dir", server.toString(), "config", "aigate.policy", policyFile.toString());
    work.git("remote", "add", "origin", server.toString());
    work.git("config", "notes.rewriteRef", NOTES);
    work.write(".aigate.yml", "version: 1\n").write("src/A.java", numbered(20)).write("docs/x.md", "x\n");
    base = work.commitAll("base");
    work.git("push", "-q", "origin", "main");
  }

  /** The server's policy; {@code review} lines go under its review key. */
  private void policy(String... review) throws Exception {
    Files.writeString(policyFile, "version: 1\nreview:\n  reviewers: [\"*@example.com\"]\n  repo-id: acme/payments\n"
        + "  signatures: {allowed-signers: " + allowedSigners + "}\n"
        + String.join("", List.of(review).stream().map(l -> "  " + l + "\n").toList())
        + "rules:\n  - {id: core, paths: [\"src/**\"], action: require-review}\ndefault: allow\n"
        + "protected-refs: [refs/heads/main, refs/heads/release]\n");
  }

  private static String numbered(int lines) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= lines; i++) {
      b.append("line ").append(i).append('\n');
    }
    return b.toString();
  }

  private String aiCommit(String path, String content) {
    work.write(path, content);
    return work.commitAll("Change " + path + "\n\n" + CLAUDE);
  }

  private Run sign(Path key, String... extra) {
    List<String> args = new ArrayList<>(List.of("review", "sign", "--yes", "--key", key.toString(),
        "--policy", policyFile.toString()));
    args.addAll(List.of(extra));
    Run r = Runs.aigate(work, args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.output());
    return r;
  }

  private void stage(String rev) {
    work.git("push", "-q", "-f", "origin", rev + ":refs/staging/" + Integer.toHexString(rev.hashCode()));
  }

  /** The notes commit, its objects sent to the server. */
  private String stageNotes() {
    work.git("push", "-q", "-f", "origin", NOTES + ":refs/staging/notes");
    return work.git("rev-parse", NOTES).strip();
  }

  private String serverNotes() {
    TestRepo.Result r = work.run(Map.of(), "--git-dir", server.toString(), "rev-parse", "-q", "--verify", NOTES);
    return r.exitCode() == 0 ? r.stdout().strip() : ZERO;
  }

  private Run preReceive(String stdin) {
    Map<String, String> all = new HashMap<>(work.env());
    all.put("GIT_DIR", ".");
    return Runs.aigateWithInput(server, all, stdin, "hook", "pre-receive");
  }

  /** The gate's run for main moving from {@code from} to {@code tip}, with the notes ref as it is here (review records). */
  private Run pushToMain(String from, String tip) {
    return preReceive(line(from, tip, "refs/heads/main") + line(serverNotes(), stageNotes(), NOTES));
  }

  private static String line(String oldId, String newId, String ref) {
    return oldId + " " + newId + " " + ref + "\n";
  }

  @Test
  void anUnreviewedAiCommitIsRejectedNamingTheCommitAndTheSignCommand() {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    stage("main");
    Run r = preReceive(line(base, ai, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(ai.substring(0, 12) + " src/A.java [core]"), r.out());
    assertTrue(r.out().contains("fix: have a reviewer who is not the author run 'aigate review sign " + ai
        + " --target refs/heads/main' and 'aigate review push'"), r.out());
  }

  @Test
  void aSignedReviewPushedAtomicallyWithTheBranchCoversIt() {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    Run signed = sign(alice);
    assertTrue(signed.out().contains("+ai"), "the reviewer is shown the protected diff: " + signed.out());
    stage("main");
    Run r = pushToMain(base, ai);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains(NOTES + ": review records: a fast-forward that keeps every record"), r.out());
  }

  @Test
  void theNotesRefPushedAloneAndBeforeTheBranchCovers() {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    sign(carol); // RSA
    stage("main");
    Run notesAlone = preReceive(line(serverNotes(), stageNotes(), NOTES));
    assertEquals(0, notesAlone.exitCode(), notesAlone.output());
    work.git("push", "-q", "origin", NOTES); // what receive-pack does once the hook accepts
    Run branch = preReceive(line(base, ai, "refs/heads/main"));
    assertEquals(0, branch.exitCode(), branch.output());
  }

  @Test
  void anEcdsaKeyOfAnAllowedReviewerCovers() {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    sign(alice2);
    stage("main");
    Run r = pushToMain(base, ai);
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void underTheUserVerificationDemandTheGateCountsOnlyAFidoSignatureWithUserVerification() throws Exception {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    sign(alice);
    byte[] stmt = ReviewRecord.parseLine(work.git("notes", "--ref", NOTES, "show", ai).strip()).statement();
    FidoSigner fido = new FidoSigner(FidoSigner.Type.ED25519, "ssh:");
    Files.writeString(allowedSigners, "fido@example.com " + fido.publicKey() + "\n", StandardOpenOption.APPEND);
    Files.writeString(policyFile, Files.readString(policyFile).replace("allowed-signers: " + allowedSigners + "}",
        "allowed-signers: " + allowedSigners + ", require-user-verification: true}"));
    stage("main");

    Run plain = pushToMain(base, ai);
    assertEquals(1, plain.exitCode(), plain.output());
    assertTrue(plain.output().contains("without FIDO user verification"), plain.output());

    String touched = new ReviewRecord(stmt, fido.sign("aigate-review-v1", stmt, FidoSigner.USER_PRESENT, 1)).toLine();
    work.git("notes", "--ref", NOTES, "add", "-f", "-m", touched, ai);
    Run touchOnly = pushToMain(base, ai);
    assertEquals(1, touchOnly.exitCode(), touchOnly.output());
    assertTrue(touchOnly.output().contains("without FIDO user verification"), touchOnly.output());

    String verified = new ReviewRecord(stmt, fido.sign("aigate-review-v1", stmt,
        FidoSigner.USER_PRESENT | FidoSigner.USER_VERIFIED, 2)).toLine();
    work.git("notes", "--ref", NOTES, "add", "-f", "-m", verified, ai);
    Run r = pushToMain(base, ai);
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void theAuthorSigningTheirOwnChangeDoesNotCount() {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    sign(jane);
    stage("main");
    Run r = pushToMain(base, ai);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("found 0"), r.out());
    Run json = Runs.aigateWithInput(server, Map.of("GIT_DIR", ".", "PATH", System.getenv("PATH")),
        line(base, ai, "refs/heads/main") + line(serverNotes(), stageNotes(), NOTES), "hook", "pre-receive", "--format",
        "json");
    assertTrue(json.out().contains("signed by jane@example.com, the commit's author"), json.out());
  }

  @Test
  void twoKeysOfOnePrincipalCountOnce() throws Exception {
    policy("evidence: signed", "required: 2");
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    sign(alice);
    sign(alice2);
    stage("main");
    Run once = pushToMain(base, ai);
    assertEquals(1, once.exitCode(), once.output());
    assertTrue(once.out().contains("needs 2 human reviews, found 1"), once.out());
    sign(carol);
    Run twice = pushToMain(base, ai);
    assertEquals(0, twice.exitCode(), twice.output());
  }

  @Test
  void aForgedReviewedByTrailerDoesNotCountUnderSignedEvidence() {
    work.write("src/A.java", numbered(20) + "ai\n");
    String ai = work.commitAll("Change\n\n" + CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>");
    stage("main");
    Run r = preReceive(line(base, ai, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("found 0 (Reviewed-by trailers are not evidence under review.evidence: signed)"), r.out());
  }

  @Test
  void underEitherATrailerOnlyReviewCountsAndWarns() throws Exception {
    policy("evidence: either");
    work.write("src/A.java", numbered(20) + "ai\n");
    String ai = work.commitAll("Change\n\n" + CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>");
    stage("main");
    Run r = preReceive(line(base, ai, "refs/heads/main"));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("reviewed by trailer only"), r.out());
    assertTrue(r.out().contains("aigate review sign " + ai + " --target refs/heads/main"), r.out());
  }

  @Test
  void aReviewForAnotherTargetRefIsNotReplayedOntoThisOne() {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    sign(alice, "--target", "refs/heads/release", "--base", base);
    stage("main");
    Run r = pushToMain(base, ai);
    assertEquals(1, r.exitCode(), r.output());
    Run release = preReceive(line(ZERO, ai, "refs/heads/release") + line(serverNotes(), stageNotes(), NOTES));
    assertEquals(0, release.exitCode(), release.output());
  }

  @Test
  void aReviewOfAnotherRepositoryIsRefused() throws Exception {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    sign(alice);
    Files.writeString(policyFile, Files.readString(policyFile).replace("repo-id: acme/payments", "repo-id: acme/other"));
    stage("main");
    Run r = pushToMain(base, ai);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("review is for repository 'acme/payments', not 'acme/other'"), r.output());
  }

  @Test
  void notesUpdatesOnlyGrow() {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    sign(alice);
    String first = stageNotes();
    work.git("push", "-q", "origin", NOTES);
    // Deleting the notes ref.
    Run delete = preReceive(line(first, ZERO, NOTES));
    assertEquals(1, delete.exitCode(), delete.output());
    assertTrue(delete.output().contains("deleting the review notes ref would take review records away"), delete.output());
    // A rewritten notes history (not a fast-forward), even with the same records.
    String tree = work.git("rev-parse", NOTES + "^{tree}").strip();
    String orphan = work.git("commit-tree", tree, "-m", "rewritten").strip();
    work.git("push", "-q", "-f", "origin", orphan + ":refs/staging/orphan");
    Run rewritten = preReceive(line(first, orphan, NOTES));
    assertEquals(1, rewritten.exitCode(), rewritten.output());
    assertTrue(rewritten.output().contains("not a fast-forward"), rewritten.output());
    // A record removed.
    work.git("notes", "--ref", NOTES, "remove", ai);
    Run removed = preReceive(line(first, stageNotes(), NOTES));
    assertEquals(1, removed.exitCode(), removed.output());
    assertTrue(removed.output().contains("loses or changes a record"), removed.output());
  }

  @Test
  void aRecordThatDoesNotVerifyIsRefused() {
    String ai = aiCommit("src/A.java", numbered(20) + "ai\n");
    sign(alice);
    String good = work.git("notes", "--ref", NOTES, "show", ai).strip();
    String forged = good.replace("\"stmt\":\"", "\"stmt\":\"A");
    work.git("notes", "--ref", NOTES, "add", "-f", "-m", good + "\n" + forged, ai);
    Run r = preReceive(line(ZERO, stageNotes(), NOTES));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("a new review record on " + ai.substring(0, 12) + " does not verify"), r.output());
    work.git("notes", "--ref", NOTES, "add", "-f", "-m", good + "\n{\"v\":1,\"stmt\":\"" + "A".repeat(9000) + "\",\"sig\":\"AA\"}", ai);
    Run huge = preReceive(line(ZERO, stageNotes(), NOTES));
    assertEquals(1, huge.exitCode(), huge.output());
    assertTrue(huge.output().contains("over the limit"), huge.output());
  }

  @Test
  void aRebaseOutsideTheDiffContextKeepsThePatchReview() throws Exception {
    work.git("checkout", "-q", "-b", "feature");
    String ai = aiCommit("src/A.java", numbered(20).replace("line 18\n", "line 18 by ai\n"));
    sign(alice, "--target", "refs/heads/main");
    work.git("checkout", "-q", "main");
    work.write("src/A.java", numbered(20).replace("line 2\n", "line 2 upstream\n"));
    String upstream = work.commitAll("upstream, far from the change\n\nReviewed-by: Bob Lee <bob@example.com>");
    work.git("checkout", "-q", "feature");
    work.git("rebase", "-q", "main");
    String rebased = work.git("rev-parse", "HEAD").strip();
    assertFalse(rebased.equals(ai));
    assertTrue(work.git("notes", "--ref", NOTES, "show", rebased).contains("\"sig\""), "notes.rewriteRef copied the record");
    // The upstream commit is human and touches src/: under signed evidence it needs its own review.
    policy("evidence: either", "binding: patch");
    stage("feature");
    Run r = pushToMain(base, rebased);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(upstream.length() == 40);

    policy("evidence: either", "binding: commit");
    Run commitBinding = pushToMain(base, rebased);
    assertEquals(1, commitBinding.exitCode(), commitBinding.output());
  }

  @Test
  void aRebaseInsideTheDiffContextNeedsANewReview() throws Exception {
    work.git("checkout", "-q", "-b", "feature");
    aiCommit("src/A.java", numbered(20).replace("line 10\n", "line 10 by ai\n"));
    sign(alice, "--target", "refs/heads/main");
    work.git("checkout", "-q", "main");
    work.write("src/A.java", numbered(20).replace("line 12\n", "line 12 upstream\n"));
    work.commitAll("upstream, inside the context\n\nReviewed-by: Bob Lee <bob@example.com>");
    work.git("checkout", "-q", "feature");
    work.git("rebase", "-q", "main");
    String rebased = work.git("rev-parse", "HEAD").strip();
    policy("evidence: either");
    stage("feature");
    Run r = pushToMain(base, rebased);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(rebased.substring(0, 12) + " src/A.java [core]"), r.out());
  }

  @Test
  void aSquashOfTheReviewedRangeKeepsThePatchReview() {
    aiCommit("src/A.java", numbered(20).replace("line 5\n", "line 5 ai\n"));
    String head = aiCommit("src/B.java", "class B {}\n");
    sign(alice);
    work.git("reset", "-q", "--soft", base);
    String squashed = work.commitAll("Squashed\n\n" + CLAUDE);
    work.git("notes", "--ref", NOTES, "copy", head, squashed);
    stage("main");
    Run r = pushToMain(base, squashed);
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void aWhitespaceOnlyChangeAfterTheReviewInvalidatesIt() {
    String ai = aiCommit("src/A.java", numbered(20) + "if x:\n    return 2\n");
    sign(alice);
    work.write("src/A.java", numbered(20) + "if x:\n\treturn 2\n");
    work.git("add", "-A");
    work.git("commit", "-q", "--amend", "--no-edit", "--no-verify");
    String amended = work.git("rev-parse", "HEAD").strip();
    assertTrue(work.git("notes", "--ref", NOTES, "show", amended).contains("\"sig\""), "the record travelled with the amend");
    stage("main");
    Run r = pushToMain(base, amended);
    assertEquals(1, r.exitCode(), r.output());
    assertFalse(ai.equals(amended));
  }

  @Test
  void aRecordOfAnEmptyProtectedPatchCoversNoOtherCommitByPatch() throws Exception {
    // A docs-only change signed by hand: 'aigate review sign' refuses an empty protected patch.
    work.git("checkout", "-q", "-b", "docs");
    work.write("docs/x.md", "docs only\n");
    String docs = work.commitAll("Docs only");
    try (GitRepo repo = GitRepo.open(work.dir(), work.env())) {
      ReviewSigning.Prepared p = ReviewSigning.prepare(repo, PolicyLoader.load(policyFile), docs, Optional.of(base),
          Optional.of("refs/heads/main"), "alice@example.com", Instant.now());
      assertTrue(p.files().isEmpty(), p.files().toString());
      String armored = ReviewSigning.sign(p.statement().render(), alice, p.namespace(), work.env());
      ReviewSigning.append(new GitProcess(work.dir(), work.env()), p.notesRef(), docs,
          new ReviewRecord(p.statement().render(), armored));
    }
    work.git("checkout", "-q", "main");
    // src/Impl.java shows vendor/impl.java: an AI edit there has an empty patch under src/ too.
    work.write("vendor/impl.java", "class Impl {}\n");
    work.git("add", "-A");
    String link = work.execWithInput(List.of("git", "hash-object", "-w", "--stdin"), "../vendor/impl.java").strip();
    work.git("update-index", "--add", "--cacheinfo", "120000," + link + ",src/Impl.java");
    work.git("commit", "-q", "-m", "Vendor Impl");
    work.git("reset", "-q", "--hard");
    String vendored = work.git("rev-parse", "HEAD").strip();
    work.git("push", "-q", "origin", "main");
    String ai = aiCommit("vendor/impl.java", "class Impl { int ai; }\n");
    policy("evidence: signed", "required: 1", "binding: patch");
    stage("main");
    Run r = pushToMain(vendored, ai);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(ai.substring(0, 12) + " src/Impl.java [core]"), r.out());
  }

  /** Commits src/Impl.java as a symlink to vendor/impl.java (outside the review scope src/**) and pushes it. */
  private String vendoredThroughALink() {
    work.write("vendor/impl.java", "class Impl {}\n");
    work.git("add", "-A");
    String link = work.execWithInput(List.of("git", "hash-object", "-w", "--stdin"), "../vendor/impl.java").strip();
    work.git("update-index", "--add", "--cacheinfo", "120000," + link + ",src/Impl.java");
    work.git("commit", "-q", "-m", "Vendor Impl");
    work.git("reset", "-q", "--hard");
    work.git("push", "-q", "origin", "main");
    return work.git("rev-parse", "HEAD").strip();
  }

  /** Amends HEAD with the work tree as it is; notes.rewriteRef carries the review record along. */
  private String amend() {
    work.git("add", "-A");
    work.git("commit", "-q", "--amend", "--no-edit", "--no-verify");
    return work.git("rev-parse", "HEAD").strip();
  }

  @Test
  void aSignedReviewDoesNotCoverAiContentItsScopeShowsOnlyThroughASymlink() {
    String vendored = vendoredThroughALink();
    aiCommit("src/A.java", numbered(20).replace("line 5\n", "line 5 ai\n"));
    sign(alice);
    // The digest of src/** does not change: the new content is at vendor/impl.java.
    work.write("vendor/impl.java", "class Impl { int exfiltrate; }\n");
    String amended = amend();
    stage("main");
    Run r = pushToMain(vendored, amended);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(amended.substring(0, 12) + " src/Impl.java [core]"), r.out());
    assertFalse(r.out().contains(amended.substring(0, 12) + " src/A.java [core]"), "A.java was reviewed: " + r.out());
  }

  @Test
  void aSignedReviewDoesNotCoverAiContentItsScopeShowsOnlyAsAnotherSpelling() {
    aiCommit("src/A.java", numbered(20).replace("line 5\n", "line 5 ai\n"));
    sign(alice);
    // SRC/Evil.java is outside src/** as a tree path, and src/Evil.java in a case-insensitive checkout.
    work.write("SRC/Evil.java", "class Evil {}\n");
    String amended = amend();
    stage("main");
    Run r = pushToMain(base, amended);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(amended.substring(0, 12) + " src/Evil.java [core]"), r.out());
  }

  @Test
  void aSignedReviewWhoseScopeHoldsTheLinkedFileCoversTheLink() throws Exception {
    policy("evidence: signed", "required: 1", "binding: patch");
    Files.writeString(policyFile, Files.readString(policyFile).replace("paths: [\"src/**\"]", "paths: [\"src/**\", \"vendor/**\"]"));
    String vendored = vendoredThroughALink();
    aiCommit("vendor/impl.java", "class Impl { int reviewed; }\n");
    sign(alice);
    stage("main");
    Run r = pushToMain(vendored, work.git("rev-parse", "HEAD").strip());
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void aRangeReviewDoesNotCoverAnAiCommitWhoseChangeIsUndoneLaterInThePush() {
    work.git("checkout", "-q", "-b", "feature");
    String reviewed = aiCommit("src/A.java", numbered(20).replace("line 5\n", "line 5 tuned\n"));
    sign(alice);
    work.git("checkout", "-q", "-b", "evil", "main");
    String backdoor = aiCommit("src/Backdoor.java", "class Backdoor {}\n");
    work.git("rm", "-q", "src/Backdoor.java");
    work.write("src/A.java", numbered(20).replace("line 5\n", "line 5 tuned\n"));
    String tip = work.commitAll("Tune A\n\n" + CLAUDE);
    work.git("notes", "--ref", NOTES, "copy", reviewed, tip);
    stage("evil");
    Run r = pushToMain(base, tip);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(backdoor.substring(0, 12) + " src/Backdoor.java [core]"), r.out());
    assertFalse(r.out().contains(tip.substring(0, 12) + " src/A.java [core]"), "the tip's own change was reviewed: " + r.out());
  }

  @Test
  void aRangeReviewDoesNotCoverLinesAddedAndRemovedAgainWithinThePush() {
    work.git("checkout", "-q", "-b", "feature");
    String reviewed = aiCommit("src/A.java", numbered(20).replace("line 5\n", "line 5 tuned\n"));
    sign(alice);
    work.git("checkout", "-q", "-b", "evil", "main");
    String inserted = aiCommit("src/A.java", numbered(20).replace("line 9\n", "line 9\nsend(secrets);\n"));
    String tip = aiCommit("src/A.java", numbered(20).replace("line 5\n", "line 5 tuned\n"));
    work.git("notes", "--ref", NOTES, "copy", reviewed, tip);
    stage("evil");
    Run r = pushToMain(base, tip);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(inserted.substring(0, 12) + " src/A.java [core]"), r.out());
  }

  @Test
  void aRangeReviewCoversEveryCommitOfTheReviewedBranchPushedRebased() {
    work.git("checkout", "-q", "-b", "feature");
    aiCommit("src/A.java", numbered(20).replace("line 5\n", "line 5 ai\n"));
    String head = aiCommit("src/A.java", numbered(20).replace("line 5\n", "line 5 ai\n").replace("line 7\n", "line 7 ai\n"));
    sign(alice);
    // The same two changes, committed again on top of main (new ids, as a rebase makes them).
    work.git("checkout", "-q", "-b", "again", "main");
    work.write("src/A.java", numbered(20).replace("line 5\n", "line 5 ai\n"));
    work.commitAll("Tune line 5, again\n\n" + CLAUDE);
    work.write("src/A.java", numbered(20).replace("line 5\n", "line 5 ai\n").replace("line 7\n", "line 7 ai\n"));
    String tip = work.commitAll("Tune line 7, again\n\n" + CLAUDE);
    work.git("notes", "--ref", NOTES, "copy", head, tip);
    stage("again");
    Run r = pushToMain(base, tip);
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void aReviewOfAChangeSeenThroughASymlinkNamesItsTreePathAndCoversIt() {
    String vendored = vendoredThroughALink();
    String ai = aiCommit("vendor/impl.java", "class Impl { int reviewed; }\n");
    Run signed = sign(alice);
    assertTrue(signed.out().contains("vendor/impl.java"), "the reviewer is shown the content behind src/Impl.java: " + signed.out());
    stage("main");
    Run r = pushToMain(vendored, ai);
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void aRangeReviewDoesNotCoverAnAiCommitThatRemovesLinesALaterCommitPutsBack() {
    work.git("checkout", "-q", "-b", "feature");
    String reviewed = aiCommit("src/A.java", numbered(20) + "harmless\n");
    sign(alice);
    work.git("checkout", "-q", "-b", "evil", "main");
    String dropped = aiCommit("src/A.java", numbered(20).replace("line 9\n", ""));
    String tip = aiCommit("src/A.java", numbered(20) + "harmless\n");
    work.git("notes", "--ref", NOTES, "copy", reviewed, tip);
    stage("evil");
    Run r = pushToMain(base, tip);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(dropped.substring(0, 12) + " src/A.java [core]"), r.out());
  }

  @Test
  void aReviewSignedOnTheHeadDoesNotCoverAnEarlierAiCommitWhoseChangeTheHeadUndid() {
    String evil = aiCommit("src/A.java", numbered(20).replace("line 9\n", "evil();\n"));
    work.write("src/A.java", numbered(20) + "harmless\n");
    String head = work.commitAll("Human fix");
    sign(alice);
    stage("main");
    Run r = pushToMain(base, head);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(evil.substring(0, 12) + " src/A.java [core]"), r.out());
    Run explain = Runs.aigate(work, "explain", evil, "--policy", policyFile.toString());
    assertTrue(explain.out().contains("a later commit changed or undid what this commit did there"), "explain says why: " + explain.output());
  }

  @Test
  void aReviewSignedOnTheHeadCoversAnAiCommitThatAddedAFileALaterCommitExtended() {
    String added = aiCommit("src/New.java", "class New {\n  int a;\n}\n");
    String head = aiCommit("src/New.java", "class New {\n  int a;\n  int b;\n}\n");
    sign(alice);
    stage("main");
    Run r = pushToMain(base, head);
    assertEquals(0, r.exitCode(), r.output());
    assertFalse(r.out().contains(added.substring(0, 12)), r.out());
  }

  @Test
  void aReviewSignedOnTheHeadDoesNotCoverACopyOfAnExistingLineThatTheHeadRemoved() {
    String evil = aiCommit("src/A.java", numbered(20).replace("line 9\n", "line 9\nline 3\n"));
    work.write("src/A.java", numbered(20) + "harmless\n");
    String head = work.commitAll("Human fix");
    sign(alice);
    stage("main");
    Run r = pushToMain(base, head);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(evil.substring(0, 12) + " src/A.java [core]"), r.out());
  }

  @Test
  void aReviewOfManyFilesSeenThroughADirectoryLinkNamesTheirDirectoryAndFitsItsRecord() {
    work.write("vendorlib/keep", "x\n");
    work.git("add", "-A");
    String link = work.execWithInput(List.of("git", "hash-object", "-w", "--stdin"), "../vendorlib").strip();
    work.git("update-index", "--add", "--cacheinfo", "120000," + link + ",src/lib");
    work.git("commit", "-q", "-m", "Vendor a library behind src/lib");
    work.git("reset", "-q", "--hard");
    work.git("push", "-q", "origin", "main");
    String vendored = work.git("rev-parse", "HEAD").strip();
    for (int i = 0; i < 300; i++) {
      work.write("vendorlib/F" + i + ".java", "class F" + i + " {}\n");
    }
    String ai = work.commitAll("Update the library\n\n" + CLAUDE);
    sign(alice);
    stage("main");
    Run r = pushToMain(vendored, ai);
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void aRecordWhoseBaseIsNotAnAncestorOfItsHeadCoversNoCommitByIdentity() throws Exception {
    policy("evidence: signed", "required: 1", "binding: commit");
    work.git("checkout", "-q", "-b", "decoy");
    work.write("src/A.java", numbered(20) + "evil();\n");
    String decoy = work.commitAll("Decoy with the same content");
    work.git("checkout", "-q", "main");
    String evil = aiCommit("src/A.java", numbered(20) + "evil();\n");
    String head = aiCommit("src/B.java", "class B {}\n");
    Run refused = Runs.aigate(work, "review", "sign", "--yes", "--key", alice.toString(), "--policy", policyFile.toString(),
        "--base", decoy);
    assertEquals(2, refused.exitCode(), refused.output());
    assertTrue(refused.output().contains("is not a commit"), refused.output());
    // A record made by hand with that base counts for no commit by identity.
    try (GitRepo repo = GitRepo.open(work.dir(), work.env())) {
      ReviewStatement s = new ReviewStatement("acme/payments", "refs/heads/main", decoy, head,
          work.git("rev-parse", head + "^{tree}").strip(), "sha256:" + "0".repeat(64), List.of("src/**", ".aigate.yml"),
          ReviewStatement.Verdict.APPROVE, "alice@example.com", Instant.now().truncatedTo(ChronoUnit.SECONDS));
      String armored = ReviewSigning.sign(s.render(), alice, ReviewSigning.namespace(PolicyLoader.load(policyFile).review()), work.env());
      ReviewSigning.append(new GitProcess(work.dir(), work.env()), NOTES, head, new ReviewRecord(s.render(), armored));
    }
    stage("decoy"); // the base is on the server: only its ancestry keeps the record from counting
    stage("main");
    Run r = pushToMain(base, head);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(evil.substring(0, 12) + " src/A.java [core]"), r.out());
    assertTrue(r.output().contains("covers no commit by identity"), "the record verified, and its base is why: " + r.output());
  }

  @Test
  void aReviewSignedOnTheHeadDoesNotCoverAModeOrALineALaterCommitTookBackAlmostAsItWas() throws Exception {
    policy("evidence: signed", "required: 1", "binding: commit");
    String dropped = aiCommit("src/A.java", numbered(20).replace("line 9\n", ""));
    work.write("src/A.java", numbered(20).replace("line 9\n", "line 9\r\n"));
    work.commitAll("Put it back");
    String head = aiCommit("src/B.java", "class B {}\n");
    sign(alice);
    stage("main");
    Run r = pushToMain(base, head);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(dropped.substring(0, 12) + " src/A.java [core]"), r.out());
  }

  @Test
  void aReviewSignedOnTheHeadDoesNotCoverAModeALaterCommitTookBack() throws Exception {
    policy("evidence: signed", "required: 1", "binding: commit");
    work.git("update-index", "--chmod=+x", "src/A.java");
    work.git("commit", "-q", "-m", "Make A executable\n\n" + CLAUDE);
    String chmod = work.git("rev-parse", "HEAD").strip();
    work.git("update-index", "--chmod=-x", "src/A.java");
    work.write("src/A.java", numbered(20) + "human\n");
    work.git("add", "src/A.java");
    work.git("commit", "-q", "-m", "Take it back");
    String head = aiCommit("src/B.java", "class B {}\n");
    sign(alice);
    stage("main");
    Run r = pushToMain(base, head);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(chmod.substring(0, 12) + " src/A.java [core]"), r.out());
  }
}
