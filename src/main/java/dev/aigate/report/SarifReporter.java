package dev.aigate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Fingerprint;
import dev.aigate.detect.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * SARIF 2.1.0, for code-scanning UIs (GitHub code scanning, GitLab, IDEs): one result per
 * violation, located at its path, with the commit, ref and evidence as properties and the
 * baseline fingerprint as a partial fingerprint. Checked against the official schema in tests.
 */
final class SarifReporter implements Reporter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  @Override
  public void write(Report report, PrintStream out) {
    Map<String, Violation> rules = new LinkedHashMap<>();
    for (CommitVerdict c : report.verdict().commits()) {
      for (Violation v : c.violations()) {
        rules.putIfAbsent(v.rule(), v);
      }
    }
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    rules.keySet().forEach(r -> ruleIndex.put(r, ruleIndex.size()));
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "aigate");
      g.writeStringField("semanticVersion", version());
      g.writeArrayFieldStart("rules");
      for (Map.Entry<String, Violation> r : rules.entrySet()) {
        g.writeStartObject();
        g.writeStringField("id", r.getKey());
        g.writeStringField("name", r.getKey());
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", "aigate policy rule '" + r.getKey() + "' (" + r.getValue().action().yamlName() + ")");
        g.writeEndObject();
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", r.getValue().action().blocks() ? "error" : "warning");
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("action", r.getValue().action().yamlName());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      for (CommitVerdict c : report.verdict().commits()) {
        for (Violation v : c.violations()) {
          result(c, v, ruleIndex.get(v.rule()), g);
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("invocations");
      g.writeStartObject();
      g.writeBooleanField("executionSuccessful", true);
      g.writeArrayFieldStart("toolExecutionNotifications");
      for (String note : report.notes()) {
        g.writeStartObject();
        g.writeObjectFieldStart("message");
        g.writeStringField("text", note);
        g.writeEndObject();
        g.writeStringField("level", "note");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void result(CommitVerdict c, Violation v, int index, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", v.rule());
    g.writeNumberField("ruleIndex", index);
    g.writeStringField("level", v.blocking() ? "error" : "warning");
    g.writeObjectFieldStart("message");
    String id = c.change().id();
    g.writeStringField("text", v.message() + " (commit " + id.substring(0, Math.min(12, id.length())) + ")"
        + (v.blocking() ? ". Fix: " + v.fix() : ""));
    g.writeEndObject();
    if (!v.path().isEmpty()) {
      // A commit-level violation (disclosure) has no file to point at.
      g.writeArrayFieldStart("locations");
      g.writeStartObject();
      g.writeObjectFieldStart("physicalLocation");
      g.writeObjectFieldStart("artifactLocation");
      g.writeStringField("uri", uri(v.path()));
      g.writeStringField("uriBaseId", "%SRCROOT%");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField("aigate/v1", Fingerprint.of(c, v));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("commit", id);
    if (c.ref() != null) {
      g.writeStringField("ref", c.ref());
    }
    g.writeStringField("author", c.change().author().toString());
    g.writeStringField("action", v.action().yamlName());
    g.writeArrayFieldStart("evidence");
    for (Evidence e : c.ai()) {
      g.writeString(e.toString());
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  /** A relative URI reference for a repository path: each segment percent-encoded (RFC 3986). */
  static String uri(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private static String version() {
    Properties p = new Properties();
    try (InputStream in = SarifReporter.class.getResourceAsStream("/dev/aigate/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the version is decoration here
    }
    return p.getProperty("version", "0.0.0");
  }
}
