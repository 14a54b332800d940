package dev.aigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.review.ReviewRecord;
import dev.aigate.testing.FidoSigner;
import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.SshKeygen;
import dev.aigate.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aigate review sign|verify|show|push} in-process, with real ssh-keygen and git. */
class ReviewCliTest {
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String NOTES = "refs/notes/aigate/reviews";

  @TempDir Path tmp;
  TestRepo work;
  Path remote;
  Path alice;
  Path mallory;
  Path allowed;
  String base;

  @BeforeEach
  void setUp() throws Exception {
    SshKeygen kg = new SshKeygen(Files.createDirectories(tmp.resolve("keys")));
    alice = kg.key("alice", "-t", "ed25519");
    mallory = kg.key("mallory", "-t", "ed25519");
    allowed = tmp.resolve("allowed_signers");
    Files.writeString(allowed, "alice@example.com " + kg.publicKey(alice) + "\n");
    work = TestRepo.init(tmp);
    remote = tmp.resolve("remote.git");
    work.git("init", "-q", "--bare", "-b", "main", remote.toString());
    work.git("remote", "add", "origin", remote.toString());
    work.write(".aigate.yml", "version: 1\nreview:\n  evidence: signed\n  repo-id: acme/payments\n"
        + "  signatures: {allowed-signers: " + allowed + "}\n"
        + "rules:\n  - {id: core, paths: [\"src/**\"], action: require-review}\ndefault: allow\n");
    work.write("src/A.java", "class A {}\n");
    base = work.commitAll("base");
    work.git("push", "-q", "origin", "main");
    work.git("fetch", "-q", "origin");
    work.git("remote", "set-head", "origin", "main");
  }

  private Run aigate(String stdin, String... args) {
    Map<String, String> env = new HashMap<>(work.env());
    return Runs.aigateWithInput(work.dir(), env, stdin, args);
  }

  private String aiCommit() {
    work.git("checkout", "-q", "-B", "feature");
    work.write("src/A.java", "class A { int ai; }\n").write("docs/readme.md", "not protected\n");
    return work.commitAll("Tune A\n\n" + CLAUDE);
  }

  @Test
  void signShowsTheProtectedDiffAsksAndAddsTheNote() {
    String ai = aiCommit();
    Run no = aigate("n\n", "review", "sign", "--key", alice.toString());
    assertEquals(1, no.exitCode(), no.output());
    assertTrue(no.out().contains("+class A { int ai; }"), no.out());
    assertFalse(no.out().contains("not protected"), "only protected paths are shown: " + no.out());
    assertTrue(no.out().contains("target: refs/heads/main\nbase: " + base + "\nhead: " + ai + "\n"), no.out());
    assertTrue(no.err().contains("not signed"), no.err());
    assertEquals(1, work.run(Map.of(), "notes", "--ref", NOTES, "show", ai).exitCode(), "nothing written");

    Run yes = aigate("y\n", "review", "sign", "--key", alice.toString());
    assertEquals(0, yes.exitCode(), yes.output());
    String note = work.git("notes", "--ref", NOTES, "show", ai);
    assertTrue(note.startsWith("{\"v\":1,\"stmt\":\""), note);
  }

  @Test
  void theDiffShownToTheReviewerCannotHideLinesWithTerminalEscapesOrItsOwnDiffDriver() {
    work.git("checkout", "-q", "-B", "feature");
    // "ESC[1A ESC[2K" moves up and erases the line before it: on a terminal the reviewer saw
    // only the harmless second line. A textconv driver in the reviewer's config, named by the
    // author's .gitattributes, showed what it liked.
    work.git("config", "diff.pretty.textconv", "sed s/exfiltrate/tidy/");
    work.write(".gitattributes", "src/*.java diff=pretty\n");
    work.write("src/A.java", "class A { void exfiltrate() {} }\n// fine\u001b[1A\u001b[2K\n");
    work.commitAll("Tune A\n\n" + CLAUDE);
    Run no = aigate("n\n", "review", "sign", "--key", alice.toString());
    assertEquals(1, no.exitCode(), no.output());
    assertFalse(no.out().contains("\u001b"), no.out());
    assertTrue(no.out().contains("+// fine\\u001b[1A\\u001b[2K"), no.out());
    assertTrue(no.out().contains("exfiltrate"), no.out());
  }

