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
import dev.aigate.BuildInfo;
import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SARIF as GitHub code scanning ingests it: every result located (commit-level findings too),
 * rules described with their fix, regions for content markers, and {@code --sarif-scope head}.
 * The golden file {@code reports/findings.sarif} is also what .ci/run gives the SARIF Multitool
 * ({@code validate --rule-kind "Gh;Sarif"}).
 */
class SarifReportTest {
  private static final String POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      ai:
        disclosure: [Assisted-by]
        content: ["AI-GENERAT[E]D"]
      rules:
        - {id: core, paths: ["src/**"], action: require-review}
        - {id: secrets, paths: ["secrets/**"], action: deny}
      default: allow
      """;
  private static final Path GOLDEN = Path.of("src/test/resources/reports/findings.sarif");
  private static final boolean UPDATE = Boolean.getBoolean("aigate.updateGolden");

  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp);
    repo.write(".aigate.yml", POLICY).write("src/A.java", "class A {}\n").write("README.md", "readme\n");
    repo.commitAllAt("Initial import", 1_780_000_000L);
    // A content marker on line 3 of a protected file: the result's region.
    repo.write("src/A.java", "class A {\n  int x;\n  // AI-GENERATED\n}\n");
    repo.commitAllAt("Tune A", 1_780_100_000L);
    // A commit-level finding (no disclosure) and a deny on a file deleted later.
    repo.write("secrets/old.key", "k\n");
    repo.commitAllAt("Add key <b>|`x`\n\n" + Fixtures.CLAUDE, 1_780_200_000L);
    repo.git("rm", "-q", "secrets/old.key");
    repo.commitAllAt("Remove key", 1_780_300_000L);
  }

  private JsonNode sarif(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("audit", "--format", "sarif"));
    args.addAll(List.of(extra));
    Run r = aigate(repo, args.toArray(String[]::new));
    assertEquals(1, r.exitCode(), r.output());
    return new ObjectMapper().readTree(r.out());
  }

  private static JsonSchema schema() throws Exception {
    try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  @Test
  void matchesItsGoldenFileAndTheSchema() throws Exception {
    Run r = aigate(repo, "audit", "--format", "sarif");
    String out = r.out().replace("\"semanticVersion\" : \"" + BuildInfo.version() + "\"",
        "\"semanticVersion\" : \"0.0.0\"");
    if (UPDATE) {
      Files.writeString(GOLDEN, out);
    }
    assertEquals(Files.readString(GOLDEN), out, "golden " + GOLDEN);
    Set<ValidationMessage> errors = schema().validate(new ObjectMapper().readTree(out));
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void everyResultHasALocationCommitLevelOnesTheFirstFileTheCommitTouches() throws Exception {
    JsonNode results = sarif().at("/runs/0/results");
    assertEquals(4, results.size(), results.toString());
    for (JsonNode result : results) {
      assertTrue(result.at("/locations/0/physicalLocation/artifactLocation/uri").isTextual(), result.toString());
      assertEquals("%SRCROOT%", result.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText());
      assertTrue(result.at("/partialFingerprints/aigate~1v1").isTextual(), result.toString());
      assertTrue(result.at("/partialFingerprints/aigate~1v2").isTextual(), result.toString());
      for (String property : List.of("commit", "tool", "vendor", "rule", "action")) {
        assertTrue(result.at("/properties/" + property).isTextual(), property + " in " + result);
      }
    }
    JsonNode disclosure = results.get(2);
    assertEquals("disclosure", disclosure.at("/ruleId").asText());
    assertEquals("secrets/old.key", disclosure.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals("commit", disclosure.at("/properties/scope").asText());
    assertEquals("require-disclosure", disclosure.at("/properties/action").asText());
  }

  @Test
  void aContentMarkerGivesTheRegionOfItsFirstAddedLine() throws Exception {
    JsonNode core = find(sarif().at("/runs/0/results"), "core");
    assertEquals(3, core.at("/locations/0/physicalLocation/region/startLine").asInt(), core.toString());
    assertEquals("unknown", core.at("/properties/tool").asText());
    JsonNode deny = find(sarif().at("/runs/0/results"), "secrets");
    assertTrue(deny.at("/locations/0/physicalLocation/region").isMissingNode(), "no line is known for a trailer");
  }

  @Test
  void rulesCarryDescriptionsHelpWithTheFixAndALink() throws Exception {
    JsonNode run = sarif().at("/runs/0");
    assertTrue(run.at("/tool/driver/informationUri").asText().startsWith("https://"));
    assertTrue(run.at("/tool/driver/semanticVersion").asText().matches("\\d+\\.\\d+\\.\\d+.*"));
    for (JsonNode rule : run.at("/tool/driver/rules")) {
      for (String field : List.of("/name", "/shortDescription/text", "/fullDescription/text", "/help/text",
          "/help/markdown", "/helpUri")) {
        assertFalse(rule.at(field).asText().isBlank(), field + " of " + rule);
      }
      assertTrue(rule.at("/help/text").asText().contains("Fix: "), rule.toString());
      assertTrue(rule.at("/helpUri").asText().contains("docs/policy.md#"), rule.toString());
      assertFalse(rule.at("/name").asText().equals(rule.at("/id").asText()), "a human name, not the id");
    }
    assertTrue(find(run.at("/tool/driver/rules"), "core", "/id").at("/help/markdown").asText().contains("Reviewed-by"));
  }

  @Test
  void headScopeKeepsOnlyFindingsOnPathsThatExistAtTheTip() throws Exception {
    JsonNode history = sarif("--sarif-scope", "history");
    JsonNode head = sarif("--sarif-scope", "head");
    assertEquals(4, history.at("/runs/0/results").size());
    JsonNode kept = head.at("/runs/0/results");
    assertEquals(2, kept.size(), kept.toString());
    for (JsonNode result : kept) {
      assertEquals("src/A.java", result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    }
    // Rules follow the results (ruleIndex must point into them), and the reader is told.
    assertEquals(2, head.at("/runs/0/tool/driver/rules").size());
    assertTrue(head.at("/runs/0/invocations/0/toolExecutionNotifications").toString().contains("2 finding(s)"));
    assertTrue(schema().validate(head).isEmpty());
  }

  @Test
  void anUnknownScopeIsAUsageError() {
    Run r = aigate(repo, "audit", "--format", "sarif", "--sarif-scope", "tip");
    assertEquals(2, r.exitCode(), r.output());
  }

  private static JsonNode find(JsonNode results, String rule) {
    return find(results, rule, "/ruleId");
  }

  private static JsonNode find(JsonNode results, String rule, String field) {
    for (JsonNode r : results) {
      if (r.at(field).asText().equals(rule)) {
        return r;
      }
    }
    throw new AssertionError("no result for rule " + rule + " in " + results);
  }
}
