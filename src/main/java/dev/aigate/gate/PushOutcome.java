package dev.aigate.gate;

import dev.aigate.detect.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * What the server gate decided about one push.
 *
 * @param verdict the judged commits (with their refs)
 * @param refsJudged protected refs whose new commits were judged
 * @param notes refs that were deliberately not judged, and why
 * @param pending commits left unjudged when the deadline passed (0 when it did not)
 * @param breakGlass the break-glass reason when it let a failing push through, else null
 * @param pusher the pusher as the host names them, or empty
 * @param elapsed time since the process started
 * @param accepted whether the push goes through
 */
public record PushOutcome(Verdict verdict, int refsJudged, List<String> notes, int pending, String timeoutOutcome,
    String breakGlass, String pusher, Duration elapsed, boolean accepted) {
  public PushOutcome {
    notes = List.copyOf(notes);
  }

  public boolean timedOut() {
    return timeoutOutcome != null;
  }
}
