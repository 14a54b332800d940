package dev.aigate.detect;

import dev.aigate.git.Change;
import java.util.List;

/** The judgement of one change: its AI evidence, its reviews and its violations. */
public record CommitVerdict(Change change, List<Evidence> ai, List<Review> reviews, List<Violation> violations) {
  public CommitVerdict {
    ai = List.copyOf(ai);
    reviews = List.copyOf(reviews);
    violations = List.copyOf(violations);
  }

  public boolean isAi() {
    return !ai.isEmpty();
  }

  public boolean blocked() {
    return violations.stream().anyMatch(Violation::blocking);
  }
}