  @Test
  void verifyExitsZeroOnlyWhenEveryAiCommitIsCoveredAndShowSaysWhy() {
    String ai = aiCommit();
    Run before = aigate("", "review", "verify");
    assertEquals(1, before.exitCode(), before.output());
    assertTrue(before.out().contains("not covered"), before.out());

    assertEquals(0, aigate("", "review", "sign", "--yes", "--key", mallory.toString()).exitCode());
    Run byStranger = aigate("", "review", "verify");
    assertEquals(1, byStranger.exitCode(), byStranger.output());
    Run showStranger = aigate("", "review", "show", ai);
    assertTrue(showStranger.out().contains("does not count: signing key is not in allowed_signers"), showStranger.out());

    assertEquals(0, aigate("", "review", "sign", "--yes", "--key", alice.toString()).exitCode());
    Run after = aigate("", "review", "verify", base + ".." + ai);
    assertEquals(0, after.exitCode(), after.output());
    Run show = aigate("", "review", "show");
    assertTrue(show.out().contains("2 review record(s)"), show.out());
    assertTrue(show.out().contains("verified: signed by alice@example.com"), show.out());
    assertTrue(show.out().contains("(this commit is its head)"), show.out());

    // Another allowed_signers file, as a reviewer checks against the server's copy.
    Run other = aigate("", "review", "verify", "--allowed-signers", tmp.resolve("keys/mallory.pub").toString());
    assertEquals(2, other.exitCode(), "a public key file is not an allowed_signers file: " + other.output());
  }

  @Test
  void aPolicyDemandingFidoUserVerificationRefusesAnOrdinaryKeysReview() throws Exception {
    String ai = aiCommit();
    assertEquals(0, aigate("", "review", "sign", "--yes", "--key", alice.toString()).exitCode());
    assertEquals(0, aigate("", "review", "verify").exitCode());
    Path strict = tmp.resolve("strict.yml");
    Files.writeString(strict, "version: 1\nreview:\n  evidence: signed\n  repo-id: acme/payments\n"
        + "  signatures: {allowed-signers: " + allowed + ", require-user-verification: true}\n"
        + "rules:\n  - {id: core, paths: [\"src/**\"], action: require-review}\ndefault: allow\n");
    Run verify = aigate("", "review", "verify", "--policy", strict.toString());
    assertEquals(1, verify.exitCode(), verify.output());
    Run show = aigate("", "review", "show", ai, "--policy", strict.toString());
    assertTrue(show.out().contains("does not count: signature without FIDO user verification"), show.out());
  }

