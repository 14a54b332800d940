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
  public void write(Verdict verdict, PrintStream out) {
    for (CommitVerdict c : verdict.commits()) {
      if (options.verbose() || options.showTrailers() || c.isAi() || !c.violations().isEmpty()) {
        commit(c, out);
      }
    }
    summary(verdict, out);
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
      out.println("  " + tag + " [" + v.rule() + "] " + v.path() + ": " + v.message());
      if (v.blocking()) {
        out.println("        fix: " + v.fix());
      }
    }
    if (vs.size() > MAX_VIOLATIONS_SHOWN) {
      out.println("  … and " + (vs.size() - MAX_VIOLATIONS_SHOWN) + " more violation(s) (--format json lists all)");
    }
    out.println();
  }

  private void summary(Verdict v, PrintStream out) {
    long blocking = v.commits().stream().flatMap(c -> c.violations().stream()).filter(Violation::blocking).count();
    String result = v.passed() ? green("pass") : red("FAIL");
    out.println("aigate: " + result + ": " + v.commits().size() + " commit(s) evaluated, " + v.aiCommits()
        + " AI-attributed, " + v.violationCount() + " violation(s)" + (blocking > 0 ? " (" + blocking + " blocking)" : "")
        + (v.warnMode() ? ", warn mode" : "") + "; policy " + v.policyOrigin());
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
