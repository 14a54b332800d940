package dev.aigate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Review;
import dev.aigate.detect.Verdict;
import dev.aigate.detect.Violation;
import dev.aigate.git.Change;
import dev.aigate.git.Trailer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The machine report. Its field names are a contract (docs/report-json.md): tools and later
 * aigate versions may add fields, never rename or remove them.
 */
final class JsonReporter implements Reporter {
  static final int SCHEMA_VERSION = 1;

  @Override
  public void write(Verdict verdict, PrintStream out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("version", SCHEMA_VERSION);
      g.writeObjectFieldStart("summary");
      g.writeNumberField("commits", verdict.commits().size());
      g.writeNumberField("aiCommits", verdict.aiCommits());
      g.writeNumberField("violations", verdict.violationCount());
      g.writeNumberField("blocking", verdict.commits().stream()
          .flatMap(c -> c.violations().stream()).filter(Violation::blocking).count());
      g.writeStringField("verdict", verdict.passed() ? "pass" : "fail");
      g.writeStringField("mode", verdict.warnMode() ? "warn" : "enforce");
      g.writeStringField("policy", verdict.policyOrigin());
      g.writeEndObject();
      g.writeArrayFieldStart("commits");
      for (CommitVerdict c : verdict.commits()) {
        commit(c, g);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void commit(CommitVerdict c, JsonGenerator g) throws IOException {
    Change ch = c.change();
    g.writeStartObject();
    g.writeStringField("id", ch.id());
    if (c.ref() != null) {
      g.writeStringField("ref", c.ref());
    }
    g.writeStringField("author", ch.author().toString());
    g.writeStringField("committer", ch.committer().toString());
    g.writeStringField("subject", ch.subject());
    g.writeStringField("verdict", c.blocked() ? "fail" : "pass");
    g.writeArrayFieldStart("trailers");
    for (Trailer t : ch.trailers()) {
      g.writeStartObject();
      g.writeStringField("key", t.key());
      g.writeStringField("value", t.value());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("ai");
    for (Evidence e : c.ai()) {
      g.writeStartObject();
      g.writeStringField("tool", e.tool().id());
      g.writeStringField("vendor", e.tool().vendor());
      g.writeStringField("signal", e.signal().label());
      g.writeStringField("evidence", e.evidence());
      if (e.path() != null) {
        g.writeStringField("path", e.path());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("reviews");
    for (Review r : c.reviews()) {
      g.writeStartObject();
      g.writeStringField("reviewer", r.reviewer());
      g.writeStringField("key", r.key());
      g.writeBooleanField("valid", r.valid());
      g.writeStringField("reason", r.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("violations");
    for (Violation v : c.violations()) {
      g.writeStartObject();
      g.writeStringField("rule", v.rule());
      g.writeStringField("path", v.path());
      g.writeStringField("action", v.action().yamlName());
      g.writeStringField("message", v.message());
      g.writeStringField("fix", v.fix());
      g.writeBooleanField("blocking", v.blocking());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
