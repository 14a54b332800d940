package dev.aigate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Fixtures;
import dev.aigate.testing.TestRepo;
import dev.aigate.testing.TestRepo.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh, the hook shims under dash and bash, the pre-commit framework, and hook managers. */
class ToolingE2ETest {
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String POLICY = Fixtures.CORE_POLICY;
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  @TempDir Path tmp;

  /** What a release tarball holds: install.sh and the built artifacts, no sources to build. */
  private Path dist() throws IOException {
    Path dist = tmp.resolve("dist");
    Files.createDirectories(dist.resolve("target"));
    Files.copy(PROJECT.resolve("install.sh"), dist.resolve("install.sh"));
    for (String f : List.of("aigate.jar", "aigate.1", "aigate.bash")) {
      Files.copy(PROJECT.resolve("target").resolve(f), dist.resolve("target").resolve(f));
    }
    return dist;
  }

  private Result sh(String shell, Map<String, String> env, Path cwd, String... args) {
    List<String> cmd = new ArrayList<>(List.of(shell));
    cmd.addAll(List.of(args));
    Map<String, String> all = new HashMap<>(TestRepo.baseEnv(RealJar.HOME));
    all.putAll(env);
    return TestRepo.exec(cmd, all, cwd, null);
  }

  @Test
  void installShInstallsUpgradesInPlaceAndUninstalls() throws Exception {
    Path dist = dist();
    Path prefix = tmp.resolve("prefix");
    TestRepo repo = TestRepo.init(tmp.resolve("repo"), RealJar.HOME);
    Map<String, String> env = Map.of("PREFIX", prefix.toString());

    Result first = sh("sh", env, dist, "install.sh", "--repo", repo.dir().toString());
    assertEquals(0, first.exitCode(), first.output());
    Path launcher = prefix.resolve("bin/aigate");
    assertTrue(Files.isExecutable(launcher));
    assertTrue(first.stdout().contains("is not on your PATH"), first.stdout());
    assertTrue(first.stdout().matches("(?s).*aigate install: runtime /\\S+/java \\(Java \\d+, (AppCDS|AOT cache); .*"), first.stdout());
    assertTrue(Files.exists(prefix.resolve("share/man/man1/aigate.1")));
    assertTrue(Files.exists(prefix.resolve("share/bash-completion/completions/aigate")));
    assertTrue(Files.exists(prefix.resolve("lib/aigate/aigate.jsa")) || Files.exists(prefix.resolve("lib/aigate/aigate.aot")),
        "the start-up cache");
    assertTrue(Files.readString(repo.dir().resolve(".git/hooks/commit-msg")).contains("AIGATE_BIN='" + launcher + "'"));

    Result again = sh("sh", env, dist, "install.sh", "--repo", repo.dir().toString());
    assertEquals(0, again.exitCode(), again.output());
    assertTrue(again.stdout().contains("commit-msg: updated"), again.stdout());

    // The installed hooks work through the launcher.
    repo.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n");
    repo.git("add", "-A");
    Result blocked = repo.run(Map.of(), "commit", "-m", "Add A\n\n" + CLAUDE);
    assertEquals(1, blocked.exitCode(), blocked.output());
    assertTrue(blocked.stderr().contains("BLOCK [core] src/A.java"), blocked.stderr());

    Result removed = sh("sh", env, dist, "install.sh", "--uninstall", "--repo", repo.dir().toString());
    assertEquals(0, removed.exitCode(), removed.output());
    assertFalse(Files.exists(launcher));
    assertFalse(Files.exists(prefix.resolve("lib/aigate")));
    assertFalse(Files.exists(repo.dir().resolve(".git/hooks/commit-msg")));
  }

  @Test
  void installShInstallsTheServerGateWithAPinnedPolicy() throws Exception {
    Path dist = dist();
    Path prefix = tmp.resolve("prefix");
    Path bare = tmp.resolve("server.git");
    TestRepo work = TestRepo.init(tmp.resolve("work"), RealJar.HOME);
    work.git("init", "-q", "--bare", bare.toString());
    Path policy = tmp.resolve("server-policy.yml");
    Files.writeString(policy, POLICY);
    Result r = sh("sh", Map.of("PREFIX", prefix.toString()), dist, "install.sh", "--server", bare.toString(), "--policy",
        policy.toString());
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(Files.readString(bare.resolve("hooks/pre-receive")).contains("AIGATE_BIN='" + prefix.resolve("bin/aigate") + "'"));
    assertEquals(policy.toString(), work.git("--git-dir", bare.toString(), "config", "aigate.policy").strip());

    // A push through it: the launcher runs the gate, under the pinned policy.
    work.git("remote", "add", "origin", bare.toString());
    work.write("src/A.java", "class A {}\n");
    work.commitAll("Add A\n\n" + CLAUDE);
    Result push = work.run(Map.of(), "push", "origin", "HEAD:refs/heads/main");
    assertEquals(1, push.exitCode(), push.output());
    assertTrue(push.stderr().contains("remote: aigate: refs/heads/main"), push.stderr());
    assertTrue(push.stderr().contains("policy " + policy), push.stderr());
  }

