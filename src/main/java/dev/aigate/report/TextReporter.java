package dev.aigate.report;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Review;
import dev.aigate.detect.Verdict;
import dev.aigate.detect.Violation;
import dev.aigate.git.Change;
import dev.aigate.git.Trailer;
import java.io.PrintStream;
import java.util.List;

/** The human report: per commit its evidence, reviews and violations, each violation with its fix. */
final class TextReporter implements Reporter {
  /** Past this many violations per commit, the text report summarises; JSON lists all. */
  static final int MAX_VIOLATIONS_SHOWN = 20;

  private final ReportOptions options;

  TextReporter(ReportOptions options) {
    this.options = options;
  }

  @Override
  public void write(Report report, PrintStream out) {
    Verdict verdict = report.verdict();
    boolean audit = report.isAudit();
    for (CommitVerdict c : verdict.commits()) {
      boolean interesting = c.isAi() || !c.violations().isEmpty();
      if (options.verbose() || options.showTrailers() || !audit && interesting) {
        commit(c, out);
      }
    }
    if (audit) {
      byRule(verdict, out);
      statistics(report.stats(), out);
    }
    if (!report.notes().isEmpty()) {
      out.println("notes:");
      report.notes().forEach(n -> out.println("  - " + n));
    }
    summary(report, out);
  }

  /** Audits group violations by rule: the reader fixes a rule's findings together. */
  private void byRule(Verdict verdict, PrintStream out) {
    java.util.Map<String, List<String>> lines = new java.util.TreeMap<>();
    java.util.Map<String, java.util.Set<String>> commits = new java.util.TreeMap<>();
    for (CommitVerdict c : verdict.commits()) {
      for (Violation v : c.violations()) {
        String key = v.rule() + " (" + v.action().yamlName() + ")";
        lines.computeIfAbsent(key, k -> new java.util.ArrayList<>())
            .add(c.change().id().substring(0, 12) + " " + v.where() + ": " + v.message());
        commits.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(c.change().id());
      }
    }
    if (lines.isEmpty()) {
      out.println("violations: none");
      return;
    }
    out.println("violations by rule:");
    lines.forEach((rule, list) -> {
      out.println("  " + rule + ": " + list.size() + " violation(s) in " + commits.get(rule).size() + " commit(s)");
      list.stream().limit(MAX_VIOLATIONS_SHOWN).forEach(l -> out.println("    " + l));
      if (list.size() > MAX_VIOLATIONS_SHOWN) {
        out.println("    … and " + (list.size() - MAX_VIOLATIONS_SHOWN) + " more (--format json lists all)");
      }
    });
  }

  private void statistics(dev.aigate.detect.Statistics s, PrintStream out) {
    out.println("AI-attributed commits: " + s.aiCommits() + " of " + s.commits() + " (" + s.aiShare() + ")");
    if (s.aiCommits() > 0) {
      out.println("  by tool: " + counts(s.byTool()));
      out.println("  by top-level path: " + counts(s.byTopLevel()));
      out.println("  by month: " + counts(s.byMonth()));
    }
  }

  private static String counts(java.util.Map<String, Integer> m) {
    return m.isEmpty() ? "none" : m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private void commit(CommitVerdict c, PrintStream out) {
    Change ch = c.change();
    String id = ch.id().equals(Change.STAGED) ? "staged" : ch.id().substring(0, Math.min(12, ch.id().length()));
    out.println(bold(id) + "  " + ch.subject());
    out.println("  author: " + ch.author());
    if (options.showTrailers()) {
      out.println("  trailers:" + (ch.trailers().isEmpty() ? " none" : ""));
      for (Trailer t : ch.trailers()) {
        out.println("    " + t);
      }
    }
    if (c.ai().isEmpty()) {
      out.println("  AI: none found");
    }
    for (Evidence e : c.ai()) {
      out.println("  AI: " + e);
    }
    for (Review r : c.reviews()) {
      out.println("  review " + (r.valid() ? green("counted") : yellow("not counted")) + ": " + r.key() + ": "
          + r.reviewer() + " (" + r.reason() + ")");
    }
    List<Violation> vs = c.violations();
    for (int i = 0; i < vs.size() && i < MAX_VIOLATIONS_SHOWN; i++) {
      Violation v = vs.get(i);
      String tag = v.blocking() ? red("BLOCK") : yellow("WARN ");
      out.println("  " + tag + " [" + v.rule() + "] " + v.where() + ": " + v.message());
      if (v.blocking()) {
        out.println("        fix: " + v.fix());
      }
    }
    if (vs.size() > MAX_VIOLATIONS_SHOWN) {
      out.println("  … and " + (vs.size() - MAX_VIOLATIONS_SHOWN) + " more violation(s) (--format json lists all)");
    }
    out.println();
  }

  private void summary(Report r, PrintStream out) {
    Verdict v = r.verdict();
    long blocking = v.commits().stream().flatMap(c -> c.violations().stream()).filter(Violation::blocking).count();
    String result = v.passed() ? green("pass") : red("FAIL");
    out.println("aigate: " + result + ": " + v.commits().size() + " commit(s) evaluated, " + v.aiCommits()
        + " AI-attributed, " + v.violationCount() + " violation(s)" + (blocking > 0 ? " (" + blocking + " blocking)" : "")
        + (r.isAudit() ? ", " + r.stats().pathsJudged() + " path(s) judged" : "")
        + (!r.suppressed().isEmpty() ? ", " + r.suppressed().size() + " suppressed" : "")
        + (v.warnMode() ? ", warn mode" : "") + (r.scope() == null ? "" : "; " + r.scope()) + "; policy " + v.policyOrigin());
  }

  private String bold(String s) {
    return options.color() ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  private String red(String s) {
    return options.color() ? "\u001b[31m" + s + "\u001b[0m" : s;
  }

  private String green(String s) {
    return options.color() ? "\u001b[32m" + s + "\u001b[0m" : s;
  }

  private String yellow(String s) {
    return options.color() ? "\u001b[33m" + s + "\u001b[0m" : s;
  }
}
