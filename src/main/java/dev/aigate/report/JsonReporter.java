package dev.aigate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Fingerprint;
import dev.aigate.detect.Review;
import dev.aigate.detect.Statistics;
import dev.aigate.detect.Suppression;
import dev.aigate.detect.Verdict;
import dev.aigate.detect.Violation;
import dev.aigate.gate.PushDecision;
import dev.aigate.gate.PushOutcome;
import dev.aigate.gate.RefPlan;
import dev.aigate.git.Change;
import dev.aigate.git.Trailer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine report. Its field names are a contract (docs/report-json.md): tools and later
 * aigate versions may add fields, never rename or remove them.
 */
final class JsonReporter implements Reporter {
  static final int SCHEMA_VERSION = 1;
  private final ReportOptions options;

  JsonReporter(ReportOptions options) {
    this.options = options;
  }

  @Override
  public void write(Report report, PrintStream out) {
    write(report, null, out);
  }

  /** The report of a push: the standard report with the push's decision ({@code push}) first. */
  static void writePush(PushOutcome outcome, PrintStream out) {
    new JsonReporter(new ReportOptions(false, false, false)).write(Report.of(outcome.verdict()), outcome, out);
  }

  private void write(Report report, PushOutcome push, PrintStream out) {
    Verdict verdict = report.verdict();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("version", SCHEMA_VERSION);
      if (push != null) {
        push(push, g);
      }
      g.writeObjectFieldStart("summary");
      g.writeNumberField("commits", verdict.commits().size());
      g.writeNumberField("aiCommits", verdict.aiCommits());
      g.writeNumberField("violations", verdict.violationCount());
      g.writeNumberField("blocking", verdict.commits().stream()
          .flatMap(c -> c.violations().stream()).filter(Violation::blocking).count());
      g.writeStringField("verdict", verdict.passed() ? "pass" : "fail");
      g.writeStringField("mode", verdict.warnMode() ? "warn" : "enforce");
      g.writeStringField("policy", verdict.policyOrigin());
      if (report.scope() != null) {
        g.writeStringField("scope", report.scope());
      }
      if (report.isAudit()) {
        g.writeNumberField("paths", report.stats().pathsJudged());
        g.writeNumberField("suppressed", report.suppressed().size());
      }
      g.writeEndObject();
      if (report.isAudit()) {
        statistics(report.stats(), g);
      }
      g.writeArrayFieldStart("notes");
      for (String n : report.notes()) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("commits");
      Map<String, List<Suppression>> suppressed = new HashMap<>();
      for (Suppression s : report.suppressed()) {
        suppressed.computeIfAbsent(s.commit().change().id(), k -> new ArrayList<>()).add(s);
      }
      for (CommitVerdict c : verdict.commits()) {
        List<Suppression> known = suppressed.getOrDefault(c.change().id(), List.of());
        // An audit lists what matters (AI evidence or a violation); summary counts everything.
        if (!report.isAudit() || options.verbose() || c.isAi() || !c.violations().isEmpty() || !known.isEmpty()) {
          commit(c, known, g);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void push(PushOutcome o, JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("push");
    PushDecision d = o.decision();
    g.writeStringField("decision", d.label());
    g.writeBooleanField("accepted", d.accepted());
    g.writeStringField("pusher", o.context().pusher());
    if (d instanceof PushDecision.BreakGlass b) {
      g.writeStringField("breakGlassReason", b.reason());
      g.writeNumberField("overriddenViolations", b.blocking());
    } else if (d instanceof PushDecision.Rejected r) {
      g.writeArrayFieldStart("causes");
      for (PushDecision.Cause c : r.causes()) {
        g.writeString(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("details");
      for (String detail : r.details()) {
        g.writeString(detail);
      }
      g.writeEndArray();
    }
    g.writeNumberField("pendingCommits", o.pendingCommits());
    g.writeNumberField("pendingRefs", o.pendingRefs());
    g.writeNumberField("elapsedMs", o.elapsed().toMillis());
    g.writeArrayFieldStart("refs");
    for (RefPlan plan : o.plans()) {
      g.writeStartObject();
      g.writeStringField("ref", plan.ref());
      if (plan instanceof RefPlan.Judge j) {
        g.writeStringField("plan", "judge");
        g.writeStringField("target", j.target());
        g.writeStringField("policy", j.policy().origin());
      } else if (plan instanceof RefPlan.Skip) {
        g.writeStringField("plan", "skip");
        g.writeStringField("reason", plan.describe());
      } else if (plan instanceof RefPlan.Refuse rf) {
        g.writeStringField("plan", "refuse");
        g.writeStringField("reason", rf.reason());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void statistics(Statistics s, JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("stats");
    g.writeNumberField("commits", s.commits());
    g.writeNumberField("aiCommits", s.aiCommits());
    g.writeNumberField("aiShare", s.aiSharePercent());
    for (var entry : Map.of("byTool", s.byTool(), "byTopLevelPath", s.byTopLevel(), "byMonth", s.byMonth())
        .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      g.writeObjectFieldStart(entry.getKey());
      for (var count : entry.getValue().entrySet()) {
        g.writeNumberField(count.getKey(), count.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void commit(CommitVerdict c, List<Suppression> suppressed, JsonGenerator g) throws IOException {
    Change ch = c.change();
    g.writeStartObject();
    g.writeStringField("id", ch.id());
    if (c.ref() != null) {
      g.writeStringField("ref", c.ref());
    }
    g.writeStringField("author", ch.author().toString());
    g.writeStringField("committer", ch.committer().toString());
    if (ch.authorTime() > 0) {
      g.writeStringField("authorDate", Instant.ofEpochSecond(ch.authorTime()).toString());
    }
    if (ch.commitTime() > 0) {
      g.writeStringField("commitDate", Instant.ofEpochSecond(ch.commitTime()).toString());
    }
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
      g.writeStringField("kind", e.kind().label());
      g.writeStringField("confidence", e.confidence().label());
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
      violation(c, v, null, g);
    }
    for (Suppression s : suppressed) {
      violation(c, s.violation(), s, g);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void violation(CommitVerdict c, Violation v, Suppression suppression, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("rule", v.rule());
    g.writeStringField("path", v.path());
    g.writeStringField("action", v.action().yamlName());
    g.writeStringField("message", v.message());
    g.writeStringField("fix", v.fix());
    g.writeStringField("fingerprint", Fingerprint.of(c, v));
    g.writeStringField("stableFingerprint", Fingerprint.stable(c, v));
    // A suppressed finding does not block, whatever it would have done.
    g.writeBooleanField("blocking", suppression == null && v.blocking());
    g.writeBooleanField("suppressed", suppression != null);
    if (suppression != null) {
      g.writeStringField("suppressedBy", suppression.source().label());
      if (!suppression.reason().isEmpty()) {
        g.writeStringField("reason", suppression.reason());
      }
    }
    g.writeEndObject();
  }
}
