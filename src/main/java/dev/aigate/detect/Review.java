package dev.aigate.detect;

/**
 * A review claim in a message and whether it counts.
 *
 * @param reviewer the claimed reviewer as written
 * @param key the trailer key as written
 * @param outcome whether it counts toward {@code review.required}, and exactly why not
 */
public record Review(String reviewer, String key, Outcome outcome) {
  public Review {
    if (reviewer == null || key == null || outcome == null) {
      throw new IllegalArgumentException("a review needs a reviewer, a key and an outcome");
    }
  }

  /** A review that counts. */
  public static Review counted(String reviewer, String key, String how) {
    return new Review(reviewer, key, new Counted(how));
  }

  /** A review that does not count. */
  public static Review rejected(String reviewer, String key, Reason reason, String detail) {
    return new Review(reviewer, key, new NotCounted(reason, detail));
  }

  public boolean valid() {
    return outcome instanceof Counted;
  }

  /** Why it counts, or why not, for people. */
  public String reason() {
    return outcome.text();
  }

  /** Whether a review counts: a closed set. */
  public sealed interface Outcome {
    String text();
  }

  /** It counts; {@code how} says on what grounds ("allowed reviewer", "on merge ..."). */
  public record Counted(String how) implements Outcome {
    @Override
    public String text() {
      return how;
    }
  }

  /** It does not count, for {@code reason}; {@code detail} is what the report says. */
  public record NotCounted(Reason reason, String detail) implements Outcome {
    @Override
    public String text() {
      return detail;
    }
  }

  /** Why a review claim does not count. */
  public enum Reason {
    NO_EMAIL,
    AUTHOR,
    COMMITTER,
    AI_IDENTITY,
    /** The caller's own rule: the pusher, the author of a commit a merge covers. */
    INELIGIBLE,
    NOT_ALLOWED,
    DUPLICATE,
    NOT_A_TRAILER,
    /** Non-ASCII after normalisation: look-alikes of another address cannot be ruled out. */
    NON_ASCII_ADDRESS
  }
}
