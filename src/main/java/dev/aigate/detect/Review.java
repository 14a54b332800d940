package dev.aigate.detect;

import dev.aigate.policy.PathSet;
import java.util.Optional;

/**
 * A review claim and whether it counts.
 *
 * @param reviewer the claimed reviewer as written (a signed review: the signer's principal)
 * @param key the trailer key as written ({@link #SIGNED_KEY} for a signed review)
 * @param outcome whether it counts toward {@code review.required}, and exactly why not
 * @param kind a trailer anyone can type, or a verified signature
 * @param scope the paths it covers; empty: every path (a trailer reviews the whole commit)
 */
public record Review(String reviewer, String key, Outcome outcome, Kind kind, Optional<PathSet> scope) {
  /** What reports show as the key of a signed review; no trailer key can contain a space. */
  public static final String SIGNED_KEY = "signed review";

  public Review {
    if (reviewer == null || key == null || outcome == null || kind == null || scope == null) {
      throw new IllegalArgumentException("a review needs a reviewer, a key, an outcome, a kind and a scope");
    }
  }

  /** A trailer review that counts. */
  public static Review counted(String reviewer, String key, String how) {
    return new Review(reviewer, key, new Counted(how), Kind.TRAILER, Optional.empty());
  }

  /** A trailer review that does not count. */
  public static Review rejected(String reviewer, String key, Reason reason, String detail) {
    return new Review(reviewer, key, new NotCounted(reason, detail), Kind.TRAILER, Optional.empty());
  }

  /** A verified signed review by {@code principal} of the paths {@code scope}, counted or not. */
  public static Review signed(String principal, Outcome outcome, PathSet scope) {
    return new Review(principal, SIGNED_KEY, outcome, Kind.SIGNED, Optional.of(scope));
  }

  /** The same claim with another outcome. */
  public Review withOutcome(Outcome other) {
    return new Review(reviewer, key, other, kind, scope);
  }

  /** Whether it covers {@code path}. */
  public boolean covers(String path) {
    return scope.map(s -> s.matches(path)).orElse(true);
  }

  /** Where a review claim comes from: a closed set. */
  public enum Kind {
    /** A {@code Reviewed-by:}-style trailer: text anyone who can push can type. */
    TRAILER,
    /** A signed review statement verified against the server's allowed_signers. */
    SIGNED
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
    NON_ASCII_ADDRESS,
    /** A trailer under {@code review.evidence: signed}: only signed reviews count. */
    NOT_SIGNED,
    /** A verified signed review that is for another target, or does not cover this commit. */
    NOT_COVERED
  }
}
