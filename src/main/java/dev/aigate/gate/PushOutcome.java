package dev.aigate.gate;

import dev.aigate.detect.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * What the server gate found and decided about one push.
 *
 * @param verdict the judged commits (with their refs)
 * @param plans what was done with each ref update
 * @param notes what the reader must know beyond the plans (warnings about the setup)
 * @param pendingCommits commits left unjudged when the deadline passed (0 when it did not)
 * @param pendingRefs protected refs not reached before the deadline
 * @param decision the decision, which the exit code follows
 * @param context who pushed, with which options
 * @param elapsed time since the process started
 */
public record PushOutcome(Verdict verdict, List<RefPlan> plans, List<String> notes, int pendingCommits, int pendingRefs,
    PushDecision decision, PushContext context, Duration elapsed) {
  public PushOutcome {
    plans = List.copyOf(plans);
    notes = List.copyOf(notes);
  }

  public long refsJudged() {
    return plans.stream().filter(p -> p instanceof RefPlan.Judge).count();
  }

  public boolean accepted() {
    return decision.accepted();
  }
}
