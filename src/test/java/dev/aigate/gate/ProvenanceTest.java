package dev.aigate.gate;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigate.detect.AiLineIndex;
import dev.aigate.git.History;
import dev.aigate.testing.Fixtures;
import dev.aigate.testing.ReportSchema;
import dev.aigate.testing.Runs;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import dev.aigate.git.LineDiffs;
import dev.aigate.policy.PolicyLoader;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance across commits through the real {@code aigate audit} entry point on real
 * repositories: AI code that a human commit moves, copies or re-adds into a protected path is
 * still AI code (issue 12).
 */
class ProvenanceTest {
  private static final String POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      ai:
        provenance: {enabled: true}
      rules:
        - {id: core, paths: ["src/**"], action: require-review}
      default: allow
      """;
  /** What an agent wrote: enough distinct, non-trivial lines to be recognised anywhere. */
  private static final String AI_CODE = """
      def normalise_invoice_totals(invoices, currency_table):
          converted_amounts = []
          for invoice_record in invoices:
              exchange_rate = currency_table.lookup(invoice_record.currency_code)
              converted_amounts.append(invoice_record.net_amount * exchange_rate)
          rounded_total = round(sum(converted_amounts), 2)
          audit_trail.record_conversion(invoices, rounded_total)
          return rounded_total
      """;

  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".aigate.yml", POLICY).write("README.md", "project\n");
    repo.commitAll("base");
  }

  private String aiWritesScratch() {
    repo.write("scratch/invoices.py", AI_CODE);
    return repo.commitAll("Prototype invoice totals\n\n" + Fixtures.CLAUDE);
  }

  @Test
  void aHumanCommitThatMovesAiCodeIntoAProtectedPathIsAiByProvenance() {
    String origin = aiWritesScratch();
    repo.write("src/invoices.py", AI_CODE);
    repo.git("rm", "-q", "scratch/invoices.py");
    String moved = repo.commitAll("Move invoices into the product");
    Run audit = aigate(repo, "audit", "--format", "json");
    assertEquals(1, audit.exitCode(), audit.output());
    assertTrue(audit.out().contains("\"provenance\""), audit.out());
    assertTrue(audit.out().contains(origin.substring(0, 12)), "evidence names the AI commit: " + audit.out());
    assertTrue(audit.out().contains(moved.substring(0, 12)), audit.out());
    assertTrue(audit.out().contains("src/invoices.py"), audit.out());
  }

  @Test
  void withProvenanceOffTheSameMoveIsAHumanCommit() {
    repo.write(".aigate.yml", POLICY.replace("enabled: true", "enabled: false"));
    repo.commitAll("provenance off");
    aiWritesScratch();
    repo.write("src/invoices.py", AI_CODE);
    repo.git("rm", "-q", "scratch/invoices.py");
    repo.commitAll("Move invoices into the product");
    Run audit = aigate(repo, "audit");
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void theSourceDeletedEarlierStillLeavesItsLinesAttributed() {
    String origin = aiWritesScratch();
    repo.git("rm", "-q", "scratch/invoices.py");
    repo.commitAll("Drop the prototype");
    repo.write("src/invoices.py", AI_CODE);
    repo.commitAll("Invoice totals");
    Run audit = aigate(repo, "audit");
    assertEquals(1, audit.exitCode(), audit.output());
    assertTrue(audit.output().contains(origin.substring(0, 12)), audit.output());
  }

  @Test
  void aMoveWithReindentationIsStillAMove() {
    aiWritesScratch();
    String indented = AI_CODE.lines().map(l -> "        " + l).reduce("class Billing:\n", (a, b) -> a + b + "\n");
    repo.write("src/billing.py", indented);
    repo.commitAll("Billing class");
    Run audit = aigate(repo, "audit");
    assertEquals(1, audit.exitCode(), audit.output());
    assertTrue(audit.output().contains("provenance"), audit.output());
  }

  @Test
  void aCopyIntoAnUnprotectedPathIsNotJudged() {
    aiWritesScratch();
    repo.write("tools/invoices.py", AI_CODE);
    repo.commitAll("Copy to tools");
    Run audit = aigate(repo, "audit");
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void copyingAiCodeAroundUnprotectedPathsFirstDoesNotMakeItBoilerplate() {
    // Lines added by many commits are boilerplate (they neither match nor break a run); a pusher
    // who copies AI code into enough unprotected files first must not get that for free.
    copiesThenAMoveIntoSrcAreCaught("tools/copy", "Tooling copy");
  }

  @Test
  void copiesMadeByAiCommitsDoNotMakeAiCodeBoilerplateEither() {
    // The same laundering with the copies labelled AI, which unprotected paths allow: the lines
    // stay the first AI commit's, so re-adding them is no sign that they are an idiom.
    copiesThenAMoveIntoSrcAreCaught("scratch/copy", "Scratch copy\n\n" + Fixtures.CLAUDE);
  }

  private void copiesThenAMoveIntoSrcAreCaught(String copyPrefix, String copyMessage) {
    String origin = aiWritesScratch();
    for (int i = 0; i < AiLineIndex.DF_CAP + 2; i++) {
      repo.write(copyPrefix + i + ".py", AI_CODE);
      repo.commitAll(copyMessage.replaceFirst("copy", "copy " + i));
    }
    repo.write("src/invoices.py", AI_CODE);
    repo.commitAll("Invoice totals");
    Run audit = aigate(repo, "audit");
    assertEquals(1, audit.exitCode(), audit.output());
    assertTrue(audit.output().contains(origin.substring(0, 12)), audit.output());
  }

  @Test
  void sharedIdiomsNeverTrigger() {
    repo.write("scratch/a.py", "def f():\n    return None\n\n\ndef g():\n    pass\n    return None\n}\n");
    repo.commitAll("AI stubs\n\n" + Fixtures.CLAUDE);
    repo.write("src/b.py", "def h():\n    return None\n\n\ndef k():\n    pass\n    return None\n}\n");
    repo.commitAll("human stubs");
    Run audit = aigate(repo, "audit");
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void aRevertThatRestoresAiLinesInPlaceIsNotLaundering() {
    repo.write("src/invoices.py", AI_CODE);
    repo.commitAll("Invoice totals\n\n" + Fixtures.CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>");
    repo.git("rm", "-q", "src/invoices.py");
    String removal = repo.commitAll("Remove invoices");
    repo.git("revert", "--no-edit", removal);
    Run audit = aigate(repo, "audit");
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void linesAHumanWroteFirstAreNotAiWhenAnAgentLaterMovesThem() {
    repo.write("lib/invoices.py", AI_CODE);
    repo.commitAll("Human invoice totals");
    repo.write("scratch/invoices.py", AI_CODE);
    repo.commitAll("Agent copies it\n\n" + Fixtures.CLAUDE);
    repo.write("src/invoices.py", AI_CODE);
    repo.commitAll("Human puts it in the product");
    Run audit = aigate(repo, "audit");
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void aReviewOfTheMovingCommitClearsIt() {
    aiWritesScratch();
    repo.write("src/invoices.py", AI_CODE);
    repo.git("rm", "-q", "scratch/invoices.py");
    repo.commitAll("Move invoices into the product\n\nReviewed-by: Bob Lee <bob@example.com>");
    Run audit = aigate(repo, "audit");
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void aFewMatchedLinesAmongManyNewOnesDoNotFlag() {
    repo.write("scratch/invoices.py", AI_CODE);
    repo.commitAll("Prototype\n\n" + Fixtures.CLAUDE);
    StringBuilder human = new StringBuilder();
    String[] lines = AI_CODE.split("\n");
    human.append(lines[3]).append('\n').append(lines[4]).append('\n');
    for (int i = 0; i < 40; i++) {
      human.append("    handwritten_statement_number_").append(i).append(" = compute_value(").append(i).append(")\n");
    }
    repo.write("src/mine.py", human.toString());
    repo.commitAll("My own work");
    Run audit = aigate(repo, "audit");
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void thePreReceiveGateSeesAMoveWithinOnePush() {
    serverWithMain();
    aiWritesScratch();
    repo.write("src/invoices.py", AI_CODE);
    repo.git("rm", "-q", "scratch/invoices.py");
    repo.commitAll("Move invoices into the product");
    Run gate = preReceiveOfHead();
    assertEquals(1, gate.exitCode(), gate.output());
    assertTrue(gate.output().contains("provenance"), gate.output());
  }

  @Test
  void aMergeThatPastesAiCodeIntoAProtectedPathIsAiByProvenance() {
    serverWithMain();
    repo.git("checkout", "-q", "-b", "prototype");
    String origin = aiWritesScratch();
    repo.git("checkout", "-q", "main");
    repo.write("README.md", "project, moving on\n");
    repo.commitAll("Main moves");
    // The merge resolves nothing, yet adds the prototype's code under src/ as its own.
    repo.git("merge", "-q", "--no-ff", "--no-commit", "prototype");
    repo.write("src/invoices.py", AI_CODE);
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "Merge prototype");
    String merge = repo.git("rev-parse", "HEAD").strip();
    Run gate = preReceiveOfHead();
    assertEquals(1, gate.exitCode(), gate.output());
    assertTrue(gate.output().contains(merge.substring(0, 12) + " src/invoices.py [core]"), gate.output());
    assertTrue(gate.output().contains("came from " + origin.substring(0, 12)), gate.output());
    Run audit = aigate(repo, "audit");
    assertEquals(1, audit.exitCode(), audit.output());
    assertTrue(audit.output().contains(merge.substring(0, 12)), audit.output());
  }

  @Test
  void aMergeWhoseOwnFileIsTooLargeToScoreIsRefusedNotSkipped() {
    serverWithMain();
    repo.git("checkout", "-q", "-b", "side");
    repo.write("docs/side.md", "side\n");
    repo.commitAll("Side");
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--no-ff", "--no-commit", "side");
    repo.write("src/big.py", "x = 1\n".repeat((History.MAX_MERGE_FILE_BYTES / 6) + 1));
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "Merge side");
    Run gate = preReceiveOfHead();
    assertEquals(3, gate.exitCode(), gate.output());
    assertTrue(gate.output().contains("bytes of one file of merged or linked files, more than it follows"), gate.output());
  }

  @Test
  void aMergeThatOnlyBringsInAReviewedAiCommitsLinesCarriesNothingOfItsOwn() {
    serverWithMain();
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("src/invoices.py", AI_CODE);
    repo.commitAll("Invoice totals\n\n" + Fixtures.CLAUDE + "\n" + Fixtures.REVIEWED);
    repo.git("checkout", "-q", "main");
    repo.write("src/other.py", "def unrelated_helper_function(argument_value):\n    return argument_value\n");
    repo.commitAll("Main moves");
    repo.git("merge", "-q", "--no-ff", "feature", "-m", "Merge feature");
    Run gate = preReceiveOfHead();
    assertEquals(0, gate.exitCode(), gate.output());
  }

  @Test
  void aHumanSymlinkThatShowsAiCodeInAProtectedPathIsAiByProvenance() {
    serverWithMain();
    String origin = aiWritesScratch();
    String blob = repo.execWithInput(List.of("git", "hash-object", "-w", "--stdin"), "../scratch/invoices.py").strip();
    repo.git("update-index", "--add", "--cacheinfo", "120000," + blob + ",src/invoices.py");
    String dir = repo.execWithInput(List.of("git", "hash-object", "-w", "--stdin"), "../scratch").strip();
    repo.git("update-index", "--add", "--cacheinfo", "120000," + dir + ",src/lib");
    repo.git("commit", "-q", "-m", "Use the prototype");
    String linked = repo.git("rev-parse", "HEAD").strip();
    Run gate = preReceiveOfHead();
    assertEquals(1, gate.exitCode(), gate.output());
    assertTrue(gate.output().contains(linked.substring(0, 12) + " src/invoices.py [core]"), gate.output());
    assertTrue(gate.output().contains(linked.substring(0, 12) + " src/lib [core]"), gate.output());
    assertTrue(gate.output().contains("came from " + origin.substring(0, 12)), gate.output());
  }

  // The server's persistent index: a push is matched against history that landed before it.

  private Path server;

  private Path serverWithMain() {
    server = tmp.resolve("server.git");
    repo.git("init", "-q", "--bare", "-b", "main", server.toString());
    repo.git("remote", "add", "origin", server.toString());
    repo.git("push", "-q", "origin", "main");
    return server;
  }

  /** Lands the current HEAD on the server's main without judging (history that is already there). */
  private void land() {
    repo.git("push", "-q", "origin", "HEAD:main");
  }

  private Run preReceiveOfHead() {
    String old = repo.git("--git-dir=" + server, "rev-parse", "main").strip();
    String tip = repo.git("rev-parse", "HEAD").strip();
    repo.git("push", "-q", "-f", "origin", tip + ":refs/staging/x");
    Map<String, String> env = new HashMap<>(repo.env());
    env.put("GIT_DIR", ".");
    // A generous deadline: a cold, loaded test JVM must not turn a verdict into a timeout.
    return Runs.aigateWithInput(server, env, old + " " + tip + " refs/heads/main\n", "hook", "pre-receive",
        "--deadline", "60s");
  }

  private Run rebuild() {
    Map<String, String> env = new HashMap<>(repo.env());
    env.put("GIT_DIR", ".");
    return Runs.aigate(server, env, "index", "rebuild");
  }

  @Test
  void aMoveOfAiCodeThatLandedInAnEarlierPushIsCaughtWithTheServersIndex() {
    serverWithMain();
    String origin = aiWritesScratch();
    land();
    Run built = rebuild();
    assertEquals(0, built.exitCode(), built.output());
    assertTrue(built.out().contains("AI line(s)"), built.out());
    repo.write("src/invoices.py", AI_CODE);
    repo.git("rm", "-q", "scratch/invoices.py");
    repo.commitAll("Move invoices into the product");
    Run gate = preReceiveOfHead();
    assertEquals(1, gate.exitCode(), gate.output());
    assertTrue(gate.output().contains(origin.substring(0, 12)), gate.output());
  }

  @Test
  void withoutAnIndexThePushSaysItWasMatchedAgainstItsOwnCommitsOnly() {
    serverWithMain();
    aiWritesScratch();
    land();
    repo.write("src/invoices.py", AI_CODE);
    repo.commitAll("Copy invoices into the product");
    Run gate = preReceiveOfHead();
    assertTrue(gate.output().contains("no AI line index"), gate.output());
    assertTrue(gate.output().contains("aigate index rebuild"), gate.output());
  }

  @Test
  void theIndexCatchesUpWithWhatLandedSinceItWasWritten() {
    serverWithMain();
    Run built = rebuild();
    assertEquals(0, built.exitCode(), built.output());
    String origin = aiWritesScratch();
    land();
    repo.write("src/invoices.py", AI_CODE);
    repo.commitAll("Copy invoices into the product");
    Run gate = preReceiveOfHead();
    assertEquals(1, gate.exitCode(), gate.output());
    assertTrue(gate.output().contains(origin.substring(0, 12)), gate.output());
    assertFalse(gate.output().contains("no AI line index"), gate.output());
  }

  @Test
  void aCorruptIndexIsNamedAndThePushStillJudgesItsOwnCommits() throws Exception {
    serverWithMain();
    Files.createDirectories(server.resolve("aigate"));
    Files.writeString(server.resolve(LineIndexStore.FILE), "not an index");
    aiWritesScratch();
    repo.write("src/invoices.py", AI_CODE);
    repo.git("rm", "-q", "scratch/invoices.py");
    repo.commitAll("Move invoices into the product");
    Run gate = preReceiveOfHead();
    assertEquals(1, gate.exitCode(), gate.output());
    assertTrue(gate.output().contains("cannot be read"), gate.output());
  }

  @Test
  void anIndexOfAnOlderFormatIsNamedAsSuchNotReadAsIfItsHashesMeantTheSame() throws Exception {
    serverWithMain();
    Files.createDirectories(server.resolve("aigate"));
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(server.resolve(LineIndexStore.FILE)))) {
      out.writeUTF("aigate-line-index");
      out.writeInt(LineIndexStore.VERSION - 1);
    }
    aiWritesScratch();
    repo.write("src/invoices.py", AI_CODE);
    repo.git("rm", "-q", "scratch/invoices.py");
    repo.commitAll("Move invoices into the product");
    Run gate = preReceiveOfHead();
    assertEquals(1, gate.exitCode(), gate.output());
    assertTrue(gate.output().contains("format " + (LineIndexStore.VERSION - 1) + ", made by an older aigate"),
        gate.output());
    assertTrue(gate.output().contains("aigate index rebuild"), gate.output());
  }

  @Test
  void rebuildingUnderAPolicyWithoutProvenanceIsAUsageError() {
    repo.write(".aigate.yml", POLICY.replace("enabled: true", "enabled: false"));
    repo.commitAll("provenance off");
    serverWithMain();
    Run built = rebuild();
    assertEquals(2, built.exitCode(), built.output());
    assertTrue(built.output().contains("does not enable ai.provenance"), built.output());
  }

  /** More added lines than provenance follows in one commit. */
  private static String hugeFile() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= LineDiffs.MAX_LINES; i++) {
      b.append("row ").append(i).append('\n');
    }
    return b.toString();
  }

  @Test
  void aProtectedCommitWithMoreAddedLinesThanProvenanceFollowsIsNotJudgedByPart() {
    repo.write("src/table.txt", hugeFile());
    repo.commitAll("Generated lookup table");
    Run audit = aigate(repo, "audit");
    assertEquals(3, audit.exitCode(), audit.output());
    assertTrue(audit.output().contains("added lines in protected paths"), audit.output());
  }

  @Test
  void bulkAdditionsOutsideProtectedPathsAndBulkDeletionsAreJudged() {
    repo.write("data/table.txt", hugeFile());
    repo.commitAll("Generated lookup table");
    repo.git("rm", "-q", "data/table.txt");
    repo.commitAll("Drop the table");
    Run audit = aigate(repo, "audit");
    assertEquals(0, audit.exitCode(), audit.output());
  }

  @Test
  void anAiCommitIndexedInPartIsNamedByTheRebuild() {
    repo.write("scratch/table.txt", hugeFile());
    repo.commitAll("Generate a table\n\n" + Fixtures.CLAUDE);
    serverWithMain();
    Run built = rebuild();
    assertEquals(0, built.exitCode(), built.output());
    assertTrue(built.err().contains("indexed up to that limit only"), built.output());
  }

  @Test
  void explainShowsWhichLinesCameFromWhichAiCommit() {
    String origin = aiWritesScratch();
    repo.write("src/invoices.py", "# invoices\n" + AI_CODE);
    repo.git("rm", "-q", "scratch/invoices.py");
    String moved = repo.commitAll("Move invoices into the product");
    Run text = aigate(repo, "explain", moved);
    assertEquals(1, text.exitCode(), text.output());
    assertTrue(text.out().contains("lines that came from AI commits:"), text.out());
    assertTrue(text.out().contains("src/invoices.py:2-9 from " + origin.substring(0, 12) + " (claude-code, scratch/invoices.py)"),
        text.out());
    assertTrue(text.out().contains("     2 | def normalise_invoice_totals(invoices, currency_table):"), text.out());
    assertFalse(text.out().contains("     1 | # invoices"), "the human line is not traced: " + text.out());

    Run json = aigate(repo, "explain", moved, "--format", "json");
    JsonNode runs = ReportSchema.valid(json.out()).get("lineOrigins");
    assertEquals(1, runs.size(), json.out());
    assertEquals(2, runs.get(0).get("firstLine").asInt());
    assertEquals(AI_CODE.lines().count(), runs.get(0).get("lines").size());
    assertEquals(origin, runs.get(0).get("origins").get(0).get("commit").asText());

    Run before = aigate(repo, "explain", origin, "--format", "json");
    assertFalse(before.out().contains("lineOrigins"), "the AI commit itself is judged by its own evidence: " + before.out());
  }

  @Test
  void aPathWithANewlineCannotWriteItsOwnMarkdownIntoExplain() {
    aiWritesScratch();
    repo.write("src/inv\n# Injected heading `x`.py", AI_CODE);
    String moved = repo.commitAll("Move invoices into the product");
    Run md = aigate(repo, "explain", moved, "--format", "markdown");
    assertEquals(1, md.exitCode(), md.output());
    assertTrue(md.out().contains("Lines that came from AI commits"), md.out());
    assertFalse(md.out().lines().anyMatch(l -> l.startsWith("# Injected")), md.out());
  }

  /** The commits whose history the server's stored index covers. */
  private List<String> indexedTips() throws Exception {
    String key = ServerLineIndex.key(PolicyLoader.parse(POLICY, ".aigate.yml"));
    return LineIndexStore.in(server).load(key).orElseThrow().tips();
  }

  private Run postReceive(String stdin) {
    Map<String, String> env = new HashMap<>(repo.env());
    env.put("GIT_DIR", ".");
    return Runs.aigateWithInput(server, env, stdin, "hook", "post-receive");
  }

  @Test
  void thePostReceiveHookBringsTheIndexUpToDateOnceAPushHasLanded() throws Exception {
    serverWithMain();
    String before = repo.git("rev-parse", "HEAD").strip();
    assertEquals(0, rebuild().exitCode());
    assertEquals(List.of(before), indexedTips());
    aiWritesScratch();
    land();
    String after = repo.git("rev-parse", "HEAD").strip();
    Run post = postReceive(before + " " + after + " refs/heads/main\n");
    assertEquals(0, post.exitCode(), post.output());
    assertEquals("", post.output(), "an index brought up to date says nothing");
    assertEquals(List.of(after), indexedTips());
  }

  @Test
  void thePostReceiveHookWithoutAnIndexSaysHowToBuildOne() {
    serverWithMain();
    Run post = postReceive("");
    assertEquals(0, post.exitCode(), post.output());
    assertTrue(post.output().contains("aigate index rebuild"), post.output());
  }
}