  /**
   * A container without LANG runs the JVM in the C locale, where Java passes a process argument
   * that is not ASCII as '?'. The provenance manifest names each file to git blame, so it must
   * not hand paths over as arguments that Java re-encodes.
   */
  @Test
  void theProvenanceManifestBlamesNonAsciiPathsInTheCLocale() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"), RealJar.HOME);
    repo.write("src/café.py", "total = 1\n").write("src/plain.py", "x = 2\n");
    repo.commitAll("files");
    List<String> cmd = new ArrayList<>(List.of(RealJar.java(), "-jar", RealJar.JAR.toString(), "provenance",
        "--format", "text"));
    Result r = repo.exec(cmd, Map.of("LANG", "C", "LC_ALL", "C"), repo.dir());
    assertEquals(0, r.exitCode(), r.output());
    assertFalse(r.output().contains("UNREADABLE"), r.output());
    assertTrue(r.stdout().contains("src/café.py"), r.stdout());

    // A pathspec, though, is an argument the JVM has already decoded in ASCII: "src/café.py"
    // arrives with two U+FFFD, names nothing, and must not come back as an empty manifest.
    cmd.addAll(List.of("--", "src/café.py"));
    Result spec = repo.exec(cmd, Map.of("LANG", "C", "LC_ALL", "C"), repo.dir());
    assertEquals(2, spec.exitCode(), spec.output());
    assertTrue(spec.stderr().contains("LANG=C.UTF-8"), spec.stderr());
  }

  @Test
  void installShExplainsMissingPrerequisites() throws Exception {
    Path dist = dist();
    Result r = sh("sh", Map.of("PATH", "/nonexistent", "JAVA_HOME", ""), dist, "install.sh");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("git is not on PATH"), r.stderr());
  }

  @Test
  void theShimsRunUnderDashAndBash() throws Exception {
    TestRepo repo = RealJar.repoWithHooks(tmp);
    repo.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n");
    repo.git("add", "-A");
    Path msg = tmp.resolve("msg");
    Files.writeString(msg, "Add A\n\n" + CLAUDE + "\n");
    Map<String, String> env = new HashMap<>(RealJar.hookEnv());
    env.put("GIT_EDITOR", ":");
    for (String shell : List.of("dash", "bash")) {
      Result r = sh(shell, env, repo.dir(), ".git/hooks/commit-msg", msg.toString());
      assertEquals(1, r.exitCode(), shell + ": " + r.output());
      assertTrue(r.stderr().contains("BLOCK [core] src/A.java"), shell + ": " + r.stderr());
      Result syntax = sh(shell, Map.of(), repo.dir(), "-n", PROJECT.resolve("hooks/pre-receive").toString());
      assertEquals(0, syntax.exitCode(), shell + " -n pre-receive: " + syntax.output());
    }
  }

  @Test
  void coexistsWithAHuskyStyleHooksPath() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"), RealJar.HOME);
    // husky v9: core.hooksPath=.husky/_, whose generated scripts run the user's .husky/<hook>.
    repo.write(".husky/_/commit-msg", "#!/bin/sh\nsh \"$(dirname \"$0\")/../commit-msg\" \"$@\"\n");
    repo.write(".husky/commit-msg", "echo husky-user-hook >&2\njava -jar '" + RealJar.JAR + "' hook commit-msg \"$1\"\n");
    assertTrue(repo.dir().resolve(".husky/_/commit-msg").toFile().setExecutable(true));
    repo.git("config", "core.hooksPath", ".husky/_");
    repo.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n");
    repo.git("add", "-A");
    Result r = repo.run(RealJar.hookEnv(), "commit", "-m", "Add A\n\n" + CLAUDE);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.stderr().contains("husky-user-hook") && r.stderr().contains("BLOCK [core] src/A.java"), r.stderr());

    // aigate install respects the hooks path too, and keeps husky's script running first.
    Result install = RealJar.aigate(repo, "install");
    assertEquals(0, install.exitCode(), install.output());
    assertTrue(install.stdout().contains(".husky/_ (core.hooksPath)"), install.stdout());
    assertTrue(Files.exists(repo.dir().resolve(".husky/_/commit-msg.pre-aigate")));
  }

  @Test
  void worksThroughThePreCommitFramework() throws Exception {
    tool("pre-commit", null, "AIGATE_REQUIRE_PRECOMMIT", "apt-get install pre-commit");

    // The hook repository: aigate's own .pre-commit-hooks.yaml and entry script, at a commit.
    TestRepo hookRepo = TestRepo.init(tmp.resolve("hookrepo"), RealJar.HOME);
    Files.copy(PROJECT.resolve(".pre-commit-hooks.yaml"), hookRepo.dir().resolve(".pre-commit-hooks.yaml"));
    Files.createDirectories(hookRepo.dir().resolve("hooks"));
    Path entry = hookRepo.dir().resolve("hooks/pre-commit-framework");
    Files.copy(PROJECT.resolve("hooks/pre-commit-framework"), entry);
    assertTrue(entry.toFile().setExecutable(true));
    String rev = hookRepo.commitAll("aigate hooks");

    // aigate on PATH, as install.sh leaves it.
    Map<String, String> env = aigateOnPath();

    TestRepo repo = TestRepo.init(tmp.resolve("repo"), RealJar.HOME);
    repo.write(".pre-commit-config.yaml", "repos:\n  - repo: " + hookRepo.dir().toUri() + "\n    rev: " + rev + "\n    hooks:\n"
        + "      - id: aigate-pre-commit\n      - id: aigate-commit-msg\n");
    repo.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n");
    Result hooks = TestRepo.exec(List.of("pre-commit", "install", "--hook-type", "pre-commit", "--hook-type", "commit-msg"),
        merged(repo, env), repo.dir(), null);
    assertEquals(0, hooks.exitCode(), hooks.output());
    repo.git("add", "-A");
    Result blocked = repo.run(env, "commit", "-m", "Add A\n\n" + CLAUDE);
    assertEquals(1, blocked.exitCode(), blocked.output());
    assertTrue(blocked.output().contains("BLOCK [core] src/A.java"), blocked.output());
    Result passed = repo.run(env, "commit", "-m", "Add A\n\n" + CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>");
    assertEquals(0, passed.exitCode(), passed.output());
  }

  /** `aigate` on PATH, as install.sh leaves it: the environment that puts it there. */
  private Map<String, String> aigateOnPath() throws IOException {
    Path bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    Files.writeString(bin.resolve("aigate"), "#!/bin/sh\nexec java " + RealJar.javaOpts() + " -jar '" + RealJar.JAR + "' \"$@\"\n");
    assertTrue(bin.resolve("aigate").toFile().setExecutable(true));
    return Map.of("PATH", bin + ":" + System.getenv("PATH"));
  }

  /**
   * A hook manager to test against: {@code given}, else {@code name} on PATH. Missing, the test
   * is skipped, except where CI sets {@code requireVariable}: there it must run.
   */
  private String tool(String name, String given, String requireVariable, String howToInstall) {
    String path = given;
    if (path == null || path.isEmpty()) {
      Result which = TestRepo.exec(List.of("sh", "-c", "command -v " + name), TestRepo.baseEnv(RealJar.HOME), tmp, null);
      path = which.exitCode() == 0 ? which.stdout().strip() : null;
    }
    if (path == null && "1".equals(System.getenv(requireVariable))) {
      throw new AssertionError(name + " is not installed (" + howToInstall + "); CI requires this test");
    }
    Assumptions.assumeTrue(path != null, name + " is not installed; CI installs it and requires this test");
    return path;
  }

  private static Map<String, String> merged(TestRepo repo, Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(repo.env());
    all.putAll(extra);
    return all;
  }

  @Test
  void worksThroughLefthook() throws Exception {
    String lefthook = tool("lefthook", System.getenv("AIGATE_LEFTHOOK"), "AIGATE_REQUIRE_LEFTHOOK", "npm install lefthook");

    Map<String, String> env = aigateOnPath();

    TestRepo repo = TestRepo.init(tmp.resolve("repo"), RealJar.HOME);
    // The configuration docs/hook-managers.md gives.
    repo.write("lefthook.yml", "pre-commit:\n  commands:\n    aigate:\n      run: aigate hook pre-commit\n"
        + "commit-msg:\n  commands:\n    aigate:\n      run: aigate hook commit-msg {1}\n");
    repo.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n");
    Result install = TestRepo.exec(List.of(lefthook, "install"), merged(repo, env), repo.dir(), null);
    assertEquals(0, install.exitCode(), install.output());
    repo.git("add", "-A");
    Result blocked = repo.run(env, "commit", "-m", "Add A\n\n" + CLAUDE);
    assertEquals(1, blocked.exitCode(), blocked.output());
    assertTrue(blocked.output().contains("BLOCK [core] src/A.java"), blocked.output());
    Result passed = repo.run(env, "commit", "-m", "Add A\n\n" + CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>");
    assertEquals(0, passed.exitCode(), passed.output());
  }
}
