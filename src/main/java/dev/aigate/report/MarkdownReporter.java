package dev.aigate.report;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Statistics;
import dev.aigate.detect.Verdict;
import dev.aigate.detect.Violation;
import java.io.PrintStream;
import java.util.Map;

/** Markdown for CI job summaries and pull-request comments. */
final class MarkdownReporter implements Reporter {
  static final int MAX_ROWS = 50;

  @Override
  public void write(Report report, PrintStream out) {
    Verdict v = report.verdict();
    long blocking = v.commits().stream().flatMap(c -> c.violations().stream()).filter(Violation::blocking).count();
    out.println("## aigate: " + (v.passed() ? "✅ pass" : "❌ " + blocking + " blocking violation(s)"));
    out.println();
    out.println("| commits evaluated | AI-attributed | violations | paths judged | suppressed by baseline |");
    out.println("| ---: | ---: | ---: | ---: | ---: |");
    out.println("| " + v.commits().size() + " | " + v.aiCommits() + " | " + v.violationCount() + " | "
        + (report.isAudit() ? report.stats().pathsJudged() : "–") + " | " + report.suppressed().size() + " |");
    out.println();
    out.println("Policy: `" + escape(v.policyOrigin()) + "`" + (report.scope() == null ? "" : "; scope: `" + escape(report.scope()) + "`")
        + (v.warnMode() ? "; warn mode" : ""));
    if (v.violationCount() > 0) {
      out.println();
      out.println("### Violations");
      out.println();
      out.println("| | rule | commit | path | what is wrong |");
      out.println("| --- | --- | --- | --- | --- |");
      int rows = 0;
      for (CommitVerdict c : v.commits()) {
        for (Violation x : c.violations()) {
          if (rows++ < MAX_ROWS) {
            out.println("| " + (x.blocking() ? "❌" : "⚠️") + " | " + escape(x.rule()) + " | `" + c.change().id().substring(0, 12)
                + "` | `" + escape(x.where()) + "` | " + escape(x.message()) + " |");
          }
        }
      }
      if (rows > MAX_ROWS) {
        out.println();
        out.println("…and " + (rows - MAX_ROWS) + " more; the JSON or SARIF report lists all.");
      }
      out.println();
      out.println("To fix a `require-review` violation, " + escape(firstFix(v)) + ".");
    }
    if (report.isAudit()) {
      Statistics s = report.stats();
      out.println();
      out.println("### AI share: " + s.aiCommits() + " of " + s.commits() + " commits (" + s.aiShare() + ")");
      if (s.aiCommits() > 0) {
        table(out, "tool", s.byTool());
        table(out, "top-level path", s.byTopLevel());
        table(out, "month", s.byMonth());
      }
    }
    if (!report.notes().isEmpty()) {
      out.println();
      out.println("### Notes");
      out.println();
      report.notes().forEach(n -> out.println("- " + escape(n)));
    }
  }

  private static String firstFix(Verdict v) {
    return v.commits().stream().flatMap(c -> c.violations().stream())
        .filter(x -> x.action() == dev.aigate.policy.Action.REQUIRE_REVIEW).map(Violation::fix).findFirst()
        .orElse("see the fix the text report gives for each violation");
  }

  private static void table(PrintStream out, String what, Map<String, Integer> counts) {
    out.println();
    out.println("| " + what + " | AI-attributed commits |");
    out.println("| --- | ---: |");
    counts.forEach((k, n) -> out.println("| " + escape(k) + " | " + n + " |"));
  }

  /** Table cells must not break the table or start markup. */
  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
  }
}
