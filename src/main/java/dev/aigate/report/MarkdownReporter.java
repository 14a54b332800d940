package dev.aigate.report;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.LineOrigins;
import dev.aigate.detect.Statistics;
import dev.aigate.detect.Verdict;
import dev.aigate.detect.Violation;
import dev.aigate.policy.Action;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Markdown for CI job summaries and pull-request comments: what matters first. A per-rule table,
 * then the findings worst first (deny, then require-review and the other blocking kinds, then
 * warn), the rest counted. Every piece of pushed text (paths, subjects, messages) is escaped so
 * it renders as the text it is, never as markup or HTML, and never breaks a table.
 */
final class MarkdownReporter implements Reporter {
  static final int MAX_ROWS = 50;
  private static final String HARMLESS = "-,'/()";

  /** A finding with its commit, for sorting. */
  private record Row(CommitVerdict commit, Violation violation) {}

  @Override
  public void write(Report report, PrintStream out) {
    Verdict v = report.verdict();
    long blocking = v.commits().stream().flatMap(c -> c.violations().stream()).filter(Violation::blocking).count();
    out.println("## aigate: " + (v.passed() ? "✅ pass" : "❌ " + blocking + " blocking violation(s)"));
    out.println();
    out.println("| commits evaluated | AI-attributed | violations | blocking | paths judged | suppressed |");
    out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
    out.println("| " + v.commits().size() + " | " + v.aiCommits() + " | " + v.violationCount() + " | " + blocking + " | "
        + (report.isAudit() ? report.stats().pathsJudged() : "–") + " | " + report.suppressed().size() + " |");
    out.println();
    out.println("Policy: " + escape(v.policyOrigin()) + (report.scope() == null ? "" : "; scope: " + escape(report.scope()))
        + (v.warnMode() ? "; warn mode" : ""));
    List<Row> rows = new ArrayList<>();
    for (CommitVerdict c : v.commits()) {
      for (Violation x : c.violations()) {
        rows.add(new Row(c, x));
      }
    }
    if (!rows.isEmpty()) {
      rules(rows, out);
      findings(rows, out);
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
    if (!report.lineOrigins().isEmpty()) {
      out.println();
      out.println("### Lines that came from AI commits");
      for (LineOrigins r : report.lineOrigins()) {
        out.println();
        out.println(code(r.path()) + " from line " + r.firstLine() + ", first written in "
            + r.origins().stream().map(o -> "`" + o.commit().substring(0, Math.min(12, o.commit().length())) + "` ("
                + escape(o.tool()) + ", " + code(o.path()) + ")").collect(Collectors.joining(", "))
            + ":");
        out.println();
        // A fence longer than any backtick run in the code keeps the code from closing it.
        String fence = "`".repeat(Math.max(3, longestBacktickRun(r.lines()) + 1));
        out.println(fence);
        r.lines().forEach(l -> out.println(Sanitize.lines(l)));
        out.println(fence);
      }
    }
    if (!report.notes().isEmpty()) {
      out.println();
      out.println("### Notes");
      out.println();
      report.notes().forEach(n -> out.println("- " + escape(n)));
    }
  }

  private static int longestBacktickRun(List<String> lines) {
    int longest = 0;
    for (String l : lines) {
      int run = 0;
      for (int i = 0; i < l.length(); i++) {
        run = l.charAt(i) == '`' ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
    }
    return longest;
  }

  /** Worst first: what blocks and cannot be lifted, then what a review lifts, then warnings. */
  static int severity(Violation v) {
    if (!v.blocking()) {
      return 2;
    }
    return v.action() == Action.DENY ? 0 : 1;
  }

  private static void rules(List<Row> rows, PrintStream out) {
    Map<String, List<Row>> byRule = new LinkedHashMap<>();
    rows.stream().sorted(Comparator.comparingInt((Row r) -> severity(r.violation())).thenComparing(r -> r.violation().rule()))
        .forEach(r -> byRule.computeIfAbsent(r.violation().rule(), k -> new ArrayList<>()).add(r));
    out.println();
    out.println("### By rule");
    out.println();
    out.println("| rule | action | violations | commits | tools |");
    out.println("| --- | --- | ---: | ---: | --- |");
    for (Map.Entry<String, List<Row>> e : byRule.entrySet()) {
      Set<String> commits = new TreeSet<>();
      Set<String> tools = new TreeSet<>();
      for (Row r : e.getValue()) {
        commits.add(r.commit().change().id());
        r.commit().ai().stream().map(Evidence::tool).forEach(t -> tools.add(t.id()));
      }
      Violation first = e.getValue().get(0).violation();
      out.println("| " + escape(e.getKey()) + " | " + mark(first) + " " + first.action().yamlName() + " | "
          + e.getValue().size() + " | " + commits.size() + " | " + escape(String.join(", ", tools)) + " |");
    }
  }

  private static void findings(List<Row> rows, PrintStream out) {
    List<Row> sorted = rows.stream().sorted(Comparator.comparingInt(r -> severity(r.violation()))).toList();
    out.println();
    out.println("### Findings, worst first");
    out.println();
    out.println("| | rule | commit | subject | path | what is wrong | fix |");
    out.println("| --- | --- | --- | --- | --- | --- | --- |");
    for (Row r : sorted.subList(0, Math.min(MAX_ROWS, sorted.size()))) {
      Violation x = r.violation();
      String id = r.commit().change().id();
      out.println("| " + mark(x) + " | " + escape(x.rule()) + " | `" + id.substring(0, Math.min(12, id.length())) + "` | "
          + escape(r.commit().change().subject()) + " | " + escape(x.where()) + " | " + escape(x.message()) + " | "
          + (x.blocking() ? escape(x.fix()) : "") + " |");
    }
    if (sorted.size() > MAX_ROWS) {
      out.println();
      out.println("…and " + (sorted.size() - MAX_ROWS) + " more finding(s); the JSON or SARIF report lists all.");
    }
  }

  private static String mark(Violation v) {
    return v.blocking() ? "❌" : "⚠️";
  }

  private static void table(PrintStream out, String what, Map<String, Integer> counts) {
    out.println();
    out.println("| " + what + " | AI-attributed commits |");
    out.println("| --- | ---: |");
    counts.forEach((k, n) -> out.println("| " + escape(k) + " | " + n + " |"));
  }

  /**
   * Text as text: control characters shown as escapes, line breaks as spaces, and ASCII
   * punctuation backslash-escaped (CommonMark lets any be), so no character starts markup, an
   * HTML tag, a code span, an entity or an autolink ({@code .} and {@code :} too: GitHub links
   * bare {@code www.x.org}), and a pipe cannot end a table cell. Only characters that start
   * nothing inside a line are left as they are, for the raw file's sake.
   */
  /** A path as inline code: on one line (a path may hold a newline), no backtick to close the span early. */
  private static String code(String s) {
    return "`" + Sanitize.line(s.replace('\n', ' ').replace('\r', ' ')).replace("`", "'") + "`";
  }

  static String escape(String s) {
    String line = Sanitize.line(s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    StringBuilder out = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x80 && c > ' ' && !Character.isLetterOrDigit(c) && HARMLESS.indexOf(c) < 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
