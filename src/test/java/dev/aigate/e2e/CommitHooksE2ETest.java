package dev.aigate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Fixtures;
import dev.aigate.testing.TestRepo;
import dev.aigate.testing.TestRepo.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real git, real installed hooks, the real jar: what a developer sees on `git commit`. */
class CommitHooksE2ETest {
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String POLICY = """
      version: 1
      review:
        reviewers: ["*@example.com"]
      rules:
        - {id: training-data, paths: ["data/training/**"], vendors: [anthropic, openai], action: deny}
        - {id: core, paths: ["src/**"], action: require-review}
      default: allow
      """;

  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = RealJar.repoWithHooks(tmp);
    repo.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n").write("docs/guide.md", "guide\n");
    repo.commitAll("base");
  }

  private Result commit(Map<String, String> env, String... args) {
    Map<String, String> all = new HashMap<>(RealJar.hookEnv());
    all.putAll(env);
    String[] full = new String[args.length + 1];
    full[0] = "commit";
    System.arraycopy(args, 0, full, 1, args.length);
    return repo.run(all, full);
  }

  private Result commit(String... args) {
    return commit(Map.of(), args);
  }

  private String head() {
    return repo.git("rev-parse", "HEAD").strip();
  }

  @Test
  void unreviewedAiCommitToAProtectedPathIsBlocked() {
    String before = head();
    repo.write("src/A.java", "class A { int x; }\n");
    repo.git("add", "-A");
    Result r = commit("-m", "Tune A\n\n" + CLAUDE);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("BLOCK [core] src/A.java"), r.stderr());
    assertTrue(r.stderr().contains("fix: add the trailer 'Reviewed-by: Name <email>' of an allowed reviewer"),
        r.stderr());
    assertEquals(before, head(), "no commit was made");
  }

  @Test
  void reviewByAnAllowedHumanPasses() {
    repo.write("src/A.java", "class A { int x; }\n");
    repo.git("add", "-A");
    Result r = commit("-m", "Tune A\n\n" + CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("passes the policy with 1 valid review(s)"), r.stderr());
  }

  @Test
  void selfReviewAiReviewerAndOutsiderAreEachRejected() {
    repo.write("src/A.java", "class A { int x; }\n");
    repo.git("add", "-A");
    Map<String, String> reasons = Map.of(
        "Reviewed-by: Jane Dev <jane@example.com>", "the reviewer is the commit's author",
        "Reviewed-by: Claude <noreply@anthropic.com>", "the reviewer is an AI identity (claude-code)",
        "Reviewed-by: Mallory <mallory@evil.example>", "<mallory@evil.example> is not an allowed reviewer");
    reasons.forEach((trailer, reason) -> {
      Result r = commit("-m", "Tune A\n\n" + CLAUDE + "\n" + trailer);
      assertEquals(1, r.exitCode(), trailer + ": " + r.output());
      assertTrue(r.stderr().contains(reason), r.stderr());
    });
  }

  @Test
  void denyRuleBlocksEvenWhenReviewed() {
    repo.write("data/training/set.jsonl", "{}\n");
    repo.git("add", "-A");
    Result r = commit("-m", "Add data\n\n" + CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("BLOCK [training-data] data/training/set.jsonl"), r.stderr());
  }

  @Test
  void unprotectedPathPasses() {
    repo.write("docs/guide.md", "better guide\n");
    repo.git("add", "-A");
    Result r = commit("-m", "Docs\n\n" + CLAUDE);
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void warnModePassesWithAWarning() {
    repo.write(".aigate.yml", POLICY.replace("version: 1", "version: 1\nmode: warn"));
    repo.write("src/A.java", "class A { int y; }\n");
    repo.git("add", "-A");
    Result r = commit("-m", "Tune A\n\n" + CLAUDE);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("WARN  [core] src/A.java"), r.stderr());
    assertTrue(r.stderr().contains("warn mode"), r.stderr());
  }

  @Test
  void commitDashAEvaluatesTheWorkTreeChangesItCommits() {
    repo.write("src/A.java", "class A { int z; }\n").write("docs/guide.md", "g2\n");
    repo.git("add", "docs/guide.md");
    // Only docs are staged; -a also commits src/A.java, through git's temporary index, and that is blocked.
    Result withA = commit("-a", "-m", "Everything\n\n" + CLAUDE);
    assertEquals(1, withA.exitCode(), withA.output());
    assertTrue(withA.stderr().contains("BLOCK [core] src/A.java"), withA.stderr());
    // A plain commit takes the real index: docs only, which passes.
    Result docsOnly = commit("-m", "Docs only\n\n" + CLAUDE);
    assertEquals(0, docsOnly.exitCode(), docsOnly.output());
  }

  @Test
  void commitOfNamedPathsEvaluatesOnlyThosePaths() {
    repo.write("src/A.java", "class A { int w; }\n");
    repo.git("add", "src/A.java");
    repo.write("docs/guide.md", "g3\n");
    Result r = commit("-m", "Docs\n\n" + CLAUDE, "docs/guide.md");
    assertEquals(0, r.exitCode(), r.output());
    assertEquals("M  src/A.java", repo.git("status", "--porcelain", "src").strip(), "src/A.java stays staged");
    Result a = commit("-m", "A\n\n" + CLAUDE, "src/A.java");
    assertEquals(1, a.exitCode(), a.output());
  }

  @Test
  void agentEnvironmentWithoutTrailersIsDetected() {
    repo.write("src/A.java", "class A { int v; }\n");
    repo.git("add", "-A");
    Result r = commit(Map.of("CLAUDECODE", "1"), "-m", "Innocent looking subject");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("via environment [environment, environment]: CLAUDECODE=1"), r.stderr());
  }

  @Test
  void attributionLineOutsideTheTrailerBlockIsDetected() {
    repo.write("src/A.java", "class A { int u; }\n");
    repo.git("add", "-A");
    Result r = commit("-m", "Tune A\n\n" + CLAUDE + "\n\nA paragraph after the attribution hides it from git's trailer parser.");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("via message [co-author, attribution]: " + CLAUDE), r.stderr());
  }

  @Test
  void editorCommentsAndScissorsAreNotTrustedAsReviews() throws Exception {
    Path editor = tmp.resolve("editor.sh");
    // The "editor" writes a message whose only review lies in git's commented help text.
    Files.writeString(editor, "#!/bin/sh\nprintf 'Tune A\\n\\n" + CLAUDE + "\\n# Reviewed-by: Bob Lee <bob@example.com>\\n' > \"$1.new\"\n"
        + "cat \"$1\" >> \"$1.new\"\nmv \"$1.new\" \"$1\"\n");
    assertTrue(editor.toFile().setExecutable(true));
    repo.write("src/A.java", "class A { int t; }\n");
    repo.git("add", "-A");
    Result r = commit(Map.of("GIT_EDITOR", editor.toString()), "-v");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("BLOCK [core] src/A.java"), r.stderr());
  }

  @Test
  void firstCommitOfAnEmptyRepositoryIsEvaluated() {
    TestRepo fresh = RealJar.repoWithHooks(tmp.resolve("fresh"));
    fresh.write("src/A.java", "class A {}\n");
    fresh.git("add", "-A");
    Result r = fresh.run(RealJar.hookEnv(), "commit", "-m", "Initial\n\n" + CLAUDE);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("BLOCK [default] src/A.java"), r.stderr());
  }

  @Test
  void aChainedForeignHookRunsFirstAndItsFailureBlocks() throws Exception {
    Path hooks = repo.dir().resolve(".git/hooks");
    Files.writeString(hooks.resolve("commit-msg"), "#!/bin/sh\necho from-the-old-hook >&2\nexit 7\n");
    Result install = RealJar.aigate(repo, "install");
    assertEquals(0, install.exitCode(), install.output());
    repo.write("docs/guide.md", "g4\n");
    repo.git("add", "-A");
    Result r = commit("-m", "Docs");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("from-the-old-hook"), r.stderr());
    assertFalse(r.stderr().contains("aigate: pass"), r.stderr());
  }

  @Test
  void amendThatAddsAiAttributionToAProtectedCommitIsJudgedOnTheWholeCommit() {
    repo.write("src/A.java", "class A { int s; }\n");
    repo.git("add", "-A");
    Result first = commit("-m", "Tune A\n\nReviewed-by: Bob Lee <bob@example.com>");
    assertEquals(0, first.exitCode(), first.output());
    // Nothing staged: the amend only rewrites the message, yet the new commit carries src/A.java.
    Result amend = commit("--amend", "-m", "Tune A\n\n" + CLAUDE);
    assertEquals(1, amend.exitCode(), amend.output());
    assertTrue(amend.stderr().contains("BLOCK [core] src/A.java"), amend.stderr());
  }
  @Test
  void anAmendIsJudgedOnTheWholeCommitAlsoUnderAHookManagersShell() throws Exception {
    // As husky and lefthook run it: a shell script that calls aigate as a child, not exec.
    Path hooks = repo.dir().resolve(".git/hooks");
    String run = "'" + RealJar.java() + "' " + RealJar.javaOpts() + " -jar '" + RealJar.JAR + "'";
    Files.writeString(hooks.resolve("pre-commit"), "#!/bin/sh\n" + run + " hook pre-commit\n");
    Files.writeString(hooks.resolve("commit-msg"), "#!/bin/sh\n" + run + " hook commit-msg \"$1\"\n");
    repo.write("src/A.java", "class A { int s; }\n");
    repo.git("add", "-A");
    Result first = commit("-m", "Tune A\n\nReviewed-by: Bob Lee <bob@example.com>");
    assertEquals(0, first.exitCode(), first.output());
    Result amend = commit("--amend", "-m", "Tune A\n\n" + CLAUDE);
    assertEquals(1, amend.exitCode(), amend.output());
    assertTrue(amend.stderr().contains("BLOCK [core] src/A.java"), amend.stderr());
  }
}