  @Test
  void underTheUserVerificationDemandOnlyAFidoSignatureWithUserVerificationCounts() throws Exception {
    String ai = aiCommit();
    // The statement sign would make, re-signed by a played authenticator (no token exists here).
    assertEquals(0, aigate("", "review", "sign", "--yes", "--key", mallory.toString()).exitCode());
    byte[] stmt = ReviewRecord.parseLine(work.git("notes", "--ref", NOTES, "show", ai).strip()).statement();
    FidoSigner fido = new FidoSigner(FidoSigner.Type.ECDSA_P256, "ssh:");
    Path fidoSigners = tmp.resolve("fido_signers");
    Files.writeString(fidoSigners, "bob@example.com " + fido.publicKey() + "\n");
    Path strict = tmp.resolve("strict.yml");
    Files.writeString(strict, "version: 1\nreview:\n  evidence: signed\n  repo-id: acme/payments\n"
        + "  signatures: {allowed-signers: " + fidoSigners + ", require-user-verification: true}\n"
        + "rules:\n  - {id: core, paths: [\"src/**\"], action: require-review}\ndefault: allow\n");
    Path lenient = tmp.resolve("lenient.yml");
    Files.writeString(lenient, Files.readString(strict).replace("require-user-verification: true",
        "require-user-verification: false"));

    note(ai, new ReviewRecord(stmt, fido.sign("aigate-review-v1", stmt, FidoSigner.USER_PRESENT, 1)));
    assertEquals(0, aigate("", "review", "verify", "--policy", lenient.toString()).exitCode(), "a touch is enough by default");
    Run touched = aigate("", "review", "verify", "--policy", strict.toString());
    assertEquals(1, touched.exitCode(), touched.output());
    Run show = aigate("", "review", "show", ai, "--policy", strict.toString());
    assertTrue(show.out().contains("does not count: signature without FIDO user verification (PIN or biometrics),"
        + " which review.signatures.require-user-verification demands: sk-ecdsa-sha2-nistp256@openssh.com"), show.out());

    note(ai, new ReviewRecord(stmt, fido.sign("aigate-review-v1", stmt,
        FidoSigner.USER_PRESENT | FidoSigner.USER_VERIFIED, 2)));
    Run verified = aigate("", "review", "verify", "--policy", strict.toString());
    assertEquals(0, verified.exitCode(), verified.output());

    // User verification never stands in for the touch.
    note(ai, new ReviewRecord(stmt, fido.sign("aigate-review-v1", stmt, FidoSigner.USER_VERIFIED, 3)));
    Run untouched = aigate("", "review", "verify", "--policy", strict.toString());
    assertEquals(1, untouched.exitCode(), untouched.output());
    assertTrue(aigate("", "review", "show", ai, "--policy", strict.toString()).out()
        .contains("does not count: security key signature without user presence"));
  }

