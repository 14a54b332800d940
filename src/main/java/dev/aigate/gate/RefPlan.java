package dev.aigate.gate;

import dev.aigate.policy.Policy;
import java.util.List;

/**
 * What the gate does with one ref update, decided before any commit is read. A closed set: every
 * update is judged, skipped for a stated reason, or refused.
 */
public sealed interface RefPlan {
  /** The ref as the push named it. */
  String ref();

  /** What a report says about this plan. */
  String describe();

  /** Not judged, for a reason the gate can stand behind. */
  record Skip(String ref, SkipReason reason) implements RefPlan {
    @Override
    public String describe() {
      return ref + ": " + reason.text;
    }
  }

  /** Refused outright: the gate cannot vouch for what git would make of it. */
  record Refuse(String ref, String reason) implements RefPlan {
    @Override
    public String describe() {
      return ref + ": refused: " + reason;
    }
  }

  /**
   * The new commits reachable from {@code tip} and none of {@code exclude} are judged for
   * {@code target} under {@code policy}.
   *
   * @param target the ref that really moves ({@code ref} itself, or what a symbolic ref names)
   */
  record Judge(String ref, String target, String tip, List<String> exclude, Policy policy) implements RefPlan {
    public Judge {
      exclude = List.copyOf(exclude);
    }

    @Override
    public String describe() {
      return ref + (ref.equals(target) ? "" : " (updates " + target + ")") + ": judged under " + policy.origin();
    }
  }

  /** Why a ref update is not judged. */
  enum SkipReason {
    NOTES("notes are not code; not judged"),
    AI_NOTES("git-ai notes: a fast-forward; AI evidence for the commits they annotate"),
    REVIEW_NOTES("review records: a fast-forward that keeps every record, and every new record verifies"),
    NOT_PROTECTED("not a protected ref; not judged"),
    DELETED("deleted; aigate judges content, not deletions (see receive.denyDeletes)");

    private final String text;

    SkipReason(String text) {
      this.text = text;
    }
  }
}
