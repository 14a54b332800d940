package dev.aigate.cli;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit's ref and date options as git reads them; options that would do nothing are errors. */
class RangeOptionsTest {
  private static final String POLICY = "version: 1\nrules:\n  - {id: core, paths: [\"src/**\"], action: require-review}\ndefault: allow\n";

  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".aigate.yml", POLICY).write("README.md", "r\n");
    repo.commitAllAt("May", 1_780_000_000L);                 // 2026-05-28
    repo.write("a.txt", "a\n");
    repo.commitAllAt("July", 1_783_000_000L);                // 2026-07-02
    repo.git("checkout", "-q", "-b", "feature/x");
    repo.write("b.txt", "b\n");
    repo.commitAllAt("Feature", 1_783_100_000L);
    repo.git("tag", "v1");
    repo.git("checkout", "-q", "main");
    // What a hosting system keeps: a pull request's head, not history of the repository.
    repo.git("checkout", "-q", "-b", "tmp");
    repo.write("c.txt", "c\n");
    String pull = repo.commitAllAt("Pull request head", 1_783_200_000L);
    repo.git("checkout", "-q", "main");
    repo.git("branch", "-D", "tmp");
    repo.git("update-ref", "refs/pull/7/head", pull);
  }

  private int commits(String... args) throws Exception {
    String[] full = new String[args.length + 3];
    full[0] = "audit";
    full[1] = "--format";
    full[2] = "json";
    System.arraycopy(args, 0, full, 3, args.length);
    Run r = aigate(repo, full);
    assertEquals(0, r.exitCode(), r.output());
    return new ObjectMapper().readTree(r.out()).at("/summary/commits").asInt();
  }

  @Test
  void datesInGitsOwnForms() throws Exception {
    assertEquals(1, commits("--until", "Jun 1 2026"));
    assertEquals(1, commits("--since", "2026-06-01", "--until", "2026-07-02 14:00:00 +0000"));
    assertEquals(2, commits("--since", "10 years ago"));
    Run typo = aigate(repo, "audit", "--since", "soonish");
    assertEquals(2, typo.exitCode(), typo.output());
    assertTrue(typo.err().contains("--since 'soonish' is not a date git can read"), typo.err());
  }

  @Test
  void aBackdatedCommitOnTopDoesNotHideTheNewerCommitsBelowIt() throws Exception {
    repo.write("src/A.java", "class A {}\n");
    repo.commitAllAt("Add A\n\nCo-Authored-By: Claude <noreply@anthropic.com>", 1_783_600_000L); // 2026-07-09
    // The committer writes the committer date: a walk that stops at the first older commit
    // audited nothing.
    repo.write("README.md", "r2\n");
    repo.commitAllAt("Old-looking", 1_000_000_000L);                                                   // 2001
    Run r = aigate(repo, "audit", "--since", "2026-07-05");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("src/A.java"), r.out());
    Run between = aigate(repo, "audit", "--format", "json", "--since", "2026-07-05", "--until", "2026-07-30");
    assertEquals(1, new ObjectMapper().readTree(between.out()).at("/summary/commits").asInt(), between.output());
  }

  @Test
  void allMeansGitsAllWithoutHostingInternals() throws Exception {
    assertEquals(3, commits("--all"), "main and feature/x; refs/pull/7/head is left out");
    assertEquals(4, commits("--all", "refs/pull/7/head"), "named explicitly, it is audited");
  }

  @Test
  void branchesTagsAndExcludeLikeRevList() throws Exception {
    assertEquals(3, commits("--branches"));
    assertEquals(3, commits("--branches=feature/*"));
    assertEquals(2, commits("--branches", "--exclude=feature/*"));
    assertEquals(3, commits("--tags=v*"));
    assertEquals(2, commits("--all", "--exclude=refs/tags/*", "--exclude=feature/*"));
    Run lone = aigate(repo, "audit", "--exclude=main");
    assertEquals(2, lone.exitCode(), "an exclude with nothing to exclude from does nothing: " + lone.output());
  }

  @Test
  void anEmptyRepositoryHasZeroCommitsNotAnUnknownRevision() {
    TestRepo empty = TestRepo.init(tmp.resolve("empty"));
    Run r = aigate(empty, "audit");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("0 commit(s) evaluated"), r.out());
    assertEquals(2, aigate(empty, "audit", "--fail-on-empty").exitCode());
  }

  @Test
  void formatOnACommandWithoutAReportIsAnError() {
    Run r = aigate(repo, "policy", "show", "--format", "json");
    assertEquals(2, r.exitCode(), r.output());
    assertTrue(r.err().contains("writes no report"), r.err());
    assertEquals(2, aigate(repo, "init", "--format", "sarif").exitCode());
    assertEquals(2, aigate(repo, "install", "--format", "json").exitCode());
  }

  @Test
  void policyValidateGivesMachineReadableProblems() throws Exception {
    repo.write("bad.yml", "version: 1\nrules:\n  - {id: x, paths: [a], action: block}\nmode: loud\n");
    Run r = aigate(repo, "policy", "validate", "bad.yml", "--format", "json");
    assertEquals(2, r.exitCode(), r.output());
    var json = new ObjectMapper().readTree(r.out());
    assertEquals(false, json.at("/valid").asBoolean());
    assertEquals(2, json.at("/problems").size(), r.out());
    assertEquals("bad.yml", json.at("/problems/0/file").asText());
    assertEquals(3, json.at("/problems/0/line").asInt());
    assertTrue(json.at("/problems/0/column").asInt() > 0);
    Run ok = aigate(repo, "policy", "validate", "--format", "json");
    assertEquals(0, ok.exitCode(), ok.output());
    assertEquals(true, new ObjectMapper().readTree(ok.out()).at("/valid").asBoolean());
  }
}
