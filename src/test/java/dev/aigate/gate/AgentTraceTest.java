package dev.aigate.gate;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.detect.AgentTrace;
import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent Trace records committed under {@code .agent-trace/} as AI evidence, through the real
 * audit, explain and pre-receive entry points: they raise attribution, they never lower it.
 */
class AgentTraceTest {
  private static final String POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      rules:
        - {id: core, paths: ["src/**"], action: require-review}
      default: allow
      """;

  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".aigate.yml", POLICY).write("README.md", "project\n");
    repo.commitAll("base");
  }

  /** Records enough to pass the 8 MiB read budget. */
  private static String nineMiBOf(String record) {
    return record.repeat((int) (9.0 * (1 << 20) / record.length()));
  }

  private String readFile(String path) {
    try {
      return Files.readString(repo.dir().resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String record(String path, String type, String model) {
    return record("cursor", path, type, model);
  }

  private static String record(String tool, String path, String type, String model) {
    return "{\"version\":\"0.1.0\",\"id\":\"5f0c\",\"timestamp\":\"2026-11-30T10:00:00Z\","
        + "\"tool\":{\"name\":\"" + tool + "\",\"version\":\"2.1\"},\"files\":[{\"path\":\"" + path + "\","
        + "\"conversations\":[{\"contributor\":{\"type\":\"" + type + "\",\"model_id\":\"" + model + "\"},"
        + "\"ranges\":[{\"start_line\":1,\"end_line\":3}]}]}]}\n";
  }

  @Test
  void aCommitWhoseOwnRecordsSayAiWroteItsLinesIsAi() {
    repo.write("src/A.java", "class A {\n  int a;\n}\n")
        .write(".agent-trace/traces.jsonl", record("src/A.java", "ai", "anthropic/claude-opus-4-5"));
    repo.commitAll("Add A");
    Run audit = aigate(repo, "audit", "--format", "json");
    assertEquals(1, audit.exitCode(), audit.output());
    assertTrue(audit.out().matches("(?s).*\"signal\" ?: ?\"trace\".*"), audit.out());
    assertTrue(audit.out().contains("cursor"), "the record's tool is the catalogue's: " + audit.out());
    assertTrue(audit.out().contains("3 AI line(s) in src/A.java"), audit.out());
  }

  @Test
  void theProvenanceManifestCountsTheLinesOfACommitWhoseRecordsSayAi() {
    repo.write("src/A.java", "class A {\n  int a;\n}\n")
        .write(".agent-trace/traces.jsonl", record("src/A.java", "ai", "anthropic/claude-opus-4-5"));
    repo.commitAll("Add A");
    Run manifest = aigate(repo, "provenance", "--ai-only", "--list");
    assertEquals(0, manifest.exitCode(), manifest.output());
    assertTrue(manifest.out().lines().anyMatch("src/A.java"::equals), manifest.out());
    Run jsonl = aigate(repo, "provenance", "--", "src");
    assertTrue(jsonl.out().contains("\"aiLines\":3") && jsonl.out().contains("\"trace\""), jsonl.out());
  }

  @Test
  void onlyTheLinesACommitAppendsCountNotTheRecordsOfEarlierCommits() {
    repo.write("src/A.java", "class A {}\n")
        .write(".agent-trace/traces.jsonl", record("src/A.java", "ai", "openai/gpt-5"));
    repo.commitAll("Add A\n\n" + Fixtures.CLAUDE);
    // A human edit of the same file: the old record is still in the file, and is not this commit's.
    repo.write("src/A.java", "class A { int b; }\n");
    String human = repo.commitAll("Tweak A");
    Run explain = aigate(repo, "explain", human);
    assertEquals(0, explain.exitCode(), explain.output());
    assertFalse(explain.out().contains("Agent Trace"), explain.out());
  }

  @Test
  void aRecordAboutAFileTheCommitDoesNotChangeIsNoEvidence() {
    repo.write("src/A.java", "class A {}\n")
        .write(".agent-trace/traces.jsonl", record("src/Elsewhere.java", "ai", "anthropic/claude-opus-4-5"));
    String c = repo.commitAll("Add A");
    Run explain = aigate(repo, "explain", c);
    assertEquals(0, explain.exitCode(), explain.output());
  }

  @Test
  void aHumanRecordClearsNothingAndAnUnnamedContributorIsAQuestion() {
    repo.write("src/A.java", "class A {}\n")
        .write(".agent-trace/traces.jsonl", record("src/A.java", "human", ""));
    String human = repo.commitAll("Add A\n\n" + Fixtures.CLAUDE);
    Run explain = aigate(repo, "explain", human);
    assertEquals(1, explain.exitCode(), "a human record does not clear the trailer: " + explain.output());

    repo.write("src/B.java", "class B {}\n")
        .write(".agent-trace/traces.jsonl", record("src/B.java", "unknown", ""));
    String unnamed = repo.commitAll("Add B");
    explain = aigate(repo, "explain", unnamed);
    assertEquals(1, explain.exitCode(), "a catalogued agent's record is that agent's: " + explain.output());
    assertTrue(explain.out().contains("unattributed line(s) in src/B.java"), explain.out());

    repo.write("src/C.java", "class C {}\n")
        .write(".agent-trace/traces.jsonl", record("acme-agent", "src/C.java", "unknown", ""));
    String unknown = repo.commitAll("Add C");
    explain = aigate(repo, "explain", unknown);
    assertEquals(0, explain.exitCode(), explain.output());
    assertTrue(explain.out().contains("WARN") && explain.out().contains("heuristic"),
        "neither tool nor contributor known: a finding, not a pass in silence: " + explain.out());
  }

  @Test
  void aRecordsCommitIsJudgedAtThePreReceiveGate() {
    Path server = tmp.resolve("server.git");
    repo.git("init", "-q", "--bare", "-b", "main", server.toString());
    repo.git("remote", "add", "origin", server.toString());
    repo.git("push", "-q", "origin", "main");
    String base = repo.git("rev-parse", "HEAD").strip();
    repo.write("src/A.java", "class A {}\n")
        .write(".agent-trace/traces.jsonl", record("./src/A.java", "mixed", "google/gemini-3-pro"));
    String c = repo.commitAll("Add A");
    repo.git("push", "-q", "-f", "origin", c + ":refs/staging/x");
    Map<String, String> env = new HashMap<>(repo.env());
    env.put("GIT_DIR", ".");
    Run r = Runs.aigateWithInput(server, env, base + " " + c + " refs/heads/main\n", "hook", "pre-receive",
        "--deadline", "60s");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("Agent Trace"), r.output());
  }

  @Test
  void recordsAreParsedLenientlyAndBounded() {
    List<AgentTrace.Claim> claims = AgentTrace.parse(List.of(
        "not json",
        "{\"files\": [{\"path\": \".sessions\", \"conversations\": []}]}",
        "{\"version\": \"1.0\", \"tool\": {\"name\": \"Claude-Code\"}, \"files\": [{\"path\": \"a.py\","
            + " \"conversations\": [{\"contributor\": {\"type\": \"human\"}, \"ranges\": ["
            + "{\"start_line\": 1, \"end_line\": 9},"
            + "{\"start_line\": 10, \"end_line\": 14, \"contributor\": {\"type\": \"ai\", \"model_id\": \"anthropic/claude-sonnet-4-5\"}}]}]}]}",
        "[".repeat(100) + "]".repeat(100),
        "{\"files\": [{\"path\": \"b.py\", \"conversations\": [{\"contributor\": {\"type\": \"ai\"},"
            + " \"ranges\": [{\"start_line\": 5, \"end_line\": 2}]}]}]}"));
    assertEquals(List.of(
        new AgentTrace.Claim("a.py", "claude-code", "anthropic/claude-sonnet-4-5", AgentTrace.Contributor.AI, 5),
        new AgentTrace.Claim("b.py", "", "", AgentTrace.Contributor.AI, 1)), claims);
    assertEquals(2, AgentTrace.read(List.of("not json", "[".repeat(100) + "]".repeat(100), "")).unreadable(),
        "lines that are no record are counted, blank ones are not");
    assertEquals(Optional.of("anthropic"), AgentTrace.vendor("anthropic/claude-sonnet-4-5"));
    assertEquals(Optional.of("openai"), AgentTrace.vendor("gpt-5"));
    assertEquals(Optional.empty(), AgentTrace.vendor("acme/model-x"));
  }

  @Test
  void recordsAppendedToALogLongerThanTheReadBudgetAreStillRead() {
    String human = record("other/f", "human", "");
    repo.write(".agent-trace/traces.jsonl", nineMiBOf(human));
    repo.commitAll("Nine MiB of earlier records");
    repo.write("src/A.java", "class A { int ai; }\n")
        .write(".agent-trace/traces.jsonl", readFile(".agent-trace/traces.jsonl") + record("src/A.java", "ai", "anthropic/claude-opus-4-5"));
    String c = repo.commitAll("Edit A");
    Run explain = aigate(repo, "explain", c);
    assertEquals(1, explain.exitCode(), explain.output());
    assertTrue(explain.out().contains("3 AI line(s) in src/A.java"), explain.out());
  }

  @Test
  void moreRecordsThanTheReadBudgetInOneCommitAreRefusedNotPassed() {
    String human = record("other/f", "human", "");
    repo.write("src/A.java", "class A { int ai; }\n")
        .write(".agent-trace/traces.jsonl", nineMiBOf(human));
    repo.commitAll("Edit A with nine MiB of records");
    Run audit = aigate(repo, "audit");
    assertEquals(3, audit.exitCode(), audit.output());
    assertTrue(audit.output().contains("more than 8 MiB of Agent Trace records"), audit.output());
  }

  @Test
  void anAddedRecordThatCannotBeReadIsRefusedNotPassed() {
    repo.write("src/A.java", "class A { int ai; }\n").write(".agent-trace/traces.jsonl",
        record("src/A.java", "ai", "anthropic/claude-opus-4-5").replace("\"version\":\"0.1.0\"", "\"n\":NaN"));
    repo.commitAll("Edit A");
    Run audit = aigate(repo, "audit");
    assertEquals(3, audit.exitCode(), audit.output());
    assertTrue(audit.output().contains("no Agent Trace record aigate can read"), audit.output());
  }

  @Test
  void recordsAMergeAddsForThePathsItResolvedItselfAreRead() {
    repo.write("src/A.java", "a\nb\nc\n").write(".agent-trace/traces.jsonl", "");
    repo.commitAll("Add A");
    repo.git("checkout", "-q", "-b", "side");
    repo.write("src/A.java", "a\nb\nside\n");
    repo.commitAll("Side");
    repo.git("checkout", "-q", "-");
    repo.write("src/A.java", "main\nb\nc\n");
    repo.commitAll("Main");
    repo.git("merge", "-q", "--no-commit", "side");
    repo.write("src/A.java", "main\nresolved by an agent\nside\n")
        .write(".agent-trace/traces.jsonl", record("src/A.java", "ai", "anthropic/claude-opus-4-5"));
    String merge = repo.commitAll("Merge side");
    Run explain = aigate(repo, "explain", merge);
    assertEquals(1, explain.exitCode(), explain.output());
    assertTrue(explain.out().contains("3 AI line(s) in src/A.java"), explain.out());
  }

  @Test
  void aMergeThatTakesEachSidesRecordsAsTheyWereReadsNoneOfThem() {
    String human = record("other/f", "human", "");
    repo.write(".agent-trace/old.jsonl", nineMiBOf(human));
    String big = repo.commitAll("Nine MiB of earlier records");
    repo.git("checkout", "-q", "-b", "side");
    repo.write("side.txt", "side\n").write(".agent-trace/side.jsonl", human);
    repo.commitAll("Side");
    repo.git("checkout", "-q", "-");
    repo.write("main.txt", "main\n").write(".agent-trace/main.jsonl", human);
    repo.commitAll("Main");
    repo.git("merge", "-q", "--no-edit", "side");
    // An unreadable commit would make the audit exit 3.
    Run audit = aigate(repo, "audit", big + "..HEAD");
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void aMergeOfTwoSidesThatBothAppendedToALongLogReadsOnlyWhatWasAppended() {
    String human = record("other/f", "human", "");
    repo.write(".gitattributes", "*.jsonl merge=union\n")
        .write(".agent-trace/traces.jsonl", nineMiBOf(human));
    String big = repo.commitAll("Nine MiB of earlier records");
    repo.git("checkout", "-q", "-b", "side");
    repo.write("side.txt", "side\n").write(".agent-trace/traces.jsonl",
        readFile(".agent-trace/traces.jsonl") + human.replace("other/f", "side.txt"));
    repo.commitAll("Side");
    repo.git("checkout", "-q", "-");
    repo.write("main.txt", "main\n").write(".agent-trace/traces.jsonl",
        readFile(".agent-trace/traces.jsonl") + human.replace("other/f", "main.txt"));
    repo.commitAll("Main");
    repo.git("merge", "-q", "--no-edit", "side");
    // An unreadable commit would make the audit exit 3.
    Run audit = aigate(repo, "audit", big + "..HEAD");
    assertEquals(0, audit.exitCode(), audit.output());
  }
}
