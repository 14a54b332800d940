package dev.aigate.report;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Violation;
import dev.aigate.gate.PushContext;
import dev.aigate.gate.PushDecision;
import dev.aigate.gate.PushOutcome;
import dev.aigate.gate.RefPlan;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the pusher reads, as {@code remote:} lines: one line per violation (ref, commit, path,
 * rule, evidence) and each commit's fix once, what was done with each ref, then the decision and a summary. Short on
 * purpose: every line crosses the network and a terminal. Everything here is rendered from the
 * one {@link PushDecision} the exit code follows.
 */
public final class PushReporter {
  /** Past this many violation lines the rest are counted, not listed. */
  static final int MAX_LINES = 40;
  /** GitLab shows lines with this prefix in its web UI. */
  static final String GITLAB_PREFIX = "GL-HOOK-ERR: ";

  private PushReporter() {}

  /** The push's report in {@code format}: JSON, or the {@code remote:} text for anything else. */
  public static void write(PushOutcome o, ReportFormat format, PrintStream out) {
    if (format == ReportFormat.JSON) {
      JsonReporter.writePush(o, out);
    } else {
      text(o, out);
    }
  }

  private static void text(PushOutcome o, PrintStream out) {
    boolean gitlab = o.context().host() == PushContext.Host.GITLAB;
    int shown = 0;
    int blocking = 0;
    for (CommitVerdict c : o.verdict().commits()) {
      // The fix follows a commit's lines once per distinct fix, not once per path.
      Set<String> fixes = new LinkedHashSet<>();
      for (Violation v : c.violations()) {
        blocking += v.blocking() ? 1 : 0;
        if (shown++ < MAX_LINES) {
          out.println(prefix(gitlab, v.blocking()) + line(c, v));
          if (v.blocking()) {
            fixes.add(v.fix());
          }
        }
      }
      String id = c.change().id().substring(0, Math.min(12, c.change().id().length()));
      for (String fix : fixes) {
        out.println(prefix(gitlab, true) + Sanitize.line("aigate: " + id + " fix: " + fix));
      }
    }
    if (shown > MAX_LINES) {
      out.println(prefix(gitlab, true) + "aigate: … and " + (shown - MAX_LINES) + " more violation(s)");
    }
    for (RefPlan plan : o.plans()) {
      if (!(plan instanceof RefPlan.Judge)) {
        out.println(prefix(gitlab, plan instanceof RefPlan.Refuse) + "aigate: " + Sanitize.line(plan.describe()));
      }
    }
    for (String note : o.notes()) {
      out.println("aigate: " + note);
    }
    PushDecision d = o.decision();
    if (o.pendingCommits() > 0 || o.pendingRefs() > 0) {
      out.println(prefix(gitlab, !d.accepted()) + "aigate: deadline reached with " + o.pendingCommits()
          + " commit(s)" + (o.pendingRefs() > 0 ? " and " + o.pendingRefs() + " further protected ref(s)" : "")
          + " not judged; " + (d.accepted() ? "accepted (on-timeout: allow)" : "rejected (on-timeout: reject)"));
    }
    if (d instanceof PushDecision.BreakGlass b) {
      out.println("aigate: BREAK-GLASS: push accepted despite " + b.blocking() + " blocking violation(s)"
          + (b.pusher().isEmpty() ? "" : " by " + b.pusher()) + "; reason: " + Sanitize.line(b.reason())
          + "; recorded in the server's break-glass log");
    } else if (d instanceof PushDecision.Rejected r) {
      for (String detail : r.details()) {
        out.println(prefix(gitlab, true) + "aigate: " + Sanitize.line(detail));
      }
      if (blocking > 0) {
        out.println(prefix(gitlab, true) + "aigate: push rejected: " + blocking + " blocking violation(s); "
            + "'aigate explain <commit>' in a clone shows the details");
      } else {
        out.println(prefix(gitlab, true) + "aigate: push rejected: " + r.causes().stream()
            .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList());
      }
    }
    out.println("aigate: " + d.label() + ": evaluated " + o.verdict().commits().size()
        + " commit(s) on " + o.refsJudged() + " protected ref(s) in " + o.elapsed().toMillis() + " ms"
        + (o.context().pusher().isEmpty() ? "" : "; pusher " + o.context().pusher()) + "; policy "
        + o.verdict().policyOrigin());
  }

  private static String line(CommitVerdict c, Violation v) {
    String evidence = c.ai().stream().findFirst().map(Evidence::toString).orElse("");
    String id = c.change().id().substring(0, Math.min(12, c.change().id().length()));
    return Sanitize.line("aigate: " + (v.blocking() ? "" : "warning: ") + c.ref() + " " + id + " " + v.where() + " ["
        + v.rule() + "] " + v.message() + (evidence.isEmpty() ? "" : " | evidence: " + evidence));
  }

  private static String prefix(boolean gitlab, boolean error) {
    return gitlab && error ? GITLAB_PREFIX : "";
  }
}
