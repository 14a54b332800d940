package dev.aigate.report;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Violation;
import dev.aigate.gate.PushOutcome;
import java.io.PrintStream;

/**
 * What the pusher reads, as {@code remote:} lines: one line per violation (ref, commit, path,
 * rule, evidence, fix), then the decision and a summary. Short on purpose: every line crosses
 * the network and a terminal.
 */
public final class PushReporter {
  /** Past this many violation lines the rest are counted, not listed. */
  static final int MAX_LINES = 40;
  /** GitLab shows lines with this prefix in its web UI. */
  static final String GITLAB_PREFIX = "GL-HOOK-ERR: ";

  private final boolean gitlab;

  public PushReporter(boolean gitlab) {
    this.gitlab = gitlab;
  }

  public void write(PushOutcome o, PrintStream out) {
    int shown = 0;
    int blocking = 0;
    for (CommitVerdict c : o.verdict().commits()) {
      for (Violation v : c.violations()) {
        blocking += v.blocking() ? 1 : 0;
        if (shown++ < MAX_LINES) {
          out.println(prefix(v.blocking()) + line(c, v));
        }
      }
    }
    if (shown > MAX_LINES) {
      out.println(prefix(true) + "aigate: … and " + (shown - MAX_LINES) + " more violation(s)");
    }
    for (String note : o.notes()) {
      out.println("aigate: " + note);
    }
    if (o.timedOut()) {
      out.println(prefix(!o.accepted()) + "aigate: deadline reached with " + o.pending()
          + " commit(s) not judged; " + (o.accepted() ? "accepted" : "rejected") + " (on-timeout: " + o.timeoutOutcome() + ")");
    }
    if (o.breakGlass() != null) {
      out.println("aigate: BREAK-GLASS: push accepted despite " + blocking + " blocking violation(s)"
          + (o.pusher().isEmpty() ? "" : " by " + o.pusher()) + "; reason: " + o.breakGlass());
    } else if (!o.accepted() && blocking > 0) {
      out.println(prefix(true) + "aigate: push rejected: " + blocking + " blocking violation(s); "
          + "'aigate explain <commit>' in a clone shows the details");
    }
    out.println("aigate: " + (o.accepted() ? "accepted" : "rejected") + ": evaluated " + o.verdict().commits().size()
        + " commit(s) on " + o.refsJudged() + " protected ref(s) in " + o.elapsed().toMillis() + " ms"
        + (o.pusher().isEmpty() ? "" : "; pusher " + o.pusher()) + "; policy " + o.verdict().policyOrigin());
  }

  private static String line(CommitVerdict c, Violation v) {
    String evidence = c.ai().stream().findFirst().map(Evidence::toString).orElse("");
    String id = c.change().id().substring(0, Math.min(12, c.change().id().length()));
    return "aigate: " + (v.blocking() ? "" : "warning: ") + c.ref() + " " + id + " " + v.where() + " [" + v.rule() + "] "
        + v.message() + " | evidence: " + evidence + (v.blocking() ? " | fix: " + v.fix() : "");
  }

  private String prefix(boolean error) {
    return gitlab && error ? GITLAB_PREFIX : "";
  }
}
