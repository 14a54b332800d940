package dev.aigate.cli;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/** aigate audit in-process against real repositories: ranges, merges, baselines and every report format. */
class AuditTest {
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      rules:
        - {id: core, paths: ["src/**"], action: require-review}
        - {id: docs, paths: ["docs/**"], action: warn}
      default: allow
      """;
  /** Set -Daigate.updateGolden=true to rewrite the golden reports (then read the diff!). */
  private static final boolean UPDATE = Boolean.getBoolean("aigate.updateGolden");
  private static final Path GOLDEN = Path.of("src/test/resources/reports");

  @TempDir Path tmp;
  TestRepo repo;
  String base;
  String ai;
  String reviewed;
  String docs;

  /** A fixed history: the same commit ids on every run, so reports can be compared byte for byte. */
  @Test
  void explainAgreesWithAuditAboutACommitAReviewedMergeCovers() {
    TestRepo r = TestRepo.init(tmp.resolve("merge"));
    r.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n");
    r.commitAll("base");
    r.git("checkout", "-q", "-b", "feature");
    r.write("src/A.java", "class A { int ai; }\n");
    String aiCommit = r.commitAll("AI change\n\n" + CLAUDE);
    r.git("checkout", "-q", "main");
    r.write("README.md", "moved on\n");
    r.commitAll("main moves");
    r.git("merge", "-q", "--no-ff", "feature", "-m", "Merge feature\n\nReviewed-by: Bob Lee <bob@example.com>");
    Run audit = aigate(r, "audit");
    assertEquals(0, audit.exitCode(), audit.output());
    Run explain = aigate(r, "explain", aiCommit);
    assertEquals(0, explain.exitCode(), explain.output());
    assertTrue(explain.out().contains("on merge"), explain.out());
  }

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp);
    repo.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n").write("README.md", "readme\n");
    base = repo.commitAllAt("Initial import", 1_780_000_000L);
    repo.write("src/A.java", "class A { int x; }\n");
    ai = repo.commitAllAt("Tune A\n\n" + CLAUDE, 1_780_100_000L);
    repo.write("src/B.java", "class B {}\n");
    reviewed = repo.commitAllAt("Add B\n\n" + CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>", 1_782_800_000L);
    repo.write("docs/guide.md", "guide | with a pipe\n");
    docs = repo.commitAllAt("Write the guide\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>",
        1_782_900_000L);
  }

  private Run audit(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "audit";
    System.arraycopy(args, 0, full, 1, args.length);
    return aigate(repo, full);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "sarif", "junit", "markdown", "codequality"})
  void everyFormatMatchesItsGoldenFile(String format) throws Exception {
    Run r = audit("--format", format);
    assertEquals(1, r.exitCode(), r.output());
    // The version changes with every release; the golden file must not have to.
    String out = r.out().replace("\"semanticVersion\" : \"" + version() + "\"", "\"semanticVersion\" : \"@VERSION@\"");
    Path golden = GOLDEN.resolve("audit." + format);
    if (UPDATE) {
      Files.writeString(golden, out);
    }
    assertEquals(Files.readString(golden), out, "golden " + golden);
  }

  @Test
  void sarifIsValidAgainstTheOfficialSchema() throws Exception {
    Run r = audit("--format", "sarif");
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    JsonNode sarif = new ObjectMapper().readTree(r.out());
    Set<ValidationMessage> errors = schema.validate(sarif);
    assertTrue(errors.isEmpty(), errors.toString());
    assertEquals(2, sarif.at("/runs/0/results").size(), "one result per violation");
    assertEquals("src/A.java", sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals(ai, sarif.at("/runs/0/results/0/properties/commit").asText());
    // The validator must be able to fail: a result without its required message is rejected.
    ((ObjectNode) sarif.at("/runs/0/results/0")).remove("message");
    assertFalse(schema.validate(sarif).isEmpty());
  }

  @Test
  void codeQualityHasGitLabsRequiredFieldsAndUniqueFingerprints() throws Exception {
    Run r = audit("--format", "codequality");
    JsonNode issues = new ObjectMapper().readTree(r.out());
    assertEquals(2, issues.size(), r.out());
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode issue : issues) {
      for (String field : new String[] {"/description", "/check_name", "/fingerprint", "/severity", "/location/path"}) {
        assertFalse(issue.at(field).asText().isBlank(), field + " in " + issue);
      }
      assertTrue(issue.at("/location/lines/begin").asInt() >= 1, issue.toString());
      assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(issue.at("/severity").asText()));
      assertTrue(fingerprints.add(issue.at("/fingerprint").asText()), "fingerprints are unique");
    }
    assertEquals("critical", issues.at("/0/severity").asText(), "require-review blocks");
    assertEquals("minor", issues.at("/1/severity").asText(), "warn does not");
  }

  @Test
  void oneAuditWritesEveryFormat() throws Exception {
    Run r = audit("--report", "sarif=a.sarif", "--report", "junit=a.xml", "--report", "codequality=cq.json",
        "--format", "markdown", "--output", "summary.md");
    assertEquals(1, r.exitCode(), r.output());
    for (String f : new String[] {"a.sarif", "a.xml", "cq.json", "summary.md"}) {
      assertTrue(Files.size(repo.dir().resolve(f)) > 0, f);
      assertTrue(r.err().contains("report written to " + f), r.err());
    }
    assertTrue(r.err().contains("aigate: FAIL: 4 commit(s) evaluated"), "the summary still reaches the log: " + r.err());
    assertEquals(2, aigate(repo, "audit", "--report", "pdf=x.pdf").exitCode());
  }

  @Test
  void junitXmlIsWellFormedWithOneCasePerCommitAndRule() throws Exception {
    Run r = audit("--format", "junit");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    assertEquals("4", doc.getDocumentElement().getAttribute("tests"));
    assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
    assertEquals(1, doc.getElementsByTagName("failure").getLength());
  }

  @Test
  void rangeFormsSelectTheRightCommits() {
    assertEquals(1, count(audit("--format", "json", ai + ".." + reviewed)));
    assertEquals(2, count(audit("--format", "json", base + ".." + reviewed)));
    assertEquals(3, count(audit("--format", "json", "^" + base, "HEAD")));
    assertEquals(4, count(audit("--format", "json", "HEAD")));
    assertEquals(3, count(audit("--format", "json", base + "..")));
    repo.git("checkout", "-q", "-b", "side", ai);
    repo.write("docs/other.md", "o\n");
    repo.commitAllAt("Side docs", 1_783_000_000L);
    // A...B: either side, not both: the side commit plus main's two after their merge base (ai).
    assertEquals(3, count(audit("--format", "json", "main...side")));
    assertEquals(5, count(audit("--format", "json", "--all")));
  }

  @Test
  void allLeavesOutHostingRefsUnlessAsked() {
    repo.git("checkout", "-q", "-b", "patchset", reviewed);
    int hosting = 0;
    for (String ref : List.of("refs/changes/01/1/1", "refs/pull/7/head", "refs/merge-requests/3/head",
        "refs/keep-around/abc")) {
      repo.write("src/P" + hosting + ".java", "class P {}\n");
      repo.commitAllAt("Patch " + hosting + "\n\n" + CLAUDE, 1_783_500_000L + hosting);
      repo.git("update-ref", ref, "HEAD");
      hosting++;
    }
    repo.git("checkout", "-q", "main");
    repo.git("branch", "-D", "patchset");
    assertEquals(4, count(audit("--format", "json", "--all")));
    Run with = audit("--format", "json", "--all", "--include-hosting-refs");
    assertEquals(4 + hosting, count(with));
    assertTrue(with.out().contains("--all --include-hosting-refs"), with.out());
    Run alone = audit("--include-hosting-refs");
    assertEquals(2, alone.exitCode(), alone.output());
  }

  @Test
  void sinceLimitsByDate() {
    assertEquals(2, count(audit("--format", "json", "--since", "2026-06-30")));
    assertEquals(0, count(audit("--format", "json", "--since", "yesterday")), "git's forms are dates too");
    assertEquals(2, audit("--since", "soonish").exitCode());
  }

  @Test
  void anEmptyRangeIsSaidAndCanBeAnError() {
    Run empty = audit("HEAD..HEAD");
    assertEquals(0, empty.exitCode(), empty.output());
    assertTrue(empty.out().contains("aigate: pass: 0 commit(s) evaluated"), empty.out());
    Run strict = audit("--fail-on-empty", "HEAD..HEAD");
    assertEquals(2, strict.exitCode());
    assertTrue(strict.err().contains("has no commits (--fail-on-empty)"), strict.err());
  }

  @Test
  void unknownRevisionIsAUsageError() {
    Run r = audit("nope..HEAD");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown revision 'nope'"), r.err());
  }

  @Test
  void baselineSuppressesKnownFindingsOnly() throws Exception {
    Path known = tmp.resolve("baseline.json");
    Files.writeString(known, audit("--format", "json").out());
    Run quiet = audit("--baseline", known.toString());
    assertEquals(0, quiet.exitCode(), quiet.output());
    assertTrue(quiet.out().contains("2 suppressed"), quiet.out());

    repo.write("src/C.java", "class C {}\n");
    String fresh = repo.commitAllAt("Add C\n\n" + CLAUDE, 1_783_100_000L);
    Run newOne = audit("--baseline", known.toString(), "--format", "json");
    assertEquals(1, newOne.exitCode(), newOne.output());
    assertTrue(newOne.out().contains("\"id\" : \"" + fresh + "\""), newOne.out());
    assertTrue(newOne.out().contains("\"suppressed\" : 2"), newOne.out());
  }

  @Test
  void aReviewedMergeCoversItsBranchInAnAuditToo() {
    repo.git("checkout", "-q", "-b", "feature", base);
    repo.write("src/F.java", "class F {}\n");
    String feature = repo.commitAllAt("Add F\n\n" + CLAUDE, 1_783_200_000L);
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--no-ff", "--no-verify", "feature", "-m", "Merge feature\n\nReviewed-by: Bob Lee <bob@example.com>");
    Run r = audit("--format", "json", reviewed + "..HEAD");
    assertTrue(r.out().contains("\"id\" : \"" + feature + "\""), r.out());
    assertTrue(r.out().contains("allowed reviewer, on merge"), r.out());
    Run text = audit(reviewed + "..HEAD");
    assertEquals(0, text.exitCode(), text.output());
    assertFalse(text.out().contains("src/F.java"), "no violation for the covered commit: " + text.out());
    // The same commit without the reviewed merge on top is a violation.
    Run alone = audit(reviewed + ".." + feature);
    assertEquals(1, alone.exitCode(), alone.output());
    assertTrue(alone.out().contains("src/F.java: AI-attributed change"), alone.out());
  }

  @Test
  void aMergeReviewSpelledThroughATrailerKeySettingCoversItsBranch() {
    // git reads "rev:" as Reviewed-by under trailer.rev.key; a merge skipped for not spelling
    // the key out lost the review of every commit it brought in.
    repo.git("config", "trailer.rev.key", "Reviewed-by");
    repo.git("checkout", "-q", "-b", "feature", base);
    repo.write("src/F.java", "class F {}\n");
    repo.commitAllAt("Add F\n\n" + CLAUDE, 1_783_200_000L);
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--no-ff", "--no-verify", "feature", "-m", "Merge feature\n\nrev: Bob Lee <bob@example.com>");
    Run r = audit(reviewed + "..HEAD");
    assertEquals(0, r.exitCode(), r.output());
    assertFalse(r.out().contains("src/F.java"), "the merge's review covers the commit: " + r.out());
  }

  @Test
  void aMergeReviewDoesNotCountForTheReviewersOwnCommitsItBringsIn() {
    repo.git("checkout", "-q", "-b", "feature", base);
    repo.write("src/F.java", "class F {}\n");
    String others = repo.commitAllAt("Add F\n\n" + CLAUDE, 1_783_200_000L);
    repo.write("src/G.java", "class G {}\n");
    repo.git("add", "-A");
    String date = "1783300000 +0000";
    repo.run(Map.of("GIT_AUTHOR_NAME", "Bob Lee", "GIT_AUTHOR_EMAIL", "bob@example.com", "GIT_AUTHOR_DATE", date,
        "GIT_COMMITTER_DATE", date), "commit", "-q", "--no-verify", "-m", "Add G\n\n" + CLAUDE);
    String bobs = repo.git("rev-parse", "HEAD").strip();
    repo.write("src/H.java", "class H {}\n");
    String third = repo.commitAllAt("Add H\n\n" + CLAUDE, 1_783_400_000L);
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--no-ff", "--no-verify", "feature", "-m", "Merge feature\n\nReviewed-by: Bob Lee <bob@example.com>");
    Run r = audit(reviewed + "..HEAD");
    assertEquals(1, r.exitCode(), r.output());
    // Bob's review on the merge covers the commits of others, before and after his own, but not his.
    assertTrue(r.out().contains("src/G.java: AI-attributed change"), r.out());
    assertFalse(r.out().contains("src/F.java"), r.out());
    assertFalse(r.out().contains("src/H.java"), r.out());
    Run json = audit("--format", "json", reviewed + "..HEAD");
    assertTrue(json.out().contains(others) && json.out().contains(bobs) && json.out().contains(third), json.out());
  }

  @Test
  void renamesOutOfAProtectedPathAreCaught() {
    repo.write("lib/.keep", "");
    repo.git("mv", "src/A.java", "lib/A.java");
    repo.commitAllAt("Move A\n\n" + CLAUDE, 1_783_300_000L);
    Run r = audit("HEAD~1..HEAD");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.out().contains("src/A.java: AI-attributed change"), r.out());
  }

  @Test
  void shallowBoundaryCommitsAreNotDiffedAgainstAnEmptyTree() {
    Path clone = tmp.resolve("shallow");
    repo.git("clone", "-q", "--depth", "1", "file://" + repo.dir(), clone.toString());
    Run r = aigate(clone, repo.env(), "audit", "--format", "json");
    // The boundary commit is AI-attributed here: its paths cannot be told, so it cannot be judged.
    assertEquals(3, r.exitCode(), r.output());
    assertTrue(r.out().contains("shallow clone: 1 boundary commit(s)"), r.out());
    // Diffed against an empty tree, the boundary commit would "add" src/A.java, which it did not touch.
    assertFalse(r.out().contains("\"path\" : \"src/A.java\""), "the boundary commit's whole tree is not 'added': " + r.out());
  }

  @Test
  void anAiAttributedShallowBoundaryCommitCannotBeJudgedAndFailsTheAudit() {
    repo.write("src/A.java", "class A { int ai; }\n");
    repo.commitAll("Tune A\n\n" + CLAUDE);
    Path clone = tmp.resolve("shallow-ai");
    repo.git("clone", "-q", "--depth", "1", "file://" + repo.dir(), clone.toString());
    Run r = aigate(clone, repo.env(), "audit");
    assertEquals(3, r.exitCode(), r.output());
    assertTrue(r.output().contains("its parents are not in this clone (shallow)"), r.output());
  }

  @Test
  void reportCanGoToAFileWithTheSummaryOnStderr() throws Exception {
    Run r = audit("--format", "sarif", "--output", "out.sarif");
    assertEquals(1, r.exitCode());
    assertTrue(Files.readString(repo.dir().resolve("out.sarif")).contains("\"version\" : \"2.1.0\""));
    assertTrue(r.err().contains("aigate: FAIL: 4 commit(s) evaluated, 3 AI-attributed"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void partialCloneMissingContentIsReportedNotSkipped() throws Exception {
    repo.git("config", "uploadpack.allowFilter", "true");
    Path clone = tmp.resolve("partial");
    repo.git("clone", "-q", "--no-checkout", "--filter=blob:none", "file://" + repo.dir(), clone.toString());
    Path withContent = tmp.resolve("content.yml");
    Files.writeString(withContent, POLICY + "ai: {content: ['(?i)generated by chatgpt']}\n");
    Run r = aigate(clone, repo.env(), "audit", "--policy", withContent.toString());
    assertEquals(3, r.exitCode(), r.output());
    assertTrue(r.out().contains("not judged: "), r.out());
    assertTrue(r.out().contains("partial clone"), r.out());
  }

  private static String version() throws IOException {
    Properties p = new Properties();
    try (InputStream in = AuditTest.class.getResourceAsStream("/dev/aigate/version.properties")) {
      p.load(in);
    }
    return p.getProperty("version");
  }

  private static int count(Run r) {
    int at = r.out().indexOf("\"commits\" : ");
    assertTrue(at >= 0, r.output());
    String rest = r.out().substring(at + 12);
    return Integer.parseInt(rest.substring(0, rest.indexOf(',')).strip());
  }

  /** Issue 8 item 15: a pull request that loosens .aigate.yml must still be judged by its base's policy. */
  @Test
  void policyRevJudgesARangeUnderThePolicyAtTheBase() {
    String prBase = docs;
    repo.write(".aigate.yml", POLICY.replace("action: require-review", "action: allow"));
    repo.commitAllAt("Relax the gate", 1_783_000_000L);
    repo.write("src/C.java", "class C {}\n");
    repo.commitAllAt("Add C\n\n" + CLAUDE, 1_783_100_000L);
    String range = prBase + "..HEAD";
    Run own = audit(range);
    assertEquals(0, own.exitCode(), "control: under the head's own policy the AI commit passes\n" + own.output());
    Run atBase = audit("--policy-rev", prBase, range);
    assertEquals(1, atBase.exitCode(), atBase.output());
    assertTrue(atBase.output().contains("core"), atBase.output());
  }

  @Test
  void policyRevThatDoesNotExistIsAUsageError() {
    Run r = audit("--policy-rev", "no-such-branch", "HEAD");
    assertEquals(2, r.exitCode(), r.output());
    assertTrue(r.output().contains("no-such-branch"), r.output());
  }

  @Test
  void policyRevWithPolicyIsAUsageError() {
    Run r = audit("--policy", ".aigate.yml", "--policy-rev", "HEAD", "HEAD");
    assertEquals(2, r.exitCode(), r.output());
  }

  @Test
  void zeroThreadsIsAUsageError() {
    Run r = audit("--threads", "0");
    assertEquals(2, r.exitCode(), r.output());
  }

  @Test
  void exitZeroWaivesTheVerdictButNotAUsageError() {
    Run r = audit("--exit-zero");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("FAIL"), "the report still says FAIL\n" + r.output());
    assertEquals(2, audit("--exit-zero", "no-such-branch").exitCode());
  }
}
