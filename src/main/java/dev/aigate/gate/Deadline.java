package dev.aigate.gate;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A point in time after which the gate stops judging. Counted from the start of the JVM, not of
 * {@code main}: hosting budgets (GitHub Enterprise Server's 5 s) include start-up.
 */
public final class Deadline {
  private static final Deadline NONE = new Deadline(ProcessClock.startNanos(), Long.MAX_VALUE);
  /** When the clock started, in {@link System#nanoTime()} terms. */
  private final long start;
  /** In {@link System#nanoTime()} terms. */
  private final long at;

  private Deadline(long start, long at) {
    this.start = start;
    this.at = at;
  }

  /** Time since the clock this deadline counts from started. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  public static Deadline none() {
    return NONE;
  }

  /** {@code budget} after this process started; zero or negative means no deadline. */
  public static Deadline afterProcessStart(Duration budget) {
    if (budget.isZero() || budget.isNegative()) {
      return NONE;
    }
    return new Deadline(ProcessClock.startNanos(), ProcessClock.startNanos() + budget.toNanos());
  }

  /** Time left before the deadline (zero once passed); empty when there is none. */
  public Optional<Duration> remaining() {
    if (at == Long.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(Math.max(0, at - System.nanoTime())));
  }

  /** A deadline {@code budget} after {@code startNanos} ({@link System#nanoTime()} terms); zero: none. */
  public static Deadline after(long startNanos, Duration budget) {
    if (budget.isZero() || budget.isNegative()) {
      return new Deadline(startNanos, Long.MAX_VALUE);
    }
    return new Deadline(startNanos, startNanos + budget.toNanos());
  }

  /** When this process started, in {@link System#nanoTime()} terms. */
  public static long processStartNanos() {
    return ProcessClock.startNanos();
  }

  public boolean passed() {
    return at != Long.MAX_VALUE && System.nanoTime() - at > 0;
  }

  /**
   * Parses {@code 4.5s}, {@code 4500ms} or a plain number of seconds.
   *
   * @throws IllegalArgumentException on anything else
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
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
