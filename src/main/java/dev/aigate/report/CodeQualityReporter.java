package dev.aigate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Fingerprint;
import dev.aigate.detect.Violation;
import dev.aigate.policy.Action;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * GitLab's Code Quality report (the {@code codequality} artifact, a subset of Code Climate's
 * format): one issue per violation, with {@code description}, {@code check_name},
 * {@code fingerprint} (unique per finding), {@code severity} and {@code location.path} /
 * {@code location.lines.begin}. GitLab shows them in the merge request widget and the diff.
 * Commit-level findings are located as in SARIF (the first file the commit touches).
 */
final class CodeQualityReporter implements Reporter {
  @Override
  public void write(Report report, PrintStream out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartArray();
      for (CommitVerdict c : report.verdict().commits()) {
        for (Violation v : c.violations()) {
          issue(c, v, g);
        }
      }
      g.writeEndArray();
      g.flush();
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void issue(CommitVerdict c, Violation v, JsonGenerator g) throws IOException {
    String id = c.change().id();
    g.writeStartObject();
    g.writeStringField("type", "issue");
    g.writeStringField("check_name", "aigate/" + v.rule());
    g.writeStringField("description", Sanitize.line(v.message() + " (commit " + id.substring(0, Math.min(12, id.length()))
        + ": " + c.change().subject() + ")" + (v.blocking() ? "; fix: " + v.fix() : "")));
    g.writeArrayFieldStart("categories");
    g.writeString("Security");
    g.writeEndArray();
    g.writeStringField("fingerprint", Fingerprint.stable(c, v));
    g.writeStringField("severity", severity(v));
    g.writeObjectFieldStart("location");
    g.writeStringField("path", SarifReporter.location(c, v));
    g.writeObjectFieldStart("lines");
    g.writeNumberField("begin", Math.max(1, SarifReporter.firstLine(c, v)));
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  /** GitLab's scale: info, minor, major, critical, blocker. */
  static String severity(Violation v) {
    if (!v.blocking()) {
      return "minor";
    }
    return v.action() == Action.DENY ? "blocker" : "critical";
  }
}
