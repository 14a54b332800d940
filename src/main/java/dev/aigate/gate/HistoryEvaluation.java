package dev.aigate.gate;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evaluator;
import dev.aigate.detect.Review;
import dev.aigate.detect.ReviewChecker;
import dev.aigate.git.Change;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges stored commits (a push, a range of history) the same way everywhere:
 *
 * <ul>
 *   <li>every commit on its own changes (a merge: only the paths it resolved differently from
 *       every parent);
 *   <li>a valid review on a merge covers the commits it brings in from its other parents, the
 *       usual "reviewed and merged the pull request" step; the merge's reviewer must still not be
 *       the covered commit's author or committer.
 * </ul>
 */
public final class HistoryEvaluation {
  private final History history;
  private final Deadline deadline;
  private final Set<String> seen = new LinkedHashSet<>();
  private final Map<String, Change> merges = new HashMap<>();

  public HistoryEvaluation(History history, Deadline deadline) {
    this.history = history;
    this.deadline = deadline;
  }

  /** The commits judged, and whether the deadline cut the judging short. */
  public record Result(List<CommitVerdict> verdicts, int pending, boolean timedOut) {}

  /** The commits reachable from {@code tip} but not from {@code exclude}, not already judged in this session. */
  public List<String> newCommits(String tip, List<String> exclude) throws RepositoryException {
    List<String> out = new ArrayList<>();
    for (String c : history.commitsBetween(tip, exclude)) {
      if (!seen.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Judges {@code commits} (parents first) for {@code ref}.
   *
   * @param ineligible reviewers who never count here (the pusher, when the policy says so)
   */
  public Result judge(List<String> commits, String ref, Policy policy, List<ReviewChecker.Ineligible> ineligible)
      throws RepositoryException {
    Evaluator evaluator = new Evaluator(policy);
    boolean content = policy.ai().needsContent();
    Set<String> among = Set.copyOf(commits);
    Map<String, List<String>> coveredBy = new HashMap<>();
    for (String c : commits) {
      if (history.parents(c).size() > 1) {
        for (String in : history.broughtInBy(c, among)) {
          coveredBy.computeIfAbsent(in, k -> new ArrayList<>()).add(c);
        }
      }
    }
    List<CommitVerdict> out = new ArrayList<>();
    for (int i = 0; i < commits.size(); i++) {
      if (deadline.passed()) {
        return new Result(out, commits.size() - i, true);
      }
      String id = commits.get(i);
      Change change = history.change(id, content);
      List<Review> inherited = new ArrayList<>();
      for (String merge : coveredBy.getOrDefault(id, List.of())) {
        inherited.addAll(mergeReviews(merge, change, evaluator, ineligible));
      }
      out.add(evaluator.evaluate(change, Map.of(), ineligible, inherited).forRef(ref));
      seen.add(id);
    }
    return new Result(out, 0, false);
  }

  /** The merge's valid reviews, judged again as reviews of {@code covered}. */
  private List<Review> mergeReviews(String merge, Change covered, Evaluator evaluator,
      List<ReviewChecker.Ineligible> ineligible) throws RepositoryException {
    Change m = merges.get(merge);
    if (m == null) {
      m = history.change(merge, false);
      merges.put(merge, m);
    }
    List<ReviewChecker.Ineligible> notThem = new ArrayList<>(ineligible);
    notThem.add(new ReviewChecker.Ineligible(covered.author(), "the reviewer is the author of the reviewed commit"));
    notThem.add(new ReviewChecker.Ineligible(covered.committer(), "the reviewer is the committer of the reviewed commit"));
    String shortId = merge.substring(0, 12);
    List<Review> out = new ArrayList<>();
    for (Review r : evaluator.reviewsOf(m, notThem)) {
      if (r.valid()) {
        out.add(new Review(r.reviewer(), r.key(), true, "allowed reviewer, on merge " + shortId));
      }
    }
    return out;
  }
}