  /** Replaces the note on {@code commit} with this one record. */
  private void note(String commit, ReviewRecord record) {
    work.run(Map.of(), "notes", "--ref", NOTES, "remove", "--ignore-missing", commit);
    Path f = tmp.resolve("record.txt");
    try {
      Files.writeString(f, record.toLine() + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    work.git("notes", "--ref", NOTES, "add", "-f", "-F", f.toString(), commit);
  }

  @Test
  void explainAndAuditShowTheSignedReview() {
    String ai = aiCommit();
    assertEquals(0, aigate("", "review", "sign", "--yes", "--key", alice.toString()).exitCode());
    Run explain = aigate("", "explain", ai, "--format", "json");
    assertEquals(0, explain.exitCode(), explain.output());
    assertTrue(explain.out().contains("signed review of this commit"), explain.out());
    Run audit = aigate("", "audit", "main.." + ai);
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void pushMergesOtherReviewersRecordsAndSendsTheNotesRef() throws Exception {
    String ai = aiCommit();
    work.git("push", "-q", "origin", "feature");
    // Another reviewer's clone signs first and pushes.
    TestRepo other = TestRepo.init(tmp.resolve("other"), work.home());
    other.git("remote", "add", "origin", remote.toString());
    other.git("fetch", "-q", "origin");
    other.git("checkout", "-q", "feature");
    other.git("remote", "set-head", "origin", "main");
    Run otherSign = Runs.aigate(other, "review", "sign", "--yes", "--key", mallory.toString());
    assertEquals(0, otherSign.exitCode(), otherSign.output());
    assertEquals(0, Runs.aigate(other, "review", "push").exitCode());

    assertEquals(0, aigate("", "review", "sign", "--yes", "--key", alice.toString()).exitCode());
    Run push = aigate("", "review", "push");
    assertEquals(0, push.exitCode(), push.output());
    String onServer = work.git("--git-dir", remote.toString(), "notes", "--ref", NOTES, "show", ai);
    assertEquals(2, onServer.strip().split("\n").length, "both records, merged: " + onServer);
  }

  /** A clone of the remote on {@code feature}, as another reviewer has it. */
  private TestRepo otherReviewer() {
    TestRepo other = TestRepo.init(tmp.resolve("other"), work.home());
    other.git("remote", "add", "origin", remote.toString());
    other.git("fetch", "-q", "origin");
    other.git("checkout", "-q", "feature");
    other.git("remote", "set-head", "origin", "main");
    return other;
  }

  /**
   * A pre-push hook in the clone that runs {@code script} in the other reviewer's clone: git runs
   * it after it has read the remote's refs and before it sends the update, which is exactly the
   * window in which another reviewer's push makes ours lose the race.
   */
  private void betweenFetchAndPush(TestRepo other, String script) throws IOException {
    Path hooks = work.dir().resolve(work.git("rev-parse", "--git-path", "hooks").strip());
    Files.createDirectories(hooks);
    Path hook = hooks.resolve("pre-push");
    Files.writeString(hook, "#!/bin/sh\ncd '" + other.dir() + "' || exit 1\n"
        + "unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\n" + script + "\nexit 0\n");
    assertTrue(hook.toFile().setExecutable(true));
  }

  @Test
  void pushThatLosesARaceFetchesMergesAndPushesAgain() throws Exception {
    String ai = aiCommit();
    work.git("push", "-q", "origin", "feature");
    TestRepo other = otherReviewer();
    assertEquals(0, Runs.aigate(other, "review", "sign", "--yes", "--key", mallory.toString()).exitCode());
    betweenFetchAndPush(other, "[ -e raced ] && exit 0\ntouch raced\ngit push -q origin " + NOTES + " >&2 || exit 1");

    assertEquals(0, aigate("", "review", "sign", "--yes", "--key", alice.toString()).exitCode());
    Run push = aigate("", "review", "push");
    assertEquals(0, push.exitCode(), push.output());
    assertTrue(Files.exists(other.dir().resolve("raced")), "the other reviewer pushed in between");
    assertTrue(push.err().contains("got other reviews meanwhile; merging them and pushing again"), push.err());
    assertTrue(push.out().contains("(after 2 attempts)"), push.out());
    String onServer = work.git("--git-dir", remote.toString(), "notes", "--ref", NOTES, "show", ai);
    assertEquals(2, onServer.strip().split("\n").length, "both records on the remote: " + onServer);
    assertEquals(onServer, work.git("notes", "--ref", NOTES, "show", ai), "and the same merge locally");
  }

  @Test
  void pushThatLosesEveryRaceGivesUpWithAnErrorExit() throws Exception {
    String ai = aiCommit();
    work.git("push", "-q", "origin", "feature");
    TestRepo other = otherReviewer();
    betweenFetchAndPush(other, "echo x >> tries\ngit notes --ref " + NOTES + " append -m \"other $(wc -l < tries)\" "
        + ai + " || exit 1\ngit push -q origin " + NOTES + " >&2 || exit 1");

    assertEquals(0, aigate("", "review", "sign", "--yes", "--key", alice.toString()).exitCode());
    Run push = aigate("", "review", "push");
    assertEquals(3, push.exitCode(), push.output());
    assertTrue(push.err().contains("other reviewers pushed in between on each of 4 attempts; run 'aigate review push'"
        + " again"), push.err());
    assertEquals(4, Files.readAllLines(other.dir().resolve("tries")).size(), "bounded: four attempts, no more");
  }

  @Test
  void aRefusalByTheRemoteIsNotRetried() throws Exception {
    aiCommit();
    Path hook = remote.resolve("hooks/pre-receive");
    Files.writeString(hook, "#!/bin/sh\necho x >> '" + tmp.resolve("refusals") + "'\necho 'no reviews today' >&2\nexit 1\n");
    assertTrue(hook.toFile().setExecutable(true));
    assertEquals(0, aigate("", "review", "sign", "--yes", "--key", alice.toString()).exitCode());
    Run push = aigate("", "review", "push");
    assertEquals(1, push.exitCode(), push.output());
    assertTrue(push.err().contains("review notes refused by origin") && push.err().contains("no reviews today"),
        push.err());
    assertEquals(1, Files.readAllLines(tmp.resolve("refusals")).size());
  }
}
