package dev.aigate.gate;

import java.time.Duration;
import java.time.Instant;

/**
 * A point in time after which the gate stops judging. Counted from the start of the JVM, not of
 * {@code main}: hosting budgets (GitHub Enterprise Server's 5 s) include start-up.
 */
public final class Deadline {
  private static final Deadline NONE = new Deadline(null);
  private final Instant at;

  private Deadline(Instant at) {
    this.at = at;
  }

  public static Deadline none() {
    return NONE;
  }

  /** {@code budget} after this process started; zero or negative means no deadline. */
  public static Deadline afterProcessStart(Duration budget) {
    if (budget.isZero() || budget.isNegative()) {
      return NONE;
    }
    Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    return new Deadline(start.plus(budget));
  }

  public boolean passed() {
    return at != null && Instant.now().isAfter(at);
  }

  /**
   * Parses {@code 4.5s}, {@code 4500ms} or a plain number of seconds.
   *
   * @throws IllegalArgumentException on anything else
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
      }
      String seconds = t.endsWith("s") ? t.substring(0, t.length() - 1).strip() : t;
      return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (use 4.5s, 4500ms or 0 for none)");
    }
  }
}
