package dev.aigate.gate;

import dev.aigate.detect.AiLineIndex;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evaluator;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.LineOrigins;
import dev.aigate.detect.Review;
import dev.aigate.detect.Signal;
import dev.aigate.detect.Statistics;
import dev.aigate.detect.Suppression;
import dev.aigate.detect.Verdict;
import dev.aigate.detect.Violation;
import dev.aigate.git.Change;
import dev.aigate.git.GitRepo;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Mode;
import dev.aigate.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/** History judged the way the server gate judges pushes: for CI range checks and whole-repository audits. */
public final class Audit {
  /** Evidence that judging history finds and a commit's own message, identity and content do not. */
  private static final Set<Signal> FROM_HISTORY = EnumSet.of(Signal.PROVENANCE, Signal.NOTE, Signal.TRACE);

  private Audit() {}

  /**
   * What to audit.
   *
   * @param revisions git-style revisions and ranges; empty means HEAD
   * @param refs which refs to start from besides the revisions
   * @param since only commits committed at or after this, or null
   * @param until only commits committed at or before this, or null
   * @param threads how many threads judge
   * @param baseline known findings to suppress, or null
   * @param ignore the {@code .aigateignore} entries to honour (empty for none)
   */
  public record Request(List<String> revisions, AuditRange.Refs refs, Instant since, Instant until, int threads,
      Baseline baseline, IgnoreFile ignore) {
    public Request {
      if (ignore == null) {
        throw new IllegalArgumentException("an ignore file is required; IgnoreFile.empty() for none");
      }
    }
  }

  /** The judged range, with everything a report needs. */
  public record Result(Verdict verdict, Statistics stats, List<String> notes, List<Suppression> suppressed, String scope,
      List<String> unreadable, Set<String> pathsAtTip) {}

  /** Called once the number of commits is known, then with each count done. */
  public interface Progress {
    void total(int commits);

    void done(int commits);
  }

  public static Result run(GitRepo repo, Policy policy, Request request, Progress progress) throws RepositoryException {
    repo.tuneForHistory();
    try (History history = repo.history()) {
      AuditRange range = AuditRange.parse(history, request.revisions(), request.refs());
      List<String> commits = history.walk(range.include(), range.exclude(), request.since(), request.until());
      progress.total(commits.size());
      List<String> notes = new ArrayList<>();
      Set<String> boundary = new HashSet<>(history.shallowBoundary());
      boundary.retainAll(new HashSet<>(commits));
      if (!boundary.isEmpty()) {
        notes.add("shallow clone: " + boundary.size() + " boundary commit(s) have no parents here, so their changes"
            + " cannot be computed; they were judged on identity and message only (git fetch --unshallow, or a"
            + " deeper fetch, judges them fully)");
      }
      IntConsumer onDone = progress::done;
      List<String> unjudged = new ArrayList<>();
      SignedReviews signed = signedReviews(history, policy, commits, range.exclude(), range.include(), notes, unjudged);
      HistoryEvaluation.Result r = new HistoryEvaluation(history, repo::history, Deadline.none(), request.threads())
          .onProgress(onDone)
          .withAiNotes(history.refCommit(AiNotes.REF))
          .judge(commits, null, policy, List.of(), boundary, signed);
      unjudged.addAll(r.unreadable());
      for (String u : r.unreadable()) {
        notes.add("not judged: " + u);
      }
      List<CommitVerdict> verdicts = r.verdicts();
      List<Suppression> suppressed = new ArrayList<>();
      if (request.baseline() != null) {
        Set<String> gone = new HashSet<>();
        for (String id : request.baseline().commits()) {
          if (history.kind(id) == History.ObjectKind.MISSING) {
            gone.add(id);
          }
        }
        Baseline.Applied applied = request.baseline().apply(verdicts, gone);
        verdicts = applied.verdicts();
        suppressed.addAll(applied.suppressed());
        if (!applied.stale().isEmpty()) {
          notes.add("baseline: " + applied.stale().size() + " entr" + (applied.stale().size() == 1 ? "y matches" : "ies match")
              + " no finding any more (fixed, or the commit left history); regenerate the baseline to drop "
              + (applied.stale().size() == 1 ? "it" : "them") + ": " + String.join(", ", applied.stale().stream().limit(10).toList())
              + (applied.stale().size() > 10 ? ", …" : ""));
        }
      }
      if (!request.ignore().entries().isEmpty()) {
        List<String> resolved = new ArrayList<>();
        String at = request.ignore().revision();
        for (IgnoreFile.Entry e : request.ignore().entries()) {
          String id = history.commitByPrefix(e.commit()).orElse(null);
          if (id != null && at != null && e.commit().length() < id.length() && !history.isAncestor(id, at)) {
            notes.add(IgnoreFile.FILE_NAME + ":" + e.line() + ": the abbreviation " + e.commit() + " names a commit " + at
                + " does not have, so it covers nothing (name a later commit by its full id)");
            id = null;
          }
          resolved.add(id);
        }
        Baseline.Applied applied = request.ignore().apply(verdicts, resolved);
        verdicts = applied.verdicts();
        suppressed.addAll(applied.suppressed());
        if (!applied.suppressed().isEmpty()) {
          notes.add(IgnoreFile.FILE_NAME + ": " + applied.suppressed().size() + " finding(s) suppressed (listed in the JSON"
              + " report with \"suppressed\": true)");
        }
        if (!applied.stale().isEmpty()) {
          notes.add(IgnoreFile.FILE_NAME + ": entries that name no commit here: " + String.join(", ", applied.stale()));
        }
      }
      Verdict verdict = new Verdict(verdicts, policy.origin(), policy.mode() == Mode.WARN);
      String scope = range.description() + (request.since() == null ? "" : " since " + request.since())
          + (request.until() == null ? "" : " until " + request.until());
      return new Result(verdict, Statistics.of(verdicts), notes, suppressed, scope, unjudged,
          pathsAtTip(history, range, verdicts));
    }
  }

