package dev.aigate.detect;

import java.util.List;

/**
 * The judgement of everything evaluated in one run.
 *
 * @param commits one entry per evaluated change, in evaluation order
 * @param policyOrigin the policy that judged them
 * @param warnMode whether the policy was in warn mode (violations reported, never blocking)
 */
public record Verdict(List<CommitVerdict> commits, String policyOrigin, boolean warnMode) {
  public Verdict {
    commits = List.copyOf(commits);
  }

  public boolean passed() {
    return commits.stream().noneMatch(CommitVerdict::blocked);
  }

  public long aiCommits() {
    return commits.stream().filter(CommitVerdict::isAi).count();
  }

  public long violationCount() {
    return commits.stream().mapToLong(c -> c.violations().size()).sum();
  }
}
