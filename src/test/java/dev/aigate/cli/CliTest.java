package dev.aigate.cli;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, against real repositories: exit codes, options, reports. */
class CliTest {
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String POLICY = Fixtures.CORE_POLICY;

  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp).write(".aigate.yml", POLICY).write("README.md", "hi\n");
    repo.commitAll("base");
  }

  @Test
  void theManPageIsReproducibleAndCompletionOffersEnumValues() {
    Run first = aigate(repo, "generate-manpage");
    Run second = aigate(repo, "generate-manpage");
    assertEquals(first.out(), second.out());
    assertTrue(first.out().startsWith(".TH AIGATE 1 \"\" \"aigate "), "no build date: " + first.out().lines().findFirst());
    Run dated = aigate(repo, Map.of("SOURCE_DATE_EPOCH", "1780000000"), "generate-manpage");
    assertTrue(dated.out().startsWith(".TH AIGATE 1 \"2026-05-28\""), dated.out().lines().findFirst().orElse(""));
    Run completion = aigate(repo, "generate-completion");
    assertTrue(completion.out().contains("\"text\" \"json\" \"sarif\" \"junit\" \"markdown\" \"codequality\""),
        "--format values complete");
    assertTrue(completion.out().contains("(\"head\" \"history\")"), "--sarif-scope values complete");
  }

  @Test
  void versionAndHelpExitZero() {
    Run v = aigate(repo, "--version");
    assertEquals(0, v.exitCode());
    assertTrue(v.out().startsWith("aigate "), v.out());
    assertTrue(v.out().matches("(?s)aigate \\S+ \\(commit ([0-9a-f]{40}(-dirty)?|unknown)\\).*"), v.out());
    assertEquals(0, aigate(repo, "--help").exitCode());
    for (String[] sub : new String[][] {{"audit", "--help"}, {"hook", "commit-msg", "--help"}, {"policy", "show", "-h"}}) {
      Run help = aigate(repo, sub);
      assertEquals(0, help.exitCode(), String.join(" ", sub) + ": " + help.output());
      assertTrue(help.out().startsWith("Usage: aigate " + sub[0]), help.out());
    }
    assertEquals(2, aigate(repo, "hook").exitCode(), "a group command needs its subcommand");
    // Only the named command's model is built; the help of the root still lists every command.
    assertTrue(aigate(repo, "--help").out().matches("(?s).*\\baudit +Judge commits.*"), aigate(repo, "--help").out());
    assertEquals("audit", Aigate.subcommandName(new String[] {"-C", "x", "--policy", "p.yml", "audit", "HEAD"}));
    assertEquals(null, Aigate.subcommandName(new String[] {"--format", "json", "nosuch"}));
    assertEquals(null, Aigate.subcommandName(new String[] {"generate-manpage"}));
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, aigate(repo, "no-such-command").exitCode());
    assertEquals(2, aigate(repo, "check", "--no-such-option").exitCode());
    assertEquals(2, aigate(repo, "explain").exitCode());
    assertEquals(2, aigate(repo).exitCode());
    assertEquals(2, aigate(repo, "check", "--format", "xml").exitCode());
  }

  @Test
  void commitMsgBlocksAnUnreviewedAiChangeAndPassesAReviewedOne() throws Exception {
    repo.write("src/A.java", "class A {}\n");
    repo.git("add", "-A");
    Path msg = tmp.resolve("msg");
    Files.writeString(msg, "Add A\n\n" + CLAUDE + "\n");
    Run blocked = aigate(repo, Map.of("GIT_EDITOR", ":"), "hook", "commit-msg", msg.toString());
    assertEquals(1, blocked.exitCode(), blocked.output());
    assertTrue(blocked.err().contains("BLOCK [core] src/A.java"), blocked.err());
    assertTrue(blocked.err().contains("fix: add the trailer 'Reviewed-by: Name <email>' of an allowed reviewer"),
        blocked.err());

    Files.writeString(msg, "Add A\n\n" + CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>\n");
    Run passed = aigate(repo, Map.of("GIT_EDITOR", ":"), "hook", "commit-msg", msg.toString());
    assertEquals(0, passed.exitCode(), passed.output());
    assertTrue(passed.err().contains("passes the policy with 1 valid review(s)"), passed.err());
  }

  @Test
  void commitMsgIgnoresTrailersInTheCommentedPartOfAnEditedMessage() throws Exception {
    repo.write("src/A.java", "class A {}\n");
    repo.git("add", "-A");
    Path msg = tmp.resolve("msg");
    Files.writeString(msg, "Add A\n\n" + CLAUDE + "\n# Reviewed-by: Bob Lee <bob@example.com>\n");
    assertEquals(1, aigate(repo, Map.of("GIT_EDITOR", "vi"), "hook", "commit-msg", msg.toString()).exitCode());
  }

  @Test
  void preCommitBlocksOnlyWhatNoMessageCanFix() throws Exception {
    repo.write(".aigate.yml", POLICY + "  \n").write("src/A.java", "class A {}\n");
    repo.git("add", "-A");
    Run run = aigate(repo, Map.of("CLAUDECODE", "1"), "hook", "pre-commit");
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.err().contains("the commit-msg hook will check its reviews"), run.err());

    repo.write(".aigate.yml", POLICY.replace("require-review", "deny"));
    repo.git("add", "-A");
    Run denied = aigate(repo, Map.of("CLAUDECODE", "1"), "hook", "pre-commit");
    assertEquals(1, denied.exitCode(), denied.output());
    assertTrue(denied.err().contains("claude-code (anthropic) via environment [environment, environment]: CLAUDECODE=1"), denied.err());
  }

  @Test
  void checkWritesTheJsonContract() throws Exception {
    repo.write("src/A.java", "class A {}\n");
    repo.git("add", "-A");
    Path msg = tmp.resolve("draft");
    Files.writeString(msg, "Add A\n\n" + CLAUDE + "\nReviewed-by: Jane Dev <jane@example.com>\n");
    Run run = aigate(repo, "check", "--message-file", msg.toString(), "--format", "json");
    assertEquals(1, run.exitCode(), run.output());
    List<String> fields = fieldNames(run.out());
    for (String f : List.of("summary", "commits", "aiCommits", "violations", "verdict", "id", "author", "subject",
        "trailers", "key", "value", "ai", "tool", "vendor", "signal", "evidence", "reviews", "reviewer", "valid",
        "reason", "rule", "path", "action", "message")) {
      assertTrue(fields.contains(f), "JSON report lacks '" + f + "': " + run.out());
    }
    assertTrue(run.out().contains("\"id\" : \"staged\""), run.out());
    assertTrue(run.out().contains("\"verdict\" : \"fail\""), run.out());
    assertTrue(run.out().contains("\"reason\" : \"the reviewer is the commit's author\""), run.out());
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheSubcommand() throws Exception {
    Path other = tmp.resolve("elsewhere");
    Files.createDirectories(other);
    Path policy = tmp.resolve("deny.yml");
    Files.writeString(policy, "version: 1\ndefault: deny\n");
    repo.write("x.txt", "x\n");
    String id = repo.commitAll("Add x\n\n" + CLAUDE);
    Run before = aigate(other, repo.env(), "-C", repo.dir().toString(), "--policy", policy.toString(), "explain", id);
    Run after = aigate(other, repo.env(), "explain", id, "-C", repo.dir().toString(), "--policy", policy.toString());
    assertEquals(1, before.exitCode(), before.output());
    assertEquals(before, after);
    assertTrue(before.out().contains("BLOCK [default] x.txt"), before.out());
  }

  @Test
  void explainShowsTrailersInGitsOrderEvidenceReviewsAndVerdict() {
    repo.write("src/A.java", "class A {}\n");
    String id = repo.commitAll("Add A\n\nReviewed-by: Bob Lee <bob@example.com>\n" + CLAUDE + "\nSigned-off-by: Jane Dev <jane@example.com>");
    Run run = aigate(repo, "explain", id);
    assertEquals(0, run.exitCode(), run.output());
    String out = run.out();
    assertTrue(out.indexOf("Reviewed-by: Bob Lee") < out.indexOf("Co-Authored-By: Claude")
        && out.indexOf("Co-Authored-By: Claude") < out.indexOf("Signed-off-by: Jane"), out);
    assertTrue(out.contains("AI: claude-code (anthropic) via trailer"), out);
    assertTrue(out.contains("review counted: Reviewed-by: Bob Lee <bob@example.com> (allowed reviewer)"), out);
    assertTrue(out.contains("aigate: pass: 1 commit(s) evaluated, 1 AI-attributed, 0 violation(s)"), out);
  }

  @Test
  void explainOfAnUnknownRevisionIsAUsageError() {
    Run run = aigate(repo, "explain", "no-such-branch");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("unknown revision 'no-such-branch'"), run.err());
  }

  @Test
  void policyDiscoveryOrderIsFlagThenEnvironmentThenRepositoryThenDefault() throws Exception {
    Path flag = tmp.resolve("flag.yml");
    Path env = tmp.resolve("env.yml");
    Files.writeString(flag, "version: 1\nmode: warn\n");
    Files.writeString(env, "version: 1\ndefault: deny\n");
    assertTrue(aigate(repo, Map.of("AIGATE_POLICY", env.toString()), "policy", "validate", "--policy", flag.toString())
        .out().contains(flag + " is valid: mode warn"));
    assertTrue(aigate(repo, Map.of("AIGATE_POLICY", env.toString()), "policy", "validate").out()
        .contains(env + " is valid: mode enforce, 0 rule(s), default deny"));
    assertTrue(aigate(repo, "policy", "validate").out().contains(".aigate.yml is valid: mode enforce, 1 rule(s)"));
    Files.delete(repo.dir().resolve(".aigate.yml"));
    assertTrue(aigate(repo, "policy", "validate").out().contains("<embedded default> is valid"));
  }

  @Test
  void aNamedPolicyThatIsMissingIsAnErrorNotTheDefault() {
    Run run = aigate(repo, "--policy", "nope.yml", "check");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("policy file not found: nope.yml (from --policy)"), run.err());
    Run viaEnv = aigate(repo, Map.of("AIGATE_POLICY", "/nonexistent/p.yml"), "check");
    assertEquals(2, viaEnv.exitCode());
  }

  @Test
  void anInvalidRepositoryPolicyBlocksTheHookWithExitTwo() throws Exception {
    repo.write(".aigate.yml", "version: 1\nrules: [{id: x, paths: [src], action: block}]\n");
    repo.git("add", ".aigate.yml");
    Path msg = tmp.resolve("m");
    Files.writeString(msg, "x\n");
    Run run = aigate(repo, "hook", "commit-msg", msg.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains(".aigate.yml:2:39: rules[0].action: unknown action 'block'"), run.err());
  }

  /** The commit records the index, so a policy loosened only in the work tree must not apply. */
  @Test
  void theHookJudgesByThePolicyAsStagedNotAsInTheWorkTree() throws Exception {
    repo.write(".aigate.yml", "version: 1\nrules: [{id: core, paths: ['src/**'], action: deny}]\n");
    repo.git("add", ".aigate.yml");
    repo.write(".aigate.yml", "version: 1\ndefault: allow\n");
    repo.write("src/A.java", "class A {}\n");
    repo.git("add", "src/A.java");
    Path msg = tmp.resolve("m");
    Files.writeString(msg, "Add A\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n");
    Run run = aigate(repo, "hook", "commit-msg", msg.toString());
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("[core] src/A.java"), run.err());
  }

  @Test
  void anUnstagedPolicyFileIsNamedNotSilentlyIgnored() throws Exception {
    repo.git("rm", "-q", "--cached", ".aigate.yml");
    Path msg = tmp.resolve("m");
    Files.writeString(msg, "x\n");
    Run run = aigate(repo, "hook", "commit-msg", msg.toString());
    assertTrue(run.err().contains(".aigate.yml is in the work tree but not in the index"), run.err());
  }

  @Test
  void policyValidateReportsEveryProblem() throws Exception {
    Files.writeString(tmp.resolve("bad.yml"), "version: 1\nmode: loud\ndefault: nope\n");
    Run run = aigate(tmp, repo.env(), "policy", "validate", "bad.yml");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("bad.yml:2:7: mode: unknown mode 'loud'"), run.err());
    assertTrue(run.err().contains("bad.yml:3:10: default: unknown action 'nope'"), run.err());
  }

  @Test
  void policyShowPrintsTheCatalogueAndLoadsBack() throws Exception {
    Run run = aigate(repo, "policy", "show");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("id: \"claude-code\""), run.out());
    Files.writeString(tmp.resolve("shown.yml"), run.out());
    assertEquals(0, aigate(tmp, repo.env(), "policy", "validate", "shown.yml").exitCode());
  }

  @Test
  void initWritesAStarterThatValidatesAndRefusesToOverwrite() {
    Run exists = aigate(repo, "init");
    assertEquals(2, exists.exitCode());
    assertTrue(exists.err().contains("already exists"), exists.err());
    assertEquals(0, aigate(repo, "init", "--force").exitCode());
    Run valid = aigate(repo, "policy", "validate");
    assertEquals(0, valid.exitCode(), valid.output());
    assertTrue(valid.out().contains("3 rule(s), default warn"), valid.out());
  }

  @Test
  void outsideARepositoryCheckIsAUsageError() {
    Run run = aigate(tmp, repo.env(), "check");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("not a git repository"), run.err());
  }

  @Test
  void sha256RepositoryIsRefusedAndTheHookFailsClosed() throws Exception {
    TestRepo sha = TestRepo.init(tmp.resolve("sha"), "--object-format=sha256");
    Path msg = tmp.resolve("m");
    Files.writeString(msg, "x\n");
    Run run = aigate(sha, "hook", "commit-msg", msg.toString());
    assertEquals(3, run.exitCode());
    assertTrue(run.err().contains("sha256 object format"), run.err());
  }

  private static List<String> fieldNames(String json) throws Exception {
    List<String> names = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          names.add(p.currentName());
        }
      }
    }
    return names;
  }

  @Test
  void jsonReportIsWellFormedAndNamesTheVerdict() throws Exception {
    Run run = aigate(repo, "check", "--format", "json");
    assertEquals(0, run.exitCode(), run.output());
    assertFalse(fieldNames(run.out()).isEmpty());
    assertTrue(run.out().contains("\"verdict\" : \"pass\""));
  }

  @Test
  void nonUtf8MessagesAreReadNotRejected() throws Exception {
    repo.write("src/A.java", "class A { int q; }\n");
    repo.git("add", "-A");
    byte[] latin1 = ("Caf\u00e9 change\n\n" + CLAUDE + "\n").getBytes(StandardCharsets.ISO_8859_1);
    Path msg = tmp.resolve("latin1-msg");
    Files.write(msg, latin1);
    Run hook = aigate(repo, Map.of("GIT_EDITOR", ":"), "hook", "commit-msg", msg.toString());
    assertEquals(1, hook.exitCode(), hook.output());
    assertTrue(hook.err().contains("claude-code"), hook.err());

    repo.git("-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "--no-verify", "-F", msg.toString());
    Run explain = aigate(repo, "explain", "HEAD");
    assertEquals(1, explain.exitCode(), explain.output());
    assertTrue(explain.out().contains("Caf\u00e9 change"), "decoded by the commit's encoding header: " + explain.out());
  }

  @Test
  void aLinkedWorktreeIsJudgedOnItsOwnIndexAndSharesTheHooksDirectory() throws Exception {
    Path wt = tmp.resolve("wt");
    repo.git("worktree", "add", "-q", "-b", "side", wt.toString());
    Files.createDirectories(wt.resolve("src"));
    Files.writeString(wt.resolve("src/W.java"), "class W {}\n");
    TestRepo.Result add = repo.exec(List.of("git", "add", "-A"), Map.of(), wt);
    assertEquals(0, add.exitCode(), add.output());
    Path msg = tmp.resolve("wt-msg");
    Files.writeString(msg, "Add W\n\n" + CLAUDE + "\n");
    Run run = Runs.aigate(wt, repo.env(), "hook", "commit-msg", msg.toString());
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.err().contains("BLOCK [core] src/W.java"), run.err());
    assertTrue(aigate(repo, "check").out().contains("0 AI-attributed"), "the main worktree's index is untouched");

    Path launcher = tmp.resolve("aigate-launcher");
    Files.writeString(launcher, "#!/bin/sh\n");
    Run install = Runs.aigate(wt, repo.env(), "install", "--launcher", launcher.toString());
    assertEquals(0, install.exitCode(), install.output());
    assertTrue(Files.exists(repo.dir().resolve(".git/hooks/commit-msg")), "linked worktrees use the common hooks");
  }
}