  /**
   * Signed reviews in the clone's notes, verified as the gate verifies them, for the default
   * branch (the target audits judge history for). Trust that cannot be read leaves every signed
   * review unjudged, which is reported and fails the audit, never a quiet "no reviews".
   */
  private static SignedReviews signedReviews(History history, Policy policy, List<String> commits,
      Collection<String> exclude, Collection<String> include, List<String> notes,
      List<String> unjudged) throws RepositoryException {
    if (!policy.review().signedReviews() || include.size() != 1) {
      return SignedReviews.none();
    }
    try {
      SignedReviews s = SignedReviews.local(history, policy, Optional.empty(),
          ReviewSigning.defaultTarget(history), commits, List.copyOf(exclude), include.iterator().next(), Instant.now());
      s.problems().forEach(p -> notes.add(p));
      return s;
    } catch (ReviewTrustFiles.Unavailable e) {
      notes.add("signed reviews not judged: " + e.getMessage());
      unjudged.add("signed reviews: " + e.getMessage());
      return SignedReviews.none();
    }
  }

  /**
   * Of the paths findings name, those that exist at the tip: the one revision a range ends in, or
   * HEAD. What {@code --sarif-scope head} keeps.
   */
  private static Set<String> pathsAtTip(History history, AuditRange range, List<CommitVerdict> verdicts)
      throws RepositoryException {
    String tip = range.include().size() == 1 ? range.include().get(0) : history.headCommit().orElse(null);
    Set<String> out = new HashSet<>();
    if (tip == null) {
      return out;
    }
    Set<String> asked = new HashSet<>();
    for (CommitVerdict c : verdicts) {
      for (Violation v : c.violations()) {
        String path = v.path().isEmpty() ? firstPath(c) : v.path();
        if (asked.add(path) && history.exists(tip, path)) {
          out.add(path);
        }
      }
    }
    return out;
  }

  private static String firstPath(CommitVerdict c) {
    return c.change().files().stream().flatMap(f -> f.paths().stream()).findFirst().orElse(Policy.FILE_NAME);
  }

  /**
   * One commit judged as {@code audit} judges it: with the reviews of merges between it and
   * {@code HEAD} that bring it in, so {@code explain} and {@code audit} never disagree about a
   * commit a reviewed merge covers.
   */
  public static Explanation explain(GitRepo repo, Policy policy, String revision) throws RepositoryException {
    Change change = repo.commit(revision, policy.ai().needsContent());
    Evaluator evaluator = new Evaluator(policy);
    List<Review> inherited = List.of();
    List<Evidence> carried = List.of();
    List<LineOrigins> origins = new ArrayList<>();
    if (repo.hasHead()) {
      try (History history = repo.history()) {
        String head = history.resolve("HEAD");
        List<String> exclude = history.parents(change.id());
        // Provenance needs the lines of every commit before this one; otherwise its own history suffices.
        List<String> commits = history.walk(List.of(head, change.id()),
            policy.ai().provenance().enabled() ? List.of() : exclude, null);
        SignedReviews signed;
        try {
          signed = SignedReviews.local(history, policy, Optional.empty(), ReviewSigning.defaultTarget(history),
              commits, exclude, head, Instant.now());
        } catch (ReviewTrustFiles.Unavailable e) {
          throw new RepositoryException("signed reviews cannot be judged: " + e.getMessage());
        }
        HistoryEvaluation.Result r = new HistoryEvaluation(history, repo::history, Deadline.none(), 1)
            .withAiNotes(history.refCommit(AiNotes.REF))
            .judge(commits, null, policy, List.of(), new HashSet<>(history.shallowBoundary()), signed);
        int own = evaluator.reviewsOf(change, List.of()).size();
        for (CommitVerdict v : r.verdicts()) {
          if (v.change().id().equals(change.id())) {
            if (v.reviews().size() > own) {
              inherited = v.reviews().subList(own, v.reviews().size());
            }
            carried = v.ai().stream()
                .filter(e -> FROM_HISTORY.contains(e.signal())).toList();
          }
        }
        for (AiLineIndex.Match m : r.lineOrigins().getOrDefault(change.id(), List.of())) {
          origins.add(LineOrigins.of(m, history.fileAt(change.id(), m.path()).orElse("")));
        }
      }
    }
    // A stored commit has no committing environment: that signal exists only in local hooks.
    List<Evidence> ai = new ArrayList<>(evaluator.detector().detect(change, Map.of()));
    ai.addAll(carried);
    return new Explanation(evaluator.evaluateWith(change, ai, List.of(), inherited), origins);
  }

  /**
   * What {@code explain} shows of one commit: its verdict and, when provenance flagged it, which
   * of its lines came from which AI commits.
   */
  public record Explanation(CommitVerdict verdict, List<LineOrigins> lineOrigins) {
    public Explanation {
      lineOrigins = List.copyOf(lineOrigins);
    }
  }

}
