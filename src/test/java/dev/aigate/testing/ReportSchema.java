package dev.aigate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** schema/aigate-report.schema.json, which every JSON report a test produces must satisfy. */
public final class ReportSchema {
  private static final JsonSchema SCHEMA = load();

  private ReportSchema() {}

  private static JsonSchema load() {
    try (InputStream in = Files.newInputStream(Path.of("schema/aigate-report.schema.json"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problems of a report; empty when it is valid. */
  public static Set<ValidationMessage> problems(JsonNode report) {
    return SCHEMA.validate(report);
  }

  /** Parses a report and fails the test when it does not satisfy the schema. */
  public static JsonNode valid(String json) {
    try {
      JsonNode node = new ObjectMapper().readTree(json);
      Set<ValidationMessage> problems = problems(node);
      if (!problems.isEmpty()) {
        throw new AssertionError("the JSON report does not satisfy schema/aigate-report.schema.json: " + problems + "\n" + json);
      }
      return node;
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + e.getMessage() + "\n" + json, e);
    }
  }
}
