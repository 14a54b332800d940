package dev.aigate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Fixtures;
import dev.aigate.testing.TestRepo;
import dev.aigate.testing.TestRepo.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real `git push` into a bare repository whose pre-receive hook runs the real jar. */
class PushE2ETest {
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String POLICY = Fixtures.CORE_POLICY + "protected-refs: [refs/heads/main, \"refs/tags/*\"]\n";

  @TempDir Path tmp;
  TestRepo work;
  Path server;

  @BeforeEach
  void setUp() {
    work = TestRepo.init(tmp.resolve("work"), RealJar.HOME);
    server = tmp.resolve("server.git");
    work.git("init", "-q", "--bare", "-b", "main", server.toString());
    work.git("remote", "add", "origin", server.toString());
    Result install = RealJar.aigate(work, "-C", server.toString(), "install", "--server");
    assertEquals(0, install.exitCode(), install.output());
    work.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n");
    work.commitAll("base\n\nReviewed-by: Bob Lee <bob@example.com>"); // adding the policy needs a review
    Result first = push("main");
    assertEquals(0, first.exitCode(), first.output());
  }

  private Result push(String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "push";
    full[1] = "origin";
    System.arraycopy(args, 0, full, 2, args.length);
    return work.run(RealJar.hookEnv(), full);
  }

  @Test
  void aReplaceRefPushedToTheServerIsRefused() {
    String base = work.git("rev-parse", "HEAD").strip();
    work.write("src/A.java", "class A { int ai; }\n");
    String ai = work.commitAll("Tune A\n\n" + CLAUDE);
    Result r = push(ai + ":refs/replace/" + base);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("refs/replace/" + base + ": refused: replace refs"), r.stderr());
    Result log = work.exec(List.of("git", "--git-dir", server.toString(), "log", "-1", "--format=%H", "main"),
        Map.of(), tmp);
    assertEquals(base, log.stdout().strip(), "git still serves the judged commit as main");
  }

  @Test
  void aPushThroughAServerSymbolicRefIsJudgedAsItsTarget() {
    work.git("--git-dir", server.toString(), "symbolic-ref", "refs/heads/master", "refs/heads/main");
    work.write("src/A.java", "class A { int ai; }\n");
    work.commitAll("Tune A\n\n" + CLAUDE);
    Result r = push("HEAD:refs/heads/master");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("refs/heads/main"), r.stderr());
    assertTrue(r.stderr().contains("[core]"), r.stderr());
  }

  @Test
  void aCommitWithTwoAuthorsIsRefusedOverARealPush() {
    String base = work.git("rev-parse", "HEAD").strip();
    String tree = work.git("rev-parse", "HEAD^{tree}").strip();
    String raw = "tree " + tree + "\nparent " + base + "\n"
        + "author Jane Dev <jane@example.com> 1700000000 +0000\n"
        + "author Claude <noreply@anthropic.com> 1700000000 +0000\n"
        + "committer Jane Dev <jane@example.com> 1700000000 +0000\n\nInnocent change\n";
    String forged = work.execWithInput(List.of("git", "hash-object", "-t", "commit", "-w", "--literally",
        "--stdin"), raw).strip();
    Result r = push(forged + ":refs/heads/main");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("author and 1 committer header(s)"), r.stderr());
  }

  @Test
  void noVerifyLocallyIsStillCaughtOnTheServer() {
    work.write("src/A.java", "class A { int x; }\n");
    String ai = work.commitAll("Tune A\n\n" + CLAUDE); // commitAll uses --no-verify
    Result r = push("main");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("remote: aigate: refs/heads/main " + ai.substring(0, 12) + " src/A.java [core]"), r.stderr());
    assertTrue(r.stderr().contains("[remote rejected] main -> main (pre-receive hook declined)"), r.stderr());
    assertEquals(work.git("rev-parse", "HEAD~1").strip(), work.git("--git-dir", server.toString(), "rev-parse", "main").strip());
  }

  @Test
  void featureBranchIsAcceptedThenRejectedOnMainThenAReviewedMergeIsAccepted() {
    work.git("checkout", "-q", "-b", "feature");
    work.write("src/A.java", "class A { int y; }\n");
    work.commitAll("Tune A\n\n" + CLAUDE);
    assertEquals(0, push("feature").exitCode());
    Result toMain = push("feature:main");
    assertEquals(1, toMain.exitCode(), toMain.output());
    work.git("checkout", "-q", "main");
    work.git("merge", "-q", "--no-ff", "--no-verify", "feature", "-m", "Merge feature\n\nReviewed-by: Bob Lee <bob@example.com>");
    Result merged = push("main");
    assertEquals(0, merged.exitCode(), merged.output());
    assertTrue(merged.stderr().contains("remote: aigate: accepted: evaluated 2 commit(s) on 1 protected ref(s)"), merged.stderr());
  }

  @Test
  void aPushOfManyObjectsArrivesAsAQuarantinedPackAndIsJudged() {
    for (int i = 0; i < 160; i++) {
      work.write("docs/f" + i + ".md", "file " + i + "\n");
    }
    work.commitAll("Many docs");
    work.write("src/A.java", "class A { int z; }\n");
    work.commitAll("Tune A\n\n" + CLAUDE);
    Result r = push("main");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("src/A.java [core]"), r.stderr());
    assertTrue(!r.stderr().contains("Missing"), r.stderr());
  }

  @Test
  void annotatedTagOfAnAiCommitIsJudged() {
    work.git("checkout", "-q", "-b", "side");
    work.write("src/A.java", "class A { int t; }\n");
    work.commitAll("Tune A\n\n" + CLAUDE);
    work.git("tag", "-a", "v1", "-m", "release v1");
    Result r = push("v1");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("refs/tags/v1"), r.stderr());
  }

  @Test
  void breakGlassNeedsAdvertisedPushOptionsAndThePolicysPermission() throws Exception {
    work.git("--git-dir", server.toString(), "config", "receive.advertisePushOptions", "true");
    work.write("src/A.java", "class A { int b; }\n");
    work.commitAll("Hotfix\n\n" + CLAUDE);
    Result refused = push("-o", "aigate.breakglass=prod down", "main");
    assertEquals(1, refused.exitCode(), refused.output());

    Files.writeString(tmp.resolve("server.yml"), POLICY + "break-glass: true\n");
    work.git("--git-dir", server.toString(), "config", "aigate.policy", tmp.resolve("server.yml").toString());
    Result allowed = push("-o", "aigate.breakglass=prod down", "main");
    assertEquals(0, allowed.exitCode(), allowed.output());
    assertTrue(allowed.stderr().contains("remote: aigate: BREAK-GLASS: push accepted despite 1 blocking violation(s); reason: prod down"),
        allowed.stderr());
  }

  @Test
  void aMissingLauncherFailsClosed() throws Exception {
    Path hook = server.resolve("hooks/pre-receive");
    String text = Files.readString(hook).replace(RealJar.JAR.toString(), "/nonexistent/aigate.jar");
    Files.writeString(hook, text);
    work.write("README.md", "harmless\n");
    work.commitAll("Docs");
    Result r = work.run(Map.of("PATH", "/usr/bin:/bin"), "push", "origin", "main");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("aigate: push rejected: aigate is not installed where this hook expects it"), r.stderr());
  }
}
