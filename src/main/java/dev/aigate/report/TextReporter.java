package dev.aigate.report;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.LineOrigins;
import dev.aigate.detect.Review;
import dev.aigate.detect.Statistics;
import dev.aigate.detect.Verdict;
import dev.aigate.detect.Violation;
import dev.aigate.git.Change;
import dev.aigate.git.Trailer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Help.Ansi;

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
    lineOrigins(report.lineOrigins(), out);
    if (!report.notes().isEmpty()) {
      out.println("notes:");
      report.notes().forEach(n -> out.println("  - " + clean(n)));
    }
    summary(report, out);
  }

  /** Past this many lines of traced code, the text report counts the rest; JSON lists all. */
  static final int MAX_ORIGIN_LINES_SHOWN = 200;

  /** {@code explain}: the lines provenance traced, each run under the AI commits it came from. */
  private void lineOrigins(List<LineOrigins> runs, PrintStream out) {
    if (runs.isEmpty()) {
      return;
    }
    out.println("lines that came from AI commits:");
    int shown = 0;
    int hidden = 0;
    for (LineOrigins r : runs) {
      String from = r.origins().stream()
          .map(o -> o.commit().substring(0, Math.min(12, o.commit().length())) + " (" + clean(o.tool()) + ", "
              + clean(o.path()) + ")")
          .collect(Collectors.joining(", "));
      int last = r.firstLine() + Math.max(r.lines().size(), 1) - 1;
      out.println("  " + clean(r.path()) + ":" + r.firstLine() + "-" + last + " from " + from);
      for (int i = 0; i < r.lines().size(); i++) {
        if (shown++ < MAX_ORIGIN_LINES_SHOWN) {
          out.printf("    %6d | %s%n", r.firstLine() + i, clean(r.lines().get(i)));
        } else {
          hidden++;
        }
      }
    }
    if (hidden > 0) {
      out.println("  … and " + hidden + " more line(s) (--format json lists them all)");
    }
  }

  /** Audits group violations by rule: the reader fixes a rule's findings together. */
  private void byRule(Verdict verdict, PrintStream out) {
    Map<String, List<String>> lines = new TreeMap<>();
    Map<String, Set<String>> commits = new TreeMap<>();
    Map<String, String> fixes = new TreeMap<>();
    for (CommitVerdict c : verdict.commits()) {
      for (Violation v : c.violations()) {
        String key = v.rule() + " (" + v.action().yamlName() + ")";
        lines.computeIfAbsent(key, k -> new ArrayList<>())
            .add(c.change().id().substring(0, 12) + " " + clean(v.where()) + ": " + clean(v.message()));
        if (v.blocking()) {
          fixes.putIfAbsent(key, v.fix());
        }
        commits.computeIfAbsent(key, k -> new TreeSet<>()).add(c.change().id());
      }
    }
    if (lines.isEmpty()) {
      out.println("violations: none");
      return;
    }
    out.println("violations by rule:");
    lines.forEach((rule, list) -> {
      out.println("  " + clean(rule) + ": " + list.size() + " violation(s) in " + commits.get(rule).size() + " commit(s)");
      if (fixes.containsKey(rule)) {
        out.println("    fix: " + clean(fixes.get(rule)));
      }
      list.stream().limit(MAX_VIOLATIONS_SHOWN).forEach(l -> out.println("    " + l));
      if (list.size() > MAX_VIOLATIONS_SHOWN) {
        out.println("    … and " + (list.size() - MAX_VIOLATIONS_SHOWN) + " more (--format json lists all)");
      }
    });
  }

  private void statistics(Statistics s, PrintStream out) {
    out.println("AI-attributed commits: " + s.aiCommits() + " of " + s.commits() + " (" + s.aiShare() + ")");
    if (s.aiCommits() > 0) {
      out.println("  by tool: " + counts(s.byTool()));
      out.println("  by top-level path: " + counts(s.byTopLevel()));
      out.println("  by month: " + counts(s.byMonth()));
    }
  }

  private static String counts(Map<String, Integer> m) {
    return m.isEmpty() ? "none" : m.entrySet().stream().map(e -> clean(e.getKey()) + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private void commit(CommitVerdict c, PrintStream out) {
    Change ch = c.change();
    String id = ch.id().equals(Change.STAGED) ? "staged" : ch.id().substring(0, Math.min(12, ch.id().length()));
    out.println(bold(id) + "  " + clean(ch.subject()));
    out.println("  author: " + clean(ch.author().toString()));
    if (options.showTrailers()) {
      out.println("  trailers:" + (ch.trailers().isEmpty() ? " none" : ""));
      for (Trailer t : ch.trailers()) {
        out.println("    " + clean(t.toString()));
      }
    }
    if (c.ai().isEmpty()) {
      out.println("  AI: none found");
    }
    for (Evidence e : c.ai()) {
      out.println("  AI: " + clean(e.toString()));
    }
    for (Review r : c.reviews()) {
      out.println("  review " + (r.valid() ? green("counted") : yellow("not counted")) + ": " + clean(r.key()) + ": "
          + clean(r.reviewer()) + " (" + clean(r.reason()) + ")");
    }
    List<Violation> vs = c.violations();
    // One fix line per distinct fix: ten paths of one rule need the same trailer once.
    Set<String> fixes = new LinkedHashSet<>();
    for (int i = 0; i < vs.size() && i < MAX_VIOLATIONS_SHOWN; i++) {
      Violation v = vs.get(i);
      String tag = v.blocking() ? red("BLOCK") : yellow("WARN ");
      out.println("  " + tag + " [" + clean(v.rule()) + "] " + clean(v.where()) + ": " + clean(v.message()));
      if (v.blocking()) {
        fixes.add(v.fix());
      }
    }
    vs.stream().filter(Violation::blocking).forEach(v -> fixes.add(v.fix()));
    fixes.forEach(f -> out.println("  fix: " + clean(f)));
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
        + (v.warnMode() ? ", warn mode" : "") + (r.scope() == null ? "" : "; " + clean(r.scope())) + "; policy "
        + clean(v.policyOrigin()));
  }

  /** Pushed text on one line, with no control character left to drive the terminal. */
  private static String clean(String s) {
    return Sanitize.line(s);
  }

  private String bold(String s) {
    return style("bold", s);
  }

  private String red(String s) {
    return style("bold,red", s);
  }

  private String green(String s) {
    return style("green", s);
  }

  private String yellow(String s) {
    return style("yellow", s);
  }

  /**
   * picocli's ANSI markup, only for aigate's own words (verdicts, actions, commit ids): pushed
   * text never goes through markup. The caller decides colour (a terminal, no NO_COLOR).
   */
  private String style(String styles, String word) {
    return options.color() ? Ansi.ON.string("@|" + styles + " " + word + "|@") : word;
  }
}
