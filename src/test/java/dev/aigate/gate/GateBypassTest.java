package dev.aigate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.nio.charset.StandardCharsets;
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
 * Every way past the server gate that a security review found, each reproduced against a real
 * bare repository: the objects arrive by a real {@code git push}, then the gate judges the ref
 * update through the installed hook's exact command line ({@code hook pre-receive}, the default
 * deadline).
 */
class GateBypassTest {
  private static final String ZERO = "0".repeat(40);
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String POLICY = Fixtures.CORE_POLICY + "protected-refs: [refs/heads/main, \"refs/heads/hotfix/*\"]\n";

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
    List<String> full = new ArrayList<>(List.of("hook", "pre-receive"));
    full.addAll(List.of(args));
    return Runs.aigateWithInput(server, all, stdin, full.toArray(String[]::new));
  }

  private String serverGit(String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + server));
    cmd.addAll(List.of(args));
    TestRepo.Result r = work.exec(cmd, Map.of(), tmp);
    assertEquals(0, r.exitCode(), r.output());
    return r.stdout();
  }

  private String aiCommit(String path, String content, String... extraTrailers) {
    work.write(path, content);
    return work.commitAll("Change " + path + "\n\n" + CLAUDE + (extraTrailers.length == 0 ? "" : "\n" + String.join("\n", extraTrailers)));
  }

  private Path policyFile(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static String line(String oldId, String newId, String ref) {
    return oldId + " " + newId + " " + ref + "\n";
  }

  // 1. Replace refs.

  @Test
  void aReplaceRefIsRefusedByDefault() {
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Run r = preReceive(line(ZERO, ai, "refs/replace/" + base));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("refs/replace/" + base + ": refused: replace refs make git serve other objects"), r.out());
  }

  @Test
  void withReplaceRefsJudgedAReplacementCommitIsJudgedAsIfPushedToTheDefaultBranch() throws Exception {
    Path judge = policyFile("judge.yml", POLICY + "replace-refs: judge\n");
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Run rejected = preReceive(line(ZERO, ai, "refs/replace/" + base), "--policy", judge.toString());
    assertEquals(1, rejected.exitCode(), rejected.output());
    assertTrue(rejected.out().contains("[core]"), rejected.out());

    work.git("reset", "-q", "--hard", base);
    work.write("docs/x.md", "human\n");
    String human = work.commitAll("Human docs");
    stage("HEAD");
    Run accepted = preReceive(line(ZERO, human, "refs/replace/" + base), "--policy", judge.toString());
    assertEquals(0, accepted.exitCode(), accepted.output());
  }

  @Test
  void aReplacementThatIsNotACommitIsRefusedEvenWhenReplaceRefsAreJudged() throws Exception {
    Path judge = policyFile("judge.yml", POLICY + "replace-refs: judge\n");
    String blob = work.git("rev-parse", "HEAD:src/A.java").strip();
    work.git("push", "-q", "origin", "HEAD:refs/staging/x");
    Run r = preReceive(line(ZERO, blob, "refs/replace/" + blob.replace('a', 'b')), "--policy", judge.toString());
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("only commits can be judged as replacements"), r.out());
  }

  // 2. Symbolic-ref aliases.

  @Test
  void aPushThroughASymbolicRefIsJudgedAsTheRefItUpdates() {
    serverGit("symbolic-ref", "refs/heads/master", "refs/heads/main");
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Run r = preReceive(line(base, ai, "refs/heads/master"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("refs/heads/main " + ai.substring(0, 12) + " src/A.java [core]"), r.out());
  }

  // 3. De-duplication by (commit, policy).

  @Test
  void aCommitJudgedUnderALaxRefPolicyIsJudgedAgainUnderTheStrictOne() {
    // hotfix/1's committed policy allows everything; main's requires review of src/.
    work.git("checkout", "-q", "-b", "hotfix/1");
    work.write(".aigate.yml", "version: 1\ndefault: allow\nprotected-refs: [refs/heads/main, \"refs/heads/hotfix/*\"]\n");
    String lax = work.commitAll("hotfix policy\n\nReviewed-by: Bob Lee <bob@example.com>");
    work.git("push", "-q", "origin", "hotfix/1");
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Run r = preReceive(line(lax, ai, "refs/heads/hotfix/1") + line(base, ai, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("refs/heads/main " + ai.substring(0, 12)), r.out());
  }

  // 4. The policy file guards itself, AI or not.

  @Test
  void aHumanChangeToThePolicyFileOnAProtectedRefNeedsAReview() {
    work.write(".aigate.yml", "version: 1\ndefault: allow\n");
    String loosen = work.commitAll("Relax the gate");
    stage("HEAD");
    Run r = preReceive(line(base, loosen, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(".aigate.yml [policy-file] a change to the policy file on a protected ref needs 1 human"
        + " review, AI-attributed or not; found 0"), r.out());

    work.git("commit", "-q", "--amend", "-m", "Relax the gate\n\n" + Fixtures.REVIEWED);
    String reviewed = work.git("rev-parse", "HEAD").strip();
    stage("HEAD");
    Run ok = preReceive(line(base, reviewed, "refs/heads/main"));
    assertEquals(0, ok.exitCode(), ok.output());
  }

  @Test
  void theSamePolicyFileChangeOffAProtectedRefIsNotJudged() {
    work.git("checkout", "-q", "-b", "topic");
    work.write(".aigate.yml", "version: 1\ndefault: allow\n");
    String loosen = work.commitAll("Relax the gate");
    stage("HEAD");
    Run r = preReceive(line(ZERO, loosen, "refs/heads/topic"));
    assertEquals(0, r.exitCode(), r.output());
  }

  // 5. Errors a pusher can cause are rejections, whatever on-error says.

  @Test
  void anOversizedCommitIsRejectedEvenWithOnErrorAllow() throws Exception {
    Path lenient = policyFile("lenient.yml", POLICY + "on-error: allow\non-timeout: allow\n");
    Path message = tmp.resolve("big-message");
    Files.writeString(message, "Big\n\n" + "x".repeat(80) .repeat(20_000) + "\n", StandardCharsets.UTF_8);
    String tree = work.git("rev-parse", "HEAD^{tree}").strip();
    String big = work.git("commit-tree", tree, "-p", base, "-F", message.toString()).strip();
    work.git("update-ref", "refs/heads/big", big);
    work.git("push", "-q", "origin", "refs/heads/big:refs/staging/big");
    Run r = preReceive(line(base, big, "refs/heads/main"), "--policy", lenient.toString());
    assertEquals(3, r.exitCode(), r.output());
    assertTrue(r.out().contains("over the gate's limit of 1048576"), r.out());
    assertFalse(r.out().contains("accepted unjudged"), r.out());
  }

  @Test
  void aCommitThatHoldsTheGateAloneIsRejectedEvenWithOnTimeoutAllow() throws Exception {
    // A policy's own content marker that backtracks exponentially stands in for any pushed
    // content that is slow to judge: the watchdog must stop at the deadline inside the commit.
    Path slow = policyFile("slow.yml", POLICY + "on-timeout: allow\non-error: allow\n"
        + "ai: {content: [\"x*x*x*x*x*x*x*y\"]}\n");
    work.write("src/A.java", "x".repeat(3000) + "!\ny\n");
    String human = work.commitAll("Human change");
    stage("HEAD");
    Run r = preReceive(line(base, human, "refs/heads/main"), "--policy", slow.toString(), "--deadline=6s");
    assertEquals(3, r.exitCode(), r.output());
    assertTrue(r.out().contains("held the gate alone"), r.out());
  }

  // 8. Duplicate identity headers.

  @Test
  void aCommitWithTwoAuthorHeadersIsRefused() {
    String tree = work.git("rev-parse", "HEAD^{tree}").strip();
    String raw = "tree " + tree + "\nparent " + base + "\n"
        + "author Jane Dev <jane@example.com> 1700000000 +0000\n"
        + "author Claude <noreply@anthropic.com> 1700000000 +0000\n"
        + "committer Jane Dev <jane@example.com> 1700000000 +0000\n\nInnocent change\n";
    String forged = work.execWithInput(List.of("git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"), raw)
        .strip();
    work.git("update-ref", "refs/heads/forged", forged);
    work.git("push", "-q", "origin", "refs/heads/forged:refs/staging/forged");
    Run r = preReceive(line(base, forged, "refs/heads/main"));
    assertEquals(3, r.exitCode(), r.output());
    assertTrue(r.out().contains("it has 2 author and 1 committer header(s)"), r.out());
  }

  // 9. Unborn default branch.

  @Test
  void whileTheDefaultBranchIsUnbornMainAndMasterAreProtected() throws Exception {
    Path fresh = tmp.resolve("fresh.git");
    work.git("init", "-q", "--bare", "-b", "master", fresh.toString());
    work.write(".aigate.yml", Fixtures.CORE_POLICY);
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    work.git("push", "-q", fresh.toString(), "HEAD:refs/staging/x");
    Map<String, String> env = new HashMap<>(work.env());
    env.put("GIT_DIR", ".");
    Run r = Runs.aigateWithInput(fresh, env, line(ZERO, ai, "refs/heads/main"), "hook", "pre-receive");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("WARNING: the default branch refs/heads/master does not exist yet"), r.out());
  }

  @Test
  void thePushOutputNamesWhatIsProtectedWhenNothingProtectedWasPushed() {
    work.git("checkout", "-q", "-b", "topic");
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Run r = preReceive(line(ZERO, ai, "refs/heads/topic"));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("no protected ref in this push (protected: [refs/heads/main, refs/heads/hotfix/*])"),
        r.out());
  }

  // 10. Outcomes as they happened, in every format.

  @Test
  void aBreakGlassPushSaysSoInJsonAndIsLogged() throws Exception {
    Path glass = policyFile("glass.yml", POLICY + "break-glass: true\n");
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Map<String, String> option = Map.of("GIT_PUSH_OPTION_COUNT", "1", "GIT_PUSH_OPTION_0",
        "aigate.breakglass=prod is down", "GL_USERNAME", "oncall");
    Run r = preReceive(option, line(base, ai, "refs/heads/main"), "--policy", glass.toString(), "--format", "json");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("\"decision\" : \"break-glass\""), r.out());
    assertTrue(r.out().contains("\"breakGlassReason\" : \"prod is down\""), r.out());
    assertTrue(r.out().contains("\"pusher\" : \"oncall\""), r.out());
    String log = Files.readString(server.resolve("aigate/break-glass.log"));
    assertTrue(log.contains("\"pusher\":\"oncall\"") && log.contains("\"reason\":\"prod is down\"")
        && log.contains(ai), log);
  }

  @Test
  void breakGlassWithoutAReasonIsNotGranted() throws Exception {
    Path glass = policyFile("glass.yml", POLICY + "break-glass: true\n");
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Map<String, String> option = Map.of("GIT_PUSH_OPTION_COUNT", "1", "GIT_PUSH_OPTION_0", "aigate.breakglass=  ");
    Run r = preReceive(option, line(base, ai, "refs/heads/main"), "--policy", glass.toString());
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("break-glass requested without a reason"), r.out());
    assertFalse(Files.exists(server.resolve("aigate/break-glass.log")));
  }

  @Test
  void aBreakGlassThatCannotBeLoggedIsNotGranted() throws Exception {
    Path glass = policyFile("glass.yml", POLICY + "break-glass: true\n");
    serverGit("config", "aigate.breakGlassLog", "/proc/aigate-cannot-write-here/log");
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Map<String, String> option = Map.of("GIT_PUSH_OPTION_COUNT", "1", "GIT_PUSH_OPTION_0", "aigate.breakglass=why");
    Run r = preReceive(option, line(base, ai, "refs/heads/main"), "--policy", glass.toString());
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("break-glass refused: cannot write the break-glass log"), r.out());
  }

  @Test
  void aRejectionInJsonNamesItsCauses() {
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Run r = preReceive(line(base, ai, "refs/heads/main") + line(ZERO, ai, "refs/replace/" + base), "--format", "json");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("\"decision\" : \"rejected\""), r.out());
    assertTrue(r.out().contains("\"refused-ref\""), r.out());
    assertTrue(r.out().contains("\"violations\""), r.out());
  }

  // Mutation survivors: rules whose breaking no test noticed.

  @Test
  void theRealDefaultBranchIsProtectedWhenItIsNotMainOrMaster() throws Exception {
    Path trunkServer = tmp.resolve("trunk.git");
    work.git("init", "-q", "--bare", "-b", "trunk", trunkServer.toString());
    work.write(".aigate.yml", Fixtures.CORE_POLICY);
    String human = work.commitAll("policy without protected-refs\n\n" + Fixtures.REVIEWED);
    work.git("push", "-q", trunkServer.toString(), "HEAD:refs/heads/trunk");
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    work.git("push", "-q", trunkServer.toString(), "HEAD:refs/staging/x");
    Map<String, String> env = new HashMap<>(work.env());
    env.put("GIT_DIR", ".");
    Run r = Runs.aigateWithInput(trunkServer, env, line(human, ai, "refs/heads/trunk"), "hook", "pre-receive");
    assertEquals(1, r.exitCode(), r.output());
    Run main = Runs.aigateWithInput(trunkServer, env, line(ZERO, ai, "refs/heads/main"), "hook", "pre-receive");
    assertEquals(0, main.exitCode(), "main is an ordinary branch once trunk exists: " + main.output());
  }

  @Test
  void anExistingProtectedRefIsJudgedByThePolicyAtItsBaseNotAtThePushedTip() {
    // The pushed tip's own policy would allow everything; the base's requires review.
    work.write(".aigate.yml", "version: 1\ndefault: allow\nprotected-refs: [refs/heads/main, \"refs/heads/hotfix/*\"]\n");
    work.write("src/A.java", "class A { int ai; }\n");
    String ai = work.commitAll("Loosen and change\n\n" + CLAUDE);
    stage("HEAD");
    Run r = preReceive(line(base, ai, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("policy .aigate.yml at refs/heads/main"), r.out());
  }

  @Test
  void aStarInAProtectedRefPatternCrossesSlashes() {
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    Run r = preReceive(line(ZERO, ai, "refs/heads/hotfix/2026/12"));
    assertEquals(1, r.exitCode(), r.output());
  }

  @Test
  void theCoveredCommitsAuthorCannotReviewItThroughSomeoneElsesMerge() {
    work.git("checkout", "-q", "-b", "feature");
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    work.git("checkout", "-q", "main");
    work.write("docs/x.md", "main moved\n");
    work.commitAll("Main moves");
    // Bob merges, but the review he records is Jane's, and Jane wrote the AI commit.
    Map<String, String> bob = Map.of("GIT_COMMITTER_NAME", "Bob Lee", "GIT_COMMITTER_EMAIL", "bob@example.com",
        "GIT_AUTHOR_NAME", "Bob Lee", "GIT_AUTHOR_EMAIL", "bob@example.com");
    TestRepo.Result merged = work.run(bob, "merge", "-q", "--no-ff", "feature", "-m",
        "Merge feature\n\nReviewed-by: Jane Dev <jane@example.com>");
    assertEquals(0, merged.exitCode(), merged.output());
    String merge = work.git("rev-parse", "HEAD").strip();
    stage("HEAD");
    Run r = preReceive(line(base, merge, "refs/heads/main"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(ai.substring(0, 12) + " src/A.java [core]"), r.out());

    // The same merge with Bob's own review covers it.
    work.git("reset", "-q", "--hard", "HEAD^");
    TestRepo.Result reviewed = work.run(bob, "merge", "-q", "--no-ff", "feature", "-m",
        "Merge feature\n\nReviewed-by: Carol Day <carol@example.com>");
    assertEquals(0, reviewed.exitCode(), reviewed.output());
    String good = work.git("rev-parse", "HEAD").strip();
    stage("HEAD");
    Run ok = preReceive(line(base, good, "refs/heads/main"));
    assertEquals(0, ok.exitCode(), ok.output());
  }

  // Red team 2026-12-04. A generous deadline: a cold, loaded test JVM must not turn a verdict
  // into a timeout.

  /** A commit object written as is, with the work tree's index as its tree and HEAD as parent. */
  private String rawCommit(String headers, String message) {
    work.git("add", "-A");
    String tree = work.git("write-tree").strip();
    String parent = work.git("rev-parse", "HEAD").strip();
    String raw = "tree " + tree + "\nparent " + parent + "\n"
        + "author Jane Dev <jane@example.com> 1700000000 -0000\n"
        + "committer Jane Dev <jane@example.com> 1700000000 -0000\n" + headers + "\n" + message;
    String id = work.execWithInput(List.of("git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"), raw)
        .strip();
    work.git("update-ref", "refs/heads/raw", id);
    work.git("push", "-q", "-f", "origin", "refs/heads/raw:refs/staging/raw");
    return id;
  }

  @Test
  void aMessageInAnEncodingOnlyIconvKnowsIsRefusedNotReadAsNoise() {
    work.write("src/A.java", "class A { int ai; }\n");
    // UTF-7's base64 form of "Co-Authored-By: Claude <noreply@anthropic.com>".
    String utf7 = "+" + java.util.Base64.getEncoder().withoutPadding()
        .encodeToString(CLAUDE.getBytes(StandardCharsets.UTF_16BE)) + "-";
    String id = rawCommit("encoding UTF-7\n", "Change A\n\n" + utf7 + "\n");
    // git decodes it through iconv and sees Claude's trailer; aigate must not see noise and pass.
    String shown = work.git("log", "-1", "--format=%(trailers:only,unfold)", id);
    Run r = preReceive(line(base, id, "refs/heads/main"), "--deadline=60s");
    assertEquals(3, r.exitCode(), r.output());
    assertTrue(r.out().contains("its message is in encoding 'UTF-7', which aigate cannot decode"), r.out());
    assertTrue(shown.contains(CLAUDE), "git did not decode the UTF-7 message here: " + shown);
  }

  private static final String DENY_EVALS = "version: 1\nreview: {reviewers: [\"*@example.com\"]}\nrules:\n"
      + "  - {id: no-ai-evals, paths: [\"evals/**\"], action: deny}\n"
      + "  - {id: core, paths: [\"src/**\"], action: require-review}\ndefault: allow\n";

  @Test
  void anAiSymlinkNamedLikeADeniedDirectoryIsJudgedByTheRulesBelowIt() throws Exception {
    Path deny = policyFile("deny.yml", DENY_EVALS);
    work.write("scratch/ai/set.jsonl", "{\"q\": \"an AI-written item\"}\n");
    String before = landLinks("Scratch data");
    // evals/** does not match the path evals itself; a checkout of the link shows evals/set.jsonl.
    work.git("add", "-A");
    symlink("evals", "scratch/ai");
    work.git("commit", "-q", "-m", "Link evals\n\n" + CLAUDE);
    String link = work.git("rev-parse", "HEAD").strip();
    stage("HEAD");
    Run r = preReceive(line(before, link, "refs/heads/main"), "--policy", deny.toString(), "--deadline=60s");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(link.substring(0, 12) + " evals [no-ai-evals]"), r.out());
  }

  @Test
  void anAiSubmoduleNamedLikeADeniedDirectoryIsJudgedByTheRulesBelowIt() throws Exception {
    Path deny = policyFile("deny.yml", DENY_EVALS);
    work.write(".gitmodules", "[submodule \"evals\"]\n\tpath = evals\n\turl = https://example.com/ai-evals.git\n");
    work.git("add", "-A");
    work.git("update-index", "--add", "--cacheinfo", "160000," + base + ",evals");
    work.git("commit", "-q", "-m", "Evals as a submodule\n\n" + CLAUDE);
    String gitlink = work.git("rev-parse", "HEAD").strip();
    stage("HEAD");
    Run r = preReceive(line(base, gitlink, "refs/heads/main"), "--policy", deny.toString(), "--deadline=60s");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(gitlink.substring(0, 12) + " evals [no-ai-evals]"), r.out());
  }

  /**
   * Lands a submodule at {@code sub} with the links (path, target pairs), then bumps it in an AI
   * commit under {@code evals/*.jsonl: deny}; the gate's run.
   */
  private Run aiSubmoduleBumpBehind(String... links) throws Exception {
    Path deny = policyFile("deny.yml", DENY_EVALS.replace("evals/**", "evals/*.jsonl"));
    work.git("add", "-A");
    work.git("update-index", "--add", "--cacheinfo", "160000," + base + ",sub");
    for (int i = 0; i < links.length; i += 2) {
      symlink(links[i], links[i + 1]);
    }
    work.git("commit", "-q", "-m", "A submodule, and links into it");
    work.git("push", "-q", "origin", "main");
    String before = work.git("rev-parse", "HEAD").strip();
    String other = work.git("commit-tree", work.git("rev-parse", "HEAD^{tree}").strip(), "-m", "other").strip();
    work.git("update-index", "--cacheinfo", "160000," + other + ",sub");
    work.git("commit", "-q", "-m", "Bump sub\n\n" + CLAUDE);
    stage("HEAD");
    return preReceive(line(before, work.git("rev-parse", "HEAD").strip(), "refs/heads/main"), "--policy", deny.toString(),
        "--deadline=60s");
  }

  @Test
  void anAiSubmoduleBumpIsJudgedAtTheLinksThatShowItsFiles() throws Exception {
    Run r = aiSubmoduleBumpBehind("evals/x.jsonl", "../sub/x.jsonl");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(" evals/x.jsonl [no-ai-evals]"), r.out());
  }

  @Test
  void anAiSubmoduleBumpIsJudgedAtLinksThatReachItThroughAnotherLink() throws Exception {
    Run r = aiSubmoduleBumpBehind("lnk", "sub", "evals/x.jsonl", "../lnk/x.jsonl");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(" evals/x.jsonl [no-ai-evals]"), r.out());
  }

  @Test
  void aLinkInsideADirectoryAnEarlierRuleAllowsIsThatRulesWhateverLaterRulesSay() throws Exception {
    Path policy = policyFile("vendor.yml", "version: 1\nreview: {reviewers: [\"*@example.com\"]}\nrules:\n"
        + "  - {id: vendored, paths: [\"vendor/**\"], action: allow}\n"
        + "  - {id: python, paths: [\"**/*.py\"], action: deny}\ndefault: allow\n");
    work.write(".gitmodules", "[submodule \"vendor/lib\"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n");
    work.git("add", "-A");
    work.git("update-index", "--add", "--cacheinfo", "160000," + base + ",vendor/lib");
    work.git("commit", "-q", "-m", "Vendor lib\n\n" + CLAUDE);
    String bump = work.git("rev-parse", "HEAD").strip();
    stage("HEAD");
    Run r = preReceive(line(base, bump, "refs/heads/main"), "--policy", policy.toString(), "--deadline=60s");
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void anAiSymlinkBesideADeniedDirectoryIsJudgedAsItself() throws Exception {
    Path deny = policyFile("deny.yml", DENY_EVALS);
    work.git("add", "-A");
    symlink("evaluation", "docs");
    work.git("commit", "-q", "-m", "Link evaluation\n\n" + CLAUDE);
    String link = work.git("rev-parse", "HEAD").strip();
    stage("HEAD");
    Run r = preReceive(line(base, link, "refs/heads/main"), "--policy", deny.toString(), "--deadline=60s");
    assertEquals(0, r.exitCode(), r.output());
  }

  /** Stages a symlink at {@code path} to {@code target}, as git stores it (mode 120000). */
  /** Commits symlinks (path, target pairs) made in the index, pushes them to main, returns the commit. */
  private String landLinks(String message, String... pathsAndTargets) {
    work.git("add", "-A");
    for (int i = 0; i < pathsAndTargets.length; i += 2) {
      symlink(pathsAndTargets[i], pathsAndTargets[i + 1]);
    }
    work.git("commit", "-q", "-m", message);
    work.git("reset", "-q", "--hard");
    work.git("push", "-q", "origin", "main");
    return work.git("rev-parse", "HEAD").strip();
  }

  private void symlink(String path, String target) {
    String blob = work.execWithInput(List.of("git", "hash-object", "-w", "--stdin"), target).strip();
    work.git("update-index", "--add", "--cacheinfo", "120000," + blob + "," + path);
  }

  @Test
  void anAiChangeToTheTargetOfAProtectedSymlinkIsJudgedAtTheSymlinksPath() {
    work.write("vendor/impl.java", "class Impl {}\n");
    work.git("add", "-A");
    symlink("src/Impl.java", "../vendor/impl.java");
    symlink("src/lib", "../vendorlib");
    work.write("vendorlib/keep", "x\n");
    work.git("commit", "-q", "-m", "Vendor the implementation behind src/");
    work.git("reset", "-q", "--hard");
    work.git("push", "-q", "origin", "main");
    String before = work.git("rev-parse", "HEAD").strip();
    // Neither path is protected, but a checkout shows both changes under src/.
    work.write("vendor/impl.java", "class Impl { int ai; }\n");
    work.write("vendorlib/New.java", "class New {}\n");
    String ai = work.commitAll("Change the vendored code\n\n" + CLAUDE);
    stage("HEAD");
    Run r = preReceive(line(before, ai, "refs/heads/main"), "--deadline=60s");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(ai.substring(0, 12) + " src/Impl.java [core]"), r.out());
    assertTrue(r.out().contains(ai.substring(0, 12) + " src/lib/New.java [core]"), r.out());
  }

  @Test
  void symlinksThatLeaveTheRepositoryOrPointAtEachOtherReachNothingAndEndTheWalk() {
    String before = landLinks("Odd links", "src/abs", "/nowhere/absolute", "src/up", "../../outside",
        "src/loop1", "loop2", "src/loop2", "loop1");
    String ai = aiCommit("docs/x.md", "ai\n");
    stage("HEAD");
    Run r = preReceive(line(before, ai, "refs/heads/main"), "--deadline=60s");
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void aLinkToTheRootInAProtectedPathPutsEveryChangeUnderItOnce() {
    String before = landLinks("Links to the root", "src/root", "..", "src/again", "..");
    String ai = aiCommit("docs/x.md", "ai\n");
    stage("HEAD");
    Run r = preReceive(line(before, ai, "refs/heads/main"), "--deadline=60s");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(ai.substring(0, 12) + " src/root/docs/x.md [core]"), r.out());
  }

  @Test
  void aPushOfThousandsOfProtectedRefsTimesOutInsteadOfOutlastingTheDeadlineAndPassing() {
    StringBuilder existing = new StringBuilder();
    StringBuilder push = new StringBuilder();
    for (int i = 0; i < 1500; i++) {
      existing.append("create refs/heads/hotfix/old").append(i).append(' ').append(base).append('\n');
      push.append(line(ZERO, base, "refs/heads/hotfix/new" + i));
    }
    work.execWithInput(List.of("git", "--git-dir=" + server, "update-ref", "--stdin"), existing.toString());
    long start = System.nanoTime();
    Run r = preReceive(push.toString(), "--deadline=2s");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("further protected ref(s) not judged; rejected (on-timeout: reject)")
        || r.out().contains("not read before the deadline"), r.out());
    assertTrue(seconds < 20, "the gate held the push for " + seconds + " s past a 2 s deadline");
  }

  @Test
  void aPathThatACaseInsensitiveCheckoutPutsInAProtectedDirectoryIsJudgedThere() throws Exception {
    String upper = aiCommit("SRC/B.java", "class B {}\n");
    stage("HEAD");
    Run r = preReceive(line(base, upper, "refs/heads/main"), "--deadline=60s");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(upper.substring(0, 12) + " src/B.java [core]"), r.out());

    // The same for a directory name a normalisation-insensitive file system folds (NFD vs NFC).
    work.git("reset", "-q", "--hard", base);
    Path policy = policyFile("cafe.yml", POLICY.replace("\"src/**\"", "\"caf\u00e9/**\""));
    work.write("caf\u00e9/keep.txt", "x\n");
    String human = work.commitAll("Add the protected directory");
    String decomposed = aiCommit("cafe\u0301/New.java", "class New {}\n");
    stage("HEAD");
    Run nfd = preReceive(line(base, decomposed, "refs/heads/main"), "--policy", policy.toString(), "--deadline=60s");
    assertEquals(1, nfd.exitCode(), nfd.output());
    assertTrue(nfd.out().contains(decomposed.substring(0, 12) + " caf\u00e9/New.java [core]"), nfd.out());
    assertFalse(nfd.out().contains(human.substring(0, 12)), nfd.out());
  }

  @Test
  void onACaseInsensitiveServerARefSpelledInAnotherCaseIsJudgedAsTheRefItsFileIs() {
    String ai = aiCommit("src/A.java", "class A { int ai; }\n");
    stage("HEAD");
    // Not protected by name, and not judged, on a case-sensitive server.
    Run sensitive = preReceive(line(ZERO, ai, "refs/heads/MAIN"), "--deadline=60s");
    assertEquals(0, sensitive.exitCode(), sensitive.output());
    // With core.ignorecase the loose ref refs/heads/MAIN is refs/heads/main's file.
    serverGit("config", "core.ignorecase", "true");
    Run r = preReceive(line(ZERO, ai, "refs/heads/MAIN"), "--deadline=60s");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(ai.substring(0, 12) + " src/A.java [core]"), r.out());
    // And refs/heads/HOTFIX/x is a file in refs/heads/hotfix/: a new ref of the protected hotfix/*.
    Run hotfix = preReceive(line(ZERO, ai, "refs/heads/HOTFIX/x"), "--deadline=60s");
    assertEquals(1, hotfix.exitCode(), hotfix.output());
    assertTrue(hotfix.out().contains(ai.substring(0, 12) + " src/A.java [core]"), hotfix.out());
    // Nor does case take a ref out of the replace or git-ai namespaces.
    Run replace = preReceive(line(ZERO, ai, "refs/REPLACE/" + base), "--deadline=60s");
    assertEquals(1, replace.exitCode(), replace.output());
    assertTrue(replace.out().contains("refs/replace/" + base + ": refused: replace refs"), replace.out());
    Run notes = preReceive(line(ai, ZERO, "refs/NOTES/AI"), "--deadline=60s");
    assertEquals(1, notes.exitCode(), notes.output());
    assertTrue(notes.out().contains("refs/notes/ai: refused: deleting git-ai's notes"), notes.out());
  }
}
