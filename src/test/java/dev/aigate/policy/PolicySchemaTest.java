package dev.aigate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The editor schema and the loader must agree: every example policy validates, and no key drifts. */
class PolicySchemaTest {
  private static final Path SCHEMA = Path.of("schema/aigate-policy.schema.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> examplePolicies() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("policies"))) {
      s.filter(p -> p.toString().endsWith(".yml")).forEach(out::add);
    }
    out.add(Path.of("src/main/resources/dev/aigate/gate/starter.yml"));
    assertTrue(out.size() >= 5);
    return out.stream().sorted();
  }

  private static JsonSchema schema() throws IOException {
    try (var in = Files.newInputStream(SCHEMA)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  private static JsonNode yamlAsJson(String yaml) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return JSON.valueToTree(tree);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examplePolicies")
  void everyExamplePolicyLoadsAndValidatesAgainstTheSchema(Path policy) throws Exception {
    String text = Files.readString(policy);
    PolicyLoader.parse(text, policy.toString());
    assertEquals(Set.of(), schema().validate(yamlAsJson(text)), policy.toString());
  }

  @Test
  void theSchemaRejectsWhatTheLoaderRejects() throws Exception {
    assertFalse(schema().validate(yamlAsJson("version: 1\nreview: {reveiwers: []}\n")).isEmpty());
    assertFalse(schema().validate(yamlAsJson("version: 1\nrules: [{id: x, paths: [a], action: block}]\n")).isEmpty());
    assertFalse(schema().validate(yamlAsJson("mode: warn\n")).isEmpty(), "version is required");
  }

  /** Drift: a key the loader accepts must be in the schema, and the other way round. */
  @Test
  void schemaAndLoaderKnowTheSameKeys() throws Exception {
    JsonNode s = JSON.readTree(SCHEMA.toFile());
    Map<String, JsonNode> objects = Map.of(
        "policy", s.get("properties"),
        "review", s.at("/properties/review/properties"),
        "signatures", s.at("/properties/review/properties/signatures/properties"),
        "ai", s.at("/properties/ai/properties"),
        "rule", s.at("/definitions/rule/properties"),
        "tool", s.at("/definitions/tool/properties"),
        "provenance", s.at("/properties/ai/properties/provenance/properties"));
    PolicyLoader.knownKeys().forEach((where, keys) -> {
      Set<String> inSchema = new TreeSet<>();
      objects.get(where).fieldNames().forEachRemaining(inSchema::add);
      assertEquals(new TreeSet<>(keys), inSchema, "keys of " + where);
    });
  }

  @Test
  void schemaAndLoaderKnowTheSameActions() throws Exception {
    JsonNode s = JSON.readTree(SCHEMA.toFile());
    Set<String> inSchema = new TreeSet<>();
    s.at("/definitions/action/enum").forEach(n -> inSchema.add(n.asText()));
    Set<String> loader = new TreeSet<>();
    for (Action a : Action.values()) {
      if (Action.fromYaml(a.yamlName()) != null) {
        loader.add(a.yamlName());
      }
    }
    assertEquals(loader, inSchema);
  }
}
