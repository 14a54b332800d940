package dev.aigate.cli;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigate.testing.Fixtures;
import dev.aigate.testing.ReportSchema;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines that survive a renamed rule and say when they go stale; .aigateignore in audits and CI. */
class SuppressionTest {
  private static final String POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      rules:
        - {id: core, paths: ["src/**"], action: require-review}
      default: allow
      """;
  private static final String CLAUDE = Fixtures.CLAUDE;

  @TempDir Path tmp;
  TestRepo repo;
  String base;
  String ai;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n");
    base = repo.commitAll("Initial import");
    repo.write("src/A.java", "class A { int x; }\n").write("src/B.java", "class B {}\n");
    ai = repo.commitAll("Tune A\n\n" + CLAUDE);
  }

  private static String sha1(String object) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(object.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Run audit(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "audit";
    System.arraycopy(args, 0, full, 1, args.length);
    return aigate(repo, full);
  }

  @Test
  void aBaselineSurvivesARenamedRule() throws Exception {
    Path known = tmp.resolve("baseline.json");
    Files.writeString(known, audit("--format", "json").out());
    repo.write(".aigate.yml", POLICY.replace("id: core", "id: protected-source"));
    Run renamed = audit("--baseline", known.toString());
    assertEquals(0, renamed.exitCode(), renamed.output());
    assertTrue(renamed.out().contains("2 suppressed"), renamed.out());
    // A change of action is a new kind of finding: the baseline does not cover a deny.
    repo.write(".aigate.yml", POLICY.replace("action: require-review", "action: deny"));
    assertEquals(1, audit("--baseline", known.toString()).exitCode());
  }

  @Test
  void aBaselineEntryThatMatchesNothingAnyMoreIsReportedStale() throws Exception {
    Path known = tmp.resolve("baseline.json");
    Files.writeString(known, audit("--format", "json").out());
    repo.write(".aigate.yml", POLICY.replace("src/**", "src/A.java"));
    Run r = audit("--baseline", known.toString());
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("baseline: 1 entry matches no finding any more"), r.out());
    assertTrue(r.out().contains(ai.substring(0, 12) + " src/B.java"), r.out());
  }

  @Test
  void suppressedFindingsStayInTheJsonReportMarked() throws Exception {
    repo.write(".aigateignore", "# reviewed in the 2026 audit\n" + ai.substring(0, 7) + " src/B.java # generated stub\n");
    Run r = audit("--format", "json");
    assertEquals(1, r.exitCode(), "src/A.java still blocks: " + r.output());
    JsonNode json = ReportSchema.valid(r.out());
    JsonNode violations = json.at("/commits/0/violations");
    assertEquals(2, violations.size(), violations.toString());
    assertFalse(violations.get(0).at("/suppressed").asBoolean());
    assertEquals("src/B.java", violations.get(1).at("/path").asText());
    assertTrue(violations.get(1).at("/suppressed").asBoolean());
    assertFalse(violations.get(1).at("/blocking").asBoolean());
    assertEquals(".aigateignore", violations.get(1).at("/suppressedBy").asText());
    assertEquals("generated stub", violations.get(1).at("/reason").asText());
    assertEquals(1, json.at("/summary/suppressed").asInt());
    assertEquals(1, json.at("/summary/violations").asInt());
    // The schema ties suppression to not blocking: it can fail.
    ((ObjectNode) violations.get(1)).put("blocking", true);
    assertFalse(ReportSchema.problems(json).isEmpty());
  }

  @Test
  void anEntryWithoutAPathIgnoresTheWholeCommit() {
    repo.write(".aigateignore", ai + "\n");
    Run r = audit();
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.out().contains("2 suppressed"), r.out());
  }

  @Test
  void underPolicyRevTheIgnoreFileComesFromTheBaseNotFromTheRequest() {
    repo.write(".aigateignore", ai + " # the request ignores itself\n");
    String head = repo.commitAll("Ignore my own finding");
    Run r = audit("--policy-rev", base, base + ".." + head);
    assertEquals(1, r.exitCode(), r.output());
    Run local = audit(base + ".." + head);
    assertEquals(0, local.exitCode(), "without --policy-rev the work tree's file counts: " + local.output());
  }

  @Test
  void anIgnoreEntryNamesACommitNeverABranchOrTagOfTheSameName() {
    // The base ignores an old commit by its abbreviation; the request names a tag after it.
    repo.write(".aigateignore", ai.substring(0, 8) + " # reviewed stub\n");
    String reviewed = repo.commitAll("Ignore the reviewed stub");
    repo.write("src/C.java", "class C {}\n");
    String request = repo.commitAll("Add C\n\n" + CLAUDE);
    repo.git("tag", ai.substring(0, 8), request);
    Run r = audit("--policy-rev", reviewed, reviewed + ".." + request);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("src/C.java"), r.out());
  }

  @Test
  void aStaleAbbreviationInTheBasesIgnoreFileDoesNotCoverACommitMadeToMatchIt() {
    // The base ignores a commit that left history by 4 hex digits; the request finds a message
    // whose commit id starts with them (one in 65,536 tries; 7 digits take minutes).
    repo.write(".aigateignore", "0000 # rebased away\n");
    String reviewed = repo.commitAll("Ignore a rebased commit");
    repo.write("src/C.java", "class C {}\n");
    repo.git("add", "-A");
    String tree = repo.git("write-tree").strip();
    String who = "Jane Dev <jane@example.com> 1780000000 +0000";
    String request = null;
    for (int i = 0; request == null; i++) {
      String body = "tree " + tree + "\nparent " + reviewed + "\nauthor " + who + "\ncommitter " + who
          + "\n\nAdd C " + i + "\n\n" + CLAUDE + "\n";
      if (sha1("commit " + body.getBytes(StandardCharsets.UTF_8).length + "\0" + body).startsWith("0000")) {
        request = repo.execWithInput(List.of("git", "hash-object", "-t", "commit", "-w", "--stdin"), body).strip();
      }
    }
    Run r = audit("--policy-rev", reviewed, reviewed + ".." + request);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("src/C.java"), r.out());
    assertTrue(r.out().contains("names a commit " + reviewed + " does not have"), r.out());
  }

  @Test
  void underPolicyRevTheBaselineInTheRepositoryComesFromTheBase() throws Exception {
    repo.write("aigate-baseline.json", audit("--all", "--format", "json").out());
    String adopted = repo.commitAll("Adopt aigate with a baseline");
    repo.write("src/C.java", "class C {}\n");
    String request = repo.commitAll("Add C\n\n" + CLAUDE);
    // The request records its own finding in the committed baseline.
    repo.write("aigate-baseline.json", audit("--all", "--format", "json").out());
    String head = repo.commitAll("Refresh the baseline");
    Run r = aigate(repo, "audit", "--baseline", "aigate-baseline.json", "--policy-rev", adopted, adopted + ".." + head);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("src/C.java"), r.out());
    // A baseline outside the repository (a CI artifact) is read from disk.
    Path artifact = tmp.resolve("artifact.json");
    Files.writeString(artifact, audit("--all", "--format", "json").out());
    Run outside = aigate(repo, "audit", "--baseline", artifact.toString(), "--policy-rev", adopted, adopted + ".." + head);
    assertEquals(0, outside.exitCode(), outside.output());
    // A base that has no such file is named, not read as "no known findings" or the request's copy.
    Run missing = aigate(repo, "audit", "--baseline", "aigate-baseline.json", "--policy-rev", base, base + ".." + head);
    assertEquals(2, missing.exitCode(), missing.output());
    assertTrue(missing.err().contains("is not committed at " + base), missing.err());
  }

  @Test
  void aBadLineIsAUsageErrorWithItsLineNumberAllAtOnce() {
    repo.write(".aigateignore", "zzzz\n" + ai + " src/** extra\n");
    Run r = audit();
    assertEquals(2, r.exitCode(), r.output());
    assertTrue(r.err().contains(".aigateignore:1: 'zzzz' is not a commit id"), r.err());
    assertTrue(r.err().contains(".aigateignore:2: expected"), r.err());
  }

  @Test
  void anEntryForACommitThatIsNotHereIsNamed() {
    repo.write(".aigateignore", "deadbeef # gone\n");
    Run r = audit();
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains(".aigateignore: entries that name no commit here: .aigateignore:1"), r.out());
  }

  @Test
  void theReportSchemaRejectsAShareWrittenAsText() throws Exception {
    JsonNode json = new ObjectMapper().readTree(audit("--format", "json").out());
    assertTrue(json.at("/stats/aiShare").isNumber());
    ((ObjectNode) json.at("/stats")).put("aiShare", "100.0%");
    assertFalse(ReportSchema.problems(json).isEmpty());
  }
}
