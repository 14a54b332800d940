package dev.aigate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Fixtures;
import dev.aigate.testing.ReportSchema;
import dev.aigate.testing.Runs;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server gate in-process: objects reach a real bare repository by a real push to a staging
 * ref, then aigate judges the ref update that a push of them to a protected ref would make.
 * (The push shapes only a live receive-pack produces, quarantine included, are in the
 * end-to-end suite.)
 */
class PreReceiveTest {
  private static final String ZERO = "0".repeat(40);
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String POLICY = Fixtures.CORE_POLICY + "protected-refs: [refs/heads/main, \"refs/heads/release/*\", \"refs/tags/*\"]\n";

  @TempDir Path tmp;
  TestRepo work;
  Path server;
  String base;

  @BeforeEach
  void setUp() {
    work = TestRepo.init(tmp);
    server = tmp.resolve("server.git");
    work.git("init", "-q", "--bare", "-b", "main", server.toString());
    work.git("remote", "add", "origin", server.toString());
    work.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n").write("docs/x.md", "x\n");
    base = work.commitAll("base");
    work.git("push", "-q", "origin", "main");
  }

  /** Sends the work repository's objects to the server under refs/staging/, as receive-pack's quarantine would hold them. */
  private void stage(String rev) {
    work.git("push", "-q", "-f", "origin", rev + ":refs/staging/" + Integer.toHexString(rev.hashCode()));
  }

  private Run preReceive(String stdin, String... args) {
    return preReceive(Map.of(), stdin, args);
  }

  private Run preReceive(Map<String, String> env, String stdin, String... args) {
    Map<String, String> all = new HashMap<>(work.env());
    all.put("GIT_DIR", ".");
    all.putAll(env);
    // With no arguments this is the installed hook's exact command line (the fast path, the
    // default deadline counted from the start of this run).
    List<String> full = new ArrayList<>(List.of("hook", "pre-receive"));
    full.addAll(List.of(args));
    return Runs.aigateWithInput(server, all, stdin, full.toArray(String[]::new));
  }

  private String aiCommit(String path, String content, String... extraTrailers) {
    work.write(path, content);
    return work.commitAll("Change " + path + "\n\n" + CLAUDE + (extraTrailers.length == 0 ? "" : "\n" + String.join("\n", extraTrailers)));
  }

  private static String line(String oldId, String newId, String ref) {
    return oldId + " " + newId + " " + ref + "\n";
  }

