package dev.aigate.cli;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing into the hooks directory git really uses, without destroying anyone's hook. */
class InstallTest {
  private static final String FOREIGN = "#!/bin/sh\necho foreign hook ran\n";

  @TempDir Path tmp;
  TestRepo repo;
  Path launcher;

  @BeforeEach
  void setUp() throws Exception {
    repo = TestRepo.init(tmp);
    launcher = tmp.resolve("bin/aigate");
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
  }

  private Run install(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "install";
    args[1] = "--launcher";
    args[2] = launcher.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return aigate(repo, args);
  }

  @Test
  void aServerInstallPrintsTheHardeningChecklistAndWarnsWhenNothingProtectedExists() throws Exception {
    Path bare = tmp.resolve("server.git");
    repo.git("init", "-q", "--bare", "-b", "master", bare.toString());
    Run run = aigate(repo, "-C", bare.toString(), "install", "--server", "--launcher", launcher.toString());
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.out().contains("[WARNING] the default branch refs/heads/master does not exist"), run.out());
    assertTrue(run.out().contains("[WARNING] the policy is the .aigate.yml committed on each protected ref"), run.out());
    assertTrue(run.out().contains("[todo] git config receive.fsckObjects true"), run.out());

    Path policy = tmp.resolve("server-policy.yml");
    Files.writeString(policy, "version: 1\nprotected-refs: [refs/heads/main]\n");
    repo.git("--git-dir=" + bare, "config", "receive.fsckObjects", "true");
    Run pinned = aigate(repo, "-C", bare.toString(), "install", "--server", "--force", "--launcher", launcher.toString(),
        "--policy", policy.toString());
    assertEquals(0, pinned.exitCode(), pinned.output());
    assertTrue(pinned.out().contains("[ok] pinned server policy"), pinned.out());
    assertTrue(pinned.out().contains("[ok] receive.fsckObjects is on"), pinned.out());
    assertFalse(pinned.out().contains("does not exist"), pinned.out());
  }

  @Test
  void installsExecutableShimsThatRecordTheLauncher() throws Exception {
    Run run = install();
    assertEquals(0, run.exitCode(), run.output());
    for (String hook : new String[] {"pre-commit", "commit-msg"}) {
      Path p = repo.dir().resolve(".git/hooks/" + hook);
      assertTrue(Files.isExecutable(p), hook);
      assertTrue(Files.readString(p).contains("AIGATE_BIN='" + launcher + "'"), Files.readString(p));
    }
  }

  @Test
  void respectsCoreHooksPath() {
    repo.git("config", "core.hooksPath", "githooks");
    Run run = install();
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.out().contains("(core.hooksPath)"), run.out());
    assertTrue(Files.exists(repo.dir().resolve("githooks/commit-msg")));
    assertFalse(Files.exists(repo.dir().resolve(".git/hooks/commit-msg")));
  }

  @Test
  void chainsAForeignHookAndUninstallPutsItBack() throws Exception {
    Path hook = repo.dir().resolve(".git/hooks/pre-commit");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, FOREIGN);
    Run run = install();
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.out().contains("the existing hook runs first (pre-commit.pre-aigate)"), run.out());
    assertEquals(FOREIGN, Files.readString(repo.dir().resolve(".git/hooks/pre-commit.pre-aigate")));

    Run again = install();
    assertTrue(again.out().contains("pre-commit: updated"), again.out());
    assertEquals(FOREIGN, Files.readString(repo.dir().resolve(".git/hooks/pre-commit.pre-aigate")));

    Run removed = aigate(repo, "install", "--uninstall");
    assertEquals(0, removed.exitCode());
    assertEquals(FOREIGN, Files.readString(hook));
    assertFalse(Files.exists(repo.dir().resolve(".git/hooks/commit-msg")));
  }

  @Test
  void refusesWhenItCannotChainWithoutLosingAHook() throws Exception {
    Path hooks = repo.dir().resolve(".git/hooks");
    Files.createDirectories(hooks);
    Files.writeString(hooks.resolve("commit-msg"), FOREIGN);
    Files.writeString(hooks.resolve("commit-msg.pre-aigate"), FOREIGN + "# older\n");
    Run run = install();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--force"), run.err());
    assertEquals(FOREIGN, Files.readString(hooks.resolve("commit-msg")), "nothing was changed");
    assertFalse(Files.exists(hooks.resolve("pre-commit")), "nothing half-installed");

    Run forced = install("--force");
    assertEquals(0, forced.exitCode(), forced.output());
    assertEquals(FOREIGN, Files.readString(hooks.resolve("commit-msg.aigate-backup")));
  }
}
