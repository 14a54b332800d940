package dev.aigate.gate;

import dev.aigate.detect.AiDetector;
import dev.aigate.detect.AiLineIndex;
import dev.aigate.detect.Confidence;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Kind;
import dev.aigate.detect.Signal;
import dev.aigate.git.Change;
import dev.aigate.git.FileChange;
import dev.aigate.git.LineDiffs;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Action;
import dev.aigate.policy.Policy;
import dev.aigate.policy.ProvenancePolicy;
import dev.aigate.policy.Rule;
import dev.aigate.policy.ToolSignature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Provenance across commits (issue 12, ADR 0010): walks commits parents first, feeds the lines of
 * AI-attributed commits into the {@link AiLineIndex}, and scores every other commit's lines in
 * protected paths against it. A human commit that carries AI lines into a protected path gets
 * {@link Signal#PROVENANCE} evidence naming the origin commits, so the policy judges it as the AI
 * change it is.
 */
final class Provenance {
  /** Evidence lines kept per flagged commit; the rest are counted. */
  static final int MAX_EVIDENCE = 20;

  /** Reads a commit's header (identity and message) for detection. */
  interface Headers {
    Change header(String id) throws RepositoryException;
  }

  /** Where the commits' lines come from, in the order asked for. */
  interface Lines {
    Iterator<LineDiffs.CommitLines> of(List<String> commits) throws RepositoryException;
  }

  /**
   * What the scan found.
   *
   * @param evidence provenance evidence by commit id (only flagged commits)
   * @param truncated commits to protected paths whose added lines were cut at the size limit:
   *     they cannot be scored whole
   * @param partlyIndexed other commits cut at the limit: the index holds only the lines kept, so
   *     code they added past it is not followed into later commits
   * @param matches the matched line runs behind each flagged commit's evidence, all of them
   */
  record Found(Map<String, List<Evidence>> evidence, List<String> truncated, List<String> partlyIndexed,
      Map<String, List<AiLineIndex.Match>> matches) {
    Found {
      evidence = Map.copyOf(evidence);
      truncated = List.copyOf(truncated);
      partlyIndexed = List.copyOf(partlyIndexed);
      matches = Map.copyOf(matches);
    }

    static Found nothing() {
      return new Found(Map.of(), List.of(), List.of(), Map.of());
    }
  }

  /** The deadline passed during the scan: what it found so far is not enough to judge by. */
  static final class Interrupted extends Exception {
    Interrupted() {
      super("deadline passed while following lines across commits", null, false, false);
    }
  }

  private final Policy policy;
  private final AiLineIndex index;
  private final AiLineIndex.Thresholds thresholds;
  private final AiDetector detector;

  Provenance(Policy policy, AiLineIndex index) {
    this.policy = policy;
    this.index = index;
    ProvenancePolicy p = policy.ai().provenance();
    this.thresholds = new AiLineIndex.Thresholds(p.minRun(), p.minRunChars(), p.minShare(), p.minDistinct(),
        p.window());
    this.detector = new AiDetector(policy.ai());
  }

  /**
   * Scans {@code commits} (parents first; merges and shallow-boundary commits left out by the
   * caller, since their diffs are not their own).
   */
  Found scan(List<String> commits, Headers headers, Lines lines, Deadline deadline)
      throws RepositoryException, Interrupted {
    return walk(commits, headers, lines, deadline, Step.SCORE);
  }

  /** Lines a commit puts into paths other than through its diff: a merge's own, a new symlink's. */
  interface MoreLines {
    List<LineDiffs.PathLines> of(String commit) throws RepositoryException;
  }

  /**
   * {@code found} with {@code commits} scored also on the lines {@code lines} gives them in
   * protected paths: a merge's own lines (a merge that resolves a file by pasting AI code in
   * carries it as a human commit would), or what a new symlink shows at its path. Call after
   * {@link #scan}, so the index holds every commit before these. Such lines are scored, never
   * recorded: they are another commit's, or the merge's parents'. Commits with AI evidence of their
   * own are judged as AI already and left out.
   */
  Found withMoreLines(Found found, List<String> commits, Headers headers, MoreLines lines, Deadline deadline)
      throws RepositoryException, Interrupted {
    if (commits.isEmpty()) {
      return found;
    }
    Map<String, List<Evidence>> evidence = new HashMap<>(found.evidence());
    Map<String, List<AiLineIndex.Match>> matches = new HashMap<>(found.matches());
    for (String c : commits) {
      if (deadline.passed()) {
        throw new Interrupted();
      }
      List<AiLineIndex.PathLines> guarded = lines.of(c).stream().map(Provenance::toIndex)
          .filter(f -> isProtected(f.path())).toList();
      if (guarded.isEmpty() || !detector.detect(headers.header(c), Map.of()).isEmpty()) {
        continue;
      }
      Optional<AiLineIndex.Score> score = index.score(guarded, thresholds);
      if (score.isPresent()) {
        evidence.merge(c, evidence(score.get()), Provenance::both);
        matches.merge(c, score.get().matches(), Provenance::both);
      }
    }
    return new Found(evidence, found.truncated(), found.partlyIndexed(), matches);
  }

  /** Records {@code commits} (parents first, no merges) without judging them: history already landed. */
  List<String> learn(List<String> commits, Headers headers, Lines lines, Deadline deadline)
      throws RepositoryException, Interrupted {
    return walk(commits, headers, lines, deadline, Step.RECORD).partlyIndexed();
  }

  /** What a walk does with a commit without AI evidence of its own. */
  private enum Step { SCORE, RECORD }

  private Found walk(List<String> commits, Headers headers, Lines lines, Deadline deadline, Step step)
      throws RepositoryException, Interrupted {
    Map<String, List<Evidence>> found = new HashMap<>();
    Map<String, List<AiLineIndex.Match>> matches = new HashMap<>();
    List<String> truncated = new ArrayList<>();
    List<String> partlyIndexed = new ArrayList<>();
    Iterator<LineDiffs.CommitLines> it = lines.of(commits);
    try {
      for (String id : commits) {
        if (deadline.passed()) {
          throw new Interrupted();
        }
        LineDiffs.CommitLines cl = it.next();
        List<AiLineIndex.PathLines> files = cl.files().stream().map(Provenance::toIndex).toList();
        List<Evidence> ai = detector.detect(headers.header(id), Map.of());
        if (!ai.isEmpty()) {
          if (cl.truncated()) {
            partlyIndexed.add(id);
          }
          index.record(id, files, ai.get(0).tool().id());
          continue;
        }
        List<AiLineIndex.PathLines> guarded = step == Step.SCORE
            ? files.stream().filter(f -> isProtected(f.path())).toList() : List.of();
        if (cl.truncated()) {
          (guarded.isEmpty() ? partlyIndexed : truncated).add(id);
        }
        if (!guarded.isEmpty()) {
          Optional<AiLineIndex.Score> score = index.score(guarded, thresholds);
          if (score.isPresent()) {
            found.put(id, evidence(score.get()));
            matches.put(id, score.get().matches());
          }
        }
        index.record(id, files, null);
      }
    } catch (LineDiffs.UncheckedRepositoryException e) {
      throw e.getCause();
    } finally {
      close(it);
    }
    return new Found(found, truncated, partlyIndexed, matches);
  }

  private static void close(Iterator<?> it) {
    if (it instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // Nothing left to read from it.
      }
    }
  }

  /** Whether an AI change of unknown tool to {@code path} would need more than nothing. */
  private boolean isProtected(String path) {
    if (path.equals(Policy.FILE_NAME)) {
      return true;
    }
    Optional<Rule> rule = policy.ruleFor(path, List.of(ToolSignature.unknown()));
    return rule.map(Rule::action).orElse(policy.defaultAction()) != Action.ALLOW;
  }

  private List<Evidence> evidence(AiLineIndex.Score score) {
    List<Evidence> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (AiLineIndex.Match m : score.matches()) {
      for (AiLineIndex.Origin o : m.origins()) {
        String text = "lines " + m.firstLine() + "-" + m.lastLine() + " of " + m.path() + " came from "
            + o.commit().substring(0, Math.min(12, o.commit().length())) + " (" + o.tool() + ", " + o.path() + ")";
        if (seen.add(text) && out.size() < MAX_EVIDENCE) {
          out.add(new Evidence(policy.ai().tool(o.tool()), Signal.PROVENANCE, Kind.PROVENANCE, Confidence.PROVENANCE, text,
              m.path(), m.firstLine()));
        }
      }
    }
    return out;
  }

  private static <T> List<T> both(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static AiLineIndex.PathLines toIndex(LineDiffs.PathLines p) {
    List<AiLineIndex.Line> added = new ArrayList<>(p.added().size());
    for (FileChange.AddedLine l : p.added()) {
      added.add(new AiLineIndex.Line(l.number(), l.text()));
    }
    return new AiLineIndex.PathLines(p.path(), added, p.deleted());
  }
}
