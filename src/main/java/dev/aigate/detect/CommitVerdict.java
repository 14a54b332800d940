package dev.aigate.detect;

import dev.aigate.git.Change;
import java.util.List;

/**
 * The judgement of one change: its AI evidence, its reviews and its violations.
 *
 * @param ref the ref it was judged for (pushes), or null
 */
public record CommitVerdict(Change change, List<Evidence> ai, List<Review> reviews, List<Violation> violations, String ref) {
  public CommitVerdict {
    ai = List.copyOf(ai);
    reviews = List.copyOf(reviews);
    violations = List.copyOf(violations);
  }

  public CommitVerdict(Change change, List<Evidence> ai, List<Review> reviews, List<Violation> violations) {
    this(change, ai, reviews, violations, null);
  }

  public CommitVerdict forRef(String refName) {
    return new CommitVerdict(change, ai, reviews, violations, refName);
  }

  public boolean isAi() {
    return !ai.isEmpty();
  }

  public boolean blocked() {
    return violations.stream().anyMatch(Violation::blocking);
  }
}