  @Test
  void fastForwardOfAnUnreviewedAiCommitToAProtectedPathIsRejected() {
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    stage("main");
    Run r = preReceive(line(base, ai, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("aigate: refs/heads/main " + ai.substring(0, 12) + " src/A.java [core] AI-attributed change"
        + " (claude-code) needs 1 human review, found 0 | evidence: claude-code (anthropic) via trailer [co-author, attribution]: " + CLAUDE
        + "\n"), r.out());
    assertTrue(r.out().contains("aigate: " + ai.substring(0, 12) + " fix: add the trailer 'Reviewed-by: Name <email>'"), r.out());
    assertTrue(r.out().contains("aigate: rejected: evaluated 1 commit(s) on 1 protected ref(s)"), r.out());
  }

  @Test
  void theServerGateNeverHonoursAnAigateignoreFile() {
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    // The pusher adds an ignore entry for their own commit: the server takes no policy from pushed content.
    work.write(".aigateignore", ai + " # trust me\n");
    String ignore = work.commitAll("Ignore my finding");
    stage("main");
    Run r = preReceive(line(base, ignore, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(ai.substring(0, 12) + " src/A.java [core]"), r.out());
  }

  @Test
  void theSameCommitOnAnUnprotectedBranchPassesAndIsJudgedWhenItReachesMain() {
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    stage("main");
    Run feature = preReceive(line(ZERO, ai, "refs/heads/feature"));
    assertEquals(0, feature.exitCode(), feature.output());
    assertTrue(feature.out().contains("refs/heads/feature: not a protected ref; not judged"), feature.out());
    work.git("push", "-q", "origin", "main:feature");
    Run main = preReceive(line(base, ai, "refs/heads/main"));
    assertEquals(1, main.exitCode(), main.output());
  }

  @Test
  void aReviewedMergeCoversTheCommitsItBringsIn() {
    work.git("checkout", "-q", "-b", "feature");
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    work.git("checkout", "-q", "main");
    work.write("docs/x.md", "main moved on\n");
    work.commitAll("docs on main");
    work.git("merge", "-q", "--no-ff", "--no-verify", "feature", "-m", "Merge feature\n\nReviewed-by: Bob Lee <bob@example.com>");
    String merge = work.git("rev-parse", "HEAD").strip();
    stage("main");
    Run r = preReceive(line(base, merge, "refs/heads/main"));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("evaluated 3 commit(s)"), r.out());

    Run json = preReceive(line(base, merge, "refs/heads/main"), "--format", "json");
    ReportSchema.valid(json.out());
    assertTrue(json.out().contains("\"reason\" : \"allowed reviewer, on merge " + merge.substring(0, 12) + "\""), json.out());
    assertTrue(json.out().contains("\"id\" : \"" + ai + "\""), json.out());
  }

  @Test
  void anUnreviewedMergeDoesNotCoverAndAMergeByTheAuthorCannotReviewIt() {
    work.git("checkout", "-q", "-b", "feature");
    aiCommit("src/A.java", "class A { int x; }\n");
    work.git("checkout", "-q", "main");
    work.write("docs/x.md", "moved\n");
    work.commitAll("docs");
    work.git("merge", "-q", "--no-ff", "--no-verify", "feature", "-m", "Merge\n\nReviewed-by: Jane Dev <jane@example.com>");
    String merge = work.git("rev-parse", "HEAD").strip();
    stage("main");
    Run r = preReceive(line(base, merge, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
  }

  @Test
  void anEvilMergeIsJudgedOnThePathsItResolvedItself() throws Exception {
    work.git("checkout", "-q", "-b", "feature");
    work.write("docs/y.md", "y\n");
    work.commitAll("feature docs");
    work.git("checkout", "-q", "main");
    work.write("docs/x.md", "x2\n");
    work.commitAll("main docs");
    work.git("merge", "-q", "--no-ff", "--no-commit", "feature");
    work.write("src/A.java", "class A { /* slipped into the merge */ }\n");
    work.git("add", "-A");
    work.git("commit", "-q", "--no-verify", "-m", "Merge feature\n\n" + CLAUDE);
    String merge = work.git("rev-parse", "HEAD").strip();
    stage("main");
    // Every path needs review here, so whatever the merge is charged with shows as a violation.
    Path strict = tmp.resolve("strict.yml");
    Files.writeString(strict, POLICY.replace("default: allow", "default: require-review"));
    Run r = preReceive(line(base, merge, "refs/heads/main"), "--policy", strict.toString());
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(merge.substring(0, 12) + " src/A.java [core]"), r.out());
    assertFalse(r.out().contains("docs/y.md"), "what the merge brought in is the feature commit's, not the merge's");
    assertFalse(r.out().contains("docs/x.md"), "nor is what the first parent already had");
  }

  @Test
  void forcePushAfterAmendIsJudged() {
    String ok = aiCommit("src/A.java", "class A { int x; }\n", "Reviewed-by: Bob Lee <bob@example.com>");
    work.git("push", "-q", "origin", "main");
    work.git("commit", "-q", "--amend", "--no-verify", "-m", "Change A\n\n" + CLAUDE);
    String amended = work.git("rev-parse", "HEAD").strip();
    stage("main");
    Run r = preReceive(line(ok, amended, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(amended.substring(0, 12) + " src/A.java"), r.out());
  }

  @Test
  void aNewProtectedBranchFromAiHistoryIsRejected() {
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    stage("main");
    Run r = preReceive(line(ZERO, ai, "refs/heads/release/1.0"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("refs/heads/release/1.0 " + ai.substring(0, 12)), r.out());
  }

  @Test
  void aNewProtectedBranchAtAnExistingCommitBringsNothingNew() {
    Run r = preReceive(line(ZERO, base, "refs/heads/release/1.0"));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("evaluated 0 commit(s) on 1 protected ref(s)"), r.out());
  }

  @Test
  void deletionIsAllowedAndSaidSo() {
    Run r = preReceive(line(base, ZERO, "refs/heads/main"));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("refs/heads/main: deleted; aigate judges content, not deletions"), r.out());
  }

  @Test
  void annotatedTagIsPeeledToItsCommit() {
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    work.git("tag", "-a", "v1", "-m", "v1");
    String tag = work.git("rev-parse", "v1").strip();
    work.git("push", "-q", "origin", "refs/tags/v1:refs/staging/v1");
    Run r = preReceive(line(ZERO, tag, "refs/tags/v1"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("refs/tags/v1 " + ai.substring(0, 12)), r.out());
  }

  @Test
  void aTagOfATreeOnAProtectedRefIsRefusedNotWavedThrough() {
    String tree = work.git("rev-parse", "HEAD^{tree}").strip();
    work.git("tag", "-a", "treetag", "-m", "t", tree);
    String tag = work.git("rev-parse", "treetag").strip();
    work.git("push", "-q", "origin", "refs/tags/treetag:refs/staging/treetag");
    Run r = preReceive(line(ZERO, tag, "refs/tags/treetag"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("refs/tags/treetag: refused: a protected ref must name a commit, and this names tree"),
        r.out());
  }

  @Test
  void oneBadRefRejectsTheWholePush() {
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    stage("main");
    Run r = preReceive(line(ZERO, base, "refs/heads/release/2.0") + line(base, ai, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
  }

  @Test
  void commitsSharedByTwoRefsAreJudgedOnce() {
    String ai = aiCommit("src/A.java", "class A { int x; }\n", "Reviewed-by: Bob Lee <bob@example.com>");
    stage("main");
    Run r = preReceive(line(base, ai, "refs/heads/main") + line(ZERO, ai, "refs/heads/release/3.0"));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("evaluated 1 commit(s) on 2 protected ref(s)"), r.out());
  }

  @Test
  void aPolicyChangedInThePushHasNoEffectOnThatPush() {
    work.write(".aigate.yml", "version: 1\ndefault: allow\nprotected-refs: [refs/heads/main]\n");
    work.commitAll("Relax the policy");
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    stage("main");
    Run r = preReceive(line(base, ai, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("policy .aigate.yml at refs/heads/main"), r.out());
  }

  @Test
  void anAiChangeToThePolicyFileNeedsReview() {
    String ai = aiCommit(".aigate.yml", POLICY + "# tweak\n");
    stage("main");
    Run r = preReceive(line(base, ai, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(".aigate.yml [policy-file]"), r.out());
  }

  @Test
  void breakGlassNeedsThePolicysPermissionAndAReason() throws Exception {
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    stage("main");
    Map<String, String> option = Map.of("GIT_PUSH_OPTION_COUNT", "1", "GIT_PUSH_OPTION_0", "aigate.breakglass=prod is down",
        "GL_USERNAME", "oncall");
    Run refused = preReceive(option, line(base, ai, "refs/heads/main"));
    assertEquals(1, refused.exitCode(), refused.output());
    assertTrue(refused.out().contains("break-glass requested, but the policy does not allow it"), refused.out());

    Path serverPolicy = tmp.resolve("server-policy.yml");
    Files.writeString(serverPolicy, POLICY + "break-glass: true\n");
    Run allowed = preReceive(option, line(base, ai, "refs/heads/main"), "--policy", serverPolicy.toString());
    assertEquals(0, allowed.exitCode(), allowed.output());
    assertTrue(allowed.out().contains("aigate: BREAK-GLASS: push accepted despite 1 blocking violation(s) by oncall; reason: prod is down"),
        allowed.out());
  }

  @Test
  void emptyInputIsAnEmptyPush() {
    Run r = preReceive("");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("evaluated 0 commit(s) on 0 protected ref(s)"), r.out());
  }

  @Test
  void malformedInputIsRejected() {
    Run r = preReceive("not a ref line\n");
    assertEquals(2, r.exitCode(), r.output());
    assertTrue(r.out().contains("aigate: push rejected: line 1 of the push input: not an object id in 'not a ref line'"), r.out());
  }

  @Test
  void theDeadlineRejectsWhatItCouldNotJudgeUnlessThePolicyAllowsIt() throws Exception {
    String ai = aiCommit("docs/x.md", "harmless\n");
    stage("main");
    // This test JVM started long ago, so a 1 ms budget has passed before the first commit.
    Run rejected = preReceive(line(base, ai, "refs/heads/main"), "--deadline=1ms");
    assertEquals(1, rejected.exitCode(), rejected.output());
    assertTrue(rejected.out().contains("deadline reached with 1 commit(s) not judged; rejected (on-timeout: reject)"), rejected.out());

    Path lenient = tmp.resolve("lenient.yml");
    Files.writeString(lenient, POLICY + "on-timeout: allow\n");
    Run allowed = preReceive(line(base, ai, "refs/heads/main"), "--deadline=1ms", "--policy", lenient.toString());
    assertEquals(0, allowed.exitCode(), allowed.output());
  }

  @Test
  void thePushersOwnReviewDoesNotCountWhenThePolicySaysSo() throws Exception {
    String ai = aiCommit("src/A.java", "class A { int x; }\n", "Reviewed-by: Bob Lee <bob@example.com>");
    stage("main");
    Map<String, String> bob = Map.of("GL_USERNAME", "bob");
    assertEquals(0, preReceive(bob, line(base, ai, "refs/heads/main")).exitCode());
    Path strict = tmp.resolve("strict.yml");
    Files.writeString(strict, POLICY.replace("review: {reviewers: [\"*@example.com\"]}",
        "review: {reviewers: [\"*@example.com\"], exclude-pusher: true}"));
    Run r = preReceive(bob, line(base, ai, "refs/heads/main"), "--policy", strict.toString());
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().startsWith("GL-HOOK-ERR: aigate: refs/heads/main"), "GitLab shows prefixed lines: " + r.out());
    Run json = preReceive(bob, line(base, ai, "refs/heads/main"), "--policy", strict.toString(), "--format", "json");
    ReportSchema.valid(json.out());
    assertTrue(json.out().contains("the reviewer is the pusher (review.exclude-pusher)"), json.out());
  }

  @Test
  void thePushersOwnReviewUnderAPlusTagOrALookAlikeNameIsStillThePushers() throws Exception {
    Path strict = tmp.resolve("strict.yml");
    Files.writeString(strict, POLICY.replace("review: {reviewers: [\"*@example.com\"]}",
        "review: {reviewers: [\"*@example.com\"], exclude-pusher: true}"));
    Map<String, String> bob = Map.of("GL_USERNAME", "bob");
    String tagged = aiCommit("src/A.java", "class A { int x; }\n", "Reviewed-by: Bob Lee <bob+review@example.com>");
    stage("main");
    Run r = preReceive(bob, line(base, tagged, "refs/heads/main"), "--policy", strict.toString());
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(tagged.substring(0, 12) + " src/A.java [core]"), r.out());
    // "B\u043eb": a Cyrillic o in the name.
    work.git("reset", "-q", "--hard", base);
    String lookAlike = aiCommit("src/A.java", "class A { int y; }\n", "Reviewed-by: B\u043eb <robert@example.com>");
    stage("main");
    Run r2 = preReceive(bob, line(base, lookAlike, "refs/heads/main"), "--policy", strict.toString());
    assertEquals(1, r2.exitCode(), r2.output());
    assertTrue(r2.out().contains(lookAlike.substring(0, 12) + " src/A.java [core]"), r2.out());
  }

  @Test
  void anInvalidCommittedPolicyRejectsAndAServerPolicyOverridesIt() throws Exception {
    work.write(".aigate.yml", "version: 1\ndefault: sometimes\n");
    String broken = work.commitAll("break the policy");
    work.git("push", "-q", "origin", "main");
    String next = aiCommit("docs/x.md", "y\n");
    stage("main");
    Run r = preReceive(line(broken, next, "refs/heads/main"));
    assertEquals(2, r.exitCode(), r.output());
    assertTrue(r.out().contains(".aigate.yml at refs/heads/main:2:10: default: unknown action 'sometimes'"), r.out());
    work.git("--git-dir", server.toString(), "config", "aigate.policy", tmp.resolve("pinned.yml").toString());
    Files.writeString(tmp.resolve("pinned.yml"), POLICY);
    assertEquals(0, preReceive(line(broken, next, "refs/heads/main")).exitCode());
  }

  @Test
  void notesAreNotCode() {
    work.git("notes", "add", "-m", "a note");
    String notes = work.git("rev-parse", "refs/notes/commits").strip();
    work.git("push", "-q", "origin", "refs/notes/commits:refs/staging/notes");
    Run r = preReceive(line(ZERO, notes, "refs/notes/commits"));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("refs/notes/commits: notes are not code; not judged"), r.out());
  }

  @Test
  void withoutProtectedRefsTheDefaultBranchIsProtected() throws Exception {
    Path p = tmp.resolve("no-refs.yml");
    Files.writeString(p, POLICY.replace("protected-refs: [refs/heads/main, \"refs/heads/release/*\", \"refs/tags/*\"]", ""));
    String ai = aiCommit("src/A.java", "class A { int x; }\n");
    stage("main");
    assertEquals(1, preReceive(line(base, ai, "refs/heads/main"), "--policy", p.toString()).exitCode());
    assertEquals(0, preReceive(line(ZERO, ai, "refs/heads/release/9"), "--policy", p.toString()).exitCode());
  }
}
