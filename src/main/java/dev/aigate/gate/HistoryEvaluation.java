package dev.aigate.gate;

import dev.aigate.detect.AiLineIndex;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evaluator;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Review;
import dev.aigate.detect.ReviewChecker;
import dev.aigate.git.Change;
import dev.aigate.git.ContentScreen;
import dev.aigate.git.History;
import dev.aigate.git.LineDiffs;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

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
 *
 * <p>Work is pruned, since most commits carry no AI evidence: identity and message come first,
 * read from the raw objects the walk already holds, and the tree diff is computed only for
 * commits with evidence (or for every commit when the policy has content markers). Commits are
 * independent, so they are judged on several threads, each with its own reader.
 */
public final class HistoryEvaluation {
  /** Commits per unit of work a thread takes; small enough to balance, large enough to be cheap. */
  private static final int CHUNK = 32;
  /** Below this, a second thread costs more than it saves. */
  private static final int PARALLEL_THRESHOLD = 200;

  private final History history;
  private final Supplier<History> moreHistories;
  private final Deadline deadline;
  private final int threads;
  private IntConsumer progress = done -> {};
  private Supplier<AiLineIndex> lineIndex = AiLineIndex::new;
  private Optional<String> aiNotes = Optional.empty();

  /**
   * @param history the session used for walking (and for judging on the calling thread)
   * @param moreHistories opens a session for each additional thread
   * @param threads how many threads may judge at once
   */
  public HistoryEvaluation(History history, Supplier<History> moreHistories, Deadline deadline, int threads) {
    this.history = history;
    this.moreHistories = moreHistories;
    this.deadline = deadline;
    this.threads = Math.max(1, threads);
  }

  /** Called with the number of commits judged so far, from any thread. */
  public HistoryEvaluation onProgress(IntConsumer listener) {
    this.progress = listener;
    return this;
  }

  /**
   * The AI line index provenance starts from (an audit: empty; the server: the persistent
   * index of the history before the push). It is fed every commit judged.
   */
  public HistoryEvaluation withLineIndex(Supplier<AiLineIndex> index) {
    this.lineIndex = index;
    return this;
  }

  /**
   * The git-ai notes ({@code refs/notes/ai}) to read as evidence: the notes commit the ref will
   * name (its pushed value when the push updates it), if any.
   */
  public HistoryEvaluation withAiNotes(Optional<String> notesCommit) {
    this.aiNotes = notesCommit;
    return this;
  }

  /** The largest commit object judged; a bigger one is refused, not inflated (bounded memory). */
  public static final int MAX_COMMIT_BYTES = 1 << 20;
  /**
   * A commit still being judged this long when the deadline passes held the gate by itself: its
   * content, not the server's load, is why the push was not judged in time.
   */
  static final Duration STUCK = Duration.ofSeconds(1);

  /**
   * The judged commits in input order, how many were left unjudged at the deadline, which could
   * not be read, and which were being judged when the deadline passed (a commit that alone
   * outlasts the budget is the pusher's doing, not the server's), and, for commits flagged by
   * provenance, the runs of lines that came from AI commits.
   */
  public record Result(List<CommitVerdict> verdicts, int pending, boolean timedOut, List<String> unreadable,
      List<String> stuck, Map<String, List<AiLineIndex.Match>> lineOrigins) {
    public Result {
      verdicts = List.copyOf(verdicts);
      unreadable = List.copyOf(unreadable);
      stuck = List.copyOf(stuck);
      lineOrigins = Map.copyOf(lineOrigins);
    }

    static Result timedOut(int pending) {
      return new Result(List.of(), pending, true, List.of(), List.of(), Map.of());
    }
  }

  /** The commits reachable from {@code tip} but not from {@code exclude}, parents first. */
  public List<String> newCommits(String tip, List<String> exclude) throws RepositoryException {
    return history.commitsBetween(tip, exclude);
  }

  /**
   * Judges {@code commits} (parents first) for {@code ref}.
   *
   * @param ref the ref they are judged for, or null (an audit)
   * @param ineligible reviewers who never count here (the pusher, when the policy says so)
   * @param boundary commits whose parents are missing (shallow clone): judged on identity and
   *     message only, never diffed against an empty tree
   */
  public Result judge(List<String> commits, String ref, Policy policy, List<ReviewChecker.Ineligible> ineligible,
      Set<String> boundary) throws RepositoryException {
    return judge(commits, ref, policy, ineligible, boundary, SignedReviews.none());
  }

  /**
   * Judges {@code commits} as {@link #judge(List, String, Policy, List, Set)} does, with the
   * signed reviews that may cover them.
   */
  public Result judge(List<String> commits, String ref, Policy policy, List<ReviewChecker.Ineligible> ineligible,
      Set<String> boundary, SignedReviews signed) throws RepositoryException {
    // The walk kept every commit's raw object: threads read headers from these bytes instead of
    // inflating each commit again from the pack.
    List<byte[]> raw = new ArrayList<>(commits.size());
    Map<String, List<String>> parents = new HashMap<>();
    List<String> unreadable = new ArrayList<>();
    for (String c : commits) {
      byte[] body = null;
      try {
        body = history.rawBody(c, MAX_COMMIT_BYTES);
        parents.put(c, history.parents(c));
      } catch (RepositoryException e) {
        unreadable.add(c.substring(0, 12) + ": " + e.getMessage());
      }
      raw.add(body);
    }
    Evaluator reviews = new Evaluator(policy);
    List<String> reviewedMerges = new ArrayList<>();
    for (int i = 0; i < commits.size(); i++) {
      String c = commits.get(i);
      if (raw.get(i) == null) {
        continue;
      }
      try {
        // Most merges carry no review trailer at all: a byte scan rules those out before their
        // headers are parsed (their malformed headers are still found when they are judged).
        if (!boundary.contains(c) && parents.get(c).size() > 1 && history.mayMention(raw.get(i), policy.review().trailers())) {
          Change merge = history.header(c, raw.get(i));
          // Only a review trailer can make a valid review: most merges carry none, and judging
          // them would re-split every merge message for nothing.
          if (merge.trailers().stream().anyMatch(t -> policy.review().isReviewTrailer(t.key()))
              && reviews.reviewsOf(merge, ineligible).stream().anyMatch(Review::valid)) {
            reviewedMerges.add(c);
          }
        }
      } catch (RepositoryException e) {
        unreadable.add(c.substring(0, 12) + ": " + e.getMessage());
        raw.set(i, null);
      }
    }
    Map<String, List<String>> coveredBy;
    try {
      coveredBy = MergeCoverage.of(commits, parents, reviewedMerges, deadline);
    } catch (MergeCoverage.Interrupted e) {
      return Result.timedOut(commits.size());
    }
    Provenance.Found carried = Provenance.Found.nothing();
    if (policy.ai().provenance().enabled()) {
      List<String> own = new ArrayList<>();
      for (int i = 0; i < commits.size(); i++) {
        String c = commits.get(i);
        if (raw.get(i) != null && !boundary.contains(c) && parents.get(c).size() <= 1) {
          own.add(c);
        }
      }
      Map<String, Integer> at = new HashMap<>();
      for (int i = 0; i < commits.size(); i++) {
        at.put(commits.get(i), i);
      }
      List<String> merges = new ArrayList<>();
      for (int i = 0; i < commits.size(); i++) {
        String c = commits.get(i);
        if (raw.get(i) != null && !boundary.contains(c) && parents.get(c).size() > 1) {
          merges.add(c);
        }
      }
      try {
        Provenance provenance = new Provenance(policy, lineIndex.get());
        Provenance.Headers headers = id -> history.header(id, raw.get(at.get(id)));
        carried = provenance.scan(own, headers, history::lineDiffs, deadline);
        carried = provenance.withMoreLines(carried, merges, headers, merge -> orUnreadable(merge,
            history::mergeOwnLines, unreadable, raw, at), deadline);
        carried = provenance.withMoreLines(carried, own, headers, commit -> orUnreadable(commit,
            history::linkedLines, unreadable, raw, at), deadline);
      } catch (Provenance.Interrupted e) {
        return Result.timedOut(commits.size());
      }
      // Lines past the size limit were not followed: the commit cannot be judged whole.
      for (String c : carried.truncated()) {
        unreadable.add(c.substring(0, 12) + ": over " + LineDiffs.MAX_LINES
            + " added lines in protected paths, more than provenance across commits follows");
        raw.set(at.get(c), null);
      }
    }
    Map<String, List<Evidence>> extra = new HashMap<>(carried.evidence());
    Map<String, List<AiLineIndex.Match>> origins = carried.matches();
    if (aiNotes.isPresent()) {
      History.Notes tree = history.notes(aiNotes.get());
      AiNotes notes = new AiNotes(policy, tree);
      // Two notes on one commit: git shows them joined, JGit one of them.
      Set<String> twice = tree.duplicated(commits);
      for (int i = 0; i < commits.size(); i++) {
        if (raw.get(i) == null) {
          continue;
        }
        String c = commits.get(i);
        if (twice.contains(c)) {
          unreadable.add(c.substring(0, 12) + ": two git-ai notes on it in " + AiNotes.REF
              + " (one flat, one in a fan-out directory); git shows them joined and aigate cannot read them as git does");
          raw.set(i, null);
          continue;
        }
        try {
          List<Evidence> noted = notes.evidence(c);
          if (!noted.isEmpty()) {
            extra.merge(c, noted, Job::withAll);
          }
        } catch (RepositoryException e) {
          unreadable.add(c.substring(0, 12) + ": " + e.getMessage());
          raw.set(i, null);
        }
      }
    }
    Job job = new Job(commits, raw, ref, policy, ineligible, boundary, coveredBy, extra, signed);
    job.unreadable.addAll(unreadable);
    for (int i = 0; i < commits.size(); i++) {
      if (raw.get(i) == null) {
        job.failed.add(commits.get(i));
      }
    }
    int workers = commits.size() < PARALLEL_THRESHOLD ? 1 : threads;
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "aigate-judge");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        boolean first = i == 0;
        all.add(pool.submit(() -> {
          if (first) {
            job.work(history);
          } else {
            try (History own = moreHistories.get()) {
              job.work(own);
            }
          }
          return null;
        }));
      }
      // The watchdog: judging runs on the pool, and this thread waits no longer than the
      // deadline, so one commit that takes too long cannot hold the gate past its budget.
      for (Future<?> f : all) {
        Optional<Duration> left = deadline.remaining();
        if (left.isEmpty()) {
          f.get();
        } else {
          f.get(Math.max(1, left.get().toMillis()), TimeUnit.MILLISECONDS);
        }
      }
    } catch (TimeoutException e) {
      job.stopped = true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RepositoryException re) {
        throw re;
      }
      throw new IllegalStateException("judging failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepositoryException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    List<CommitVerdict> out = new ArrayList<>();
    List<String> stuck = new ArrayList<>();
    long now = System.nanoTime();
    int pending = 0;
    for (int i = 0; i < commits.size(); i++) {
      CommitVerdict v = job.results.get(i);
      if (v != null) {
        out.add(v);
      } else if (job.started.get(i) != 0 && !job.failed.contains(commits.get(i))
          && now - job.started.get(i) > STUCK.toNanos()) {
        stuck.add(commits.get(i));
        pending++;
      } else if (!job.failed.contains(commits.get(i))) {
        pending++;
      }
    }
    return new Result(out, pending, pending > 0, List.copyOf(job.unreadable), stuck, origins);
  }

  /** What {@code read} gives; a commit it cannot read is unreadable, its lines none. */
  private static List<LineDiffs.PathLines> orUnreadable(String commit, Provenance.MoreLines read, List<String> unreadable,
      List<byte[]> raw, Map<String, Integer> at) {
    try {
      return read.of(commit);
    } catch (RepositoryException e) {
      unreadable.add(commit.substring(0, 12) + ": " + e.getMessage());
      raw.set(at.get(commit), null);
      return List.of();
    }
  }

  /** A reviewed merge and the e-mails of the covered commit's author and committer. */
  private record MergeKey(String merge, String author, String committer) {}

  /** One judging job, shared by its threads. */
  private final class Job {
    final List<String> commits;
    final String ref;
    final Policy policy;
    final List<ReviewChecker.Ineligible> ineligible;
    final Set<String> boundary;
    final Map<String, List<String>> coveredBy;
    final Map<String, List<Evidence>> carried;
    final SignedReviews signed;
    final List<CommitVerdict> results;
    final List<String> unreadable = Collections.synchronizedList(new ArrayList<>());
    final List<byte[]> raw;
    final Map<String, Integer> index = new HashMap<>();
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    /** When each commit's judging began ({@link System#nanoTime()}), 0 before. */
    final AtomicLongArray started;
    final Set<String> failed = ConcurrentHashMap.newKeySet();
    /** Reviewed merges' headers, parsed once; shared by the threads. */
    final Map<String, Change> merges = new ConcurrentHashMap<>();
    /** A merge's valid reviews as reviews of commits by one author and committer. */
    final Map<MergeKey, List<Review>> mergeReviews = new ConcurrentHashMap<>();
    volatile boolean stopped;

    Job(List<String> commits, List<byte[]> raw, String ref, Policy policy, List<ReviewChecker.Ineligible> ineligible,
        Set<String> boundary, Map<String, List<String>> coveredBy, Map<String, List<Evidence>> carried,
        SignedReviews signed) {
      this.commits = commits;
      this.carried = carried;
      this.signed = signed;
      this.raw = raw;
      for (int i = 0; i < commits.size(); i++) {
        index.put(commits.get(i), i);
      }
      this.ref = ref;
      this.policy = policy;
      this.ineligible = ineligible;
      this.boundary = boundary;
      this.coveredBy = coveredBy;
      this.results = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(commits.size(), null)));
      this.started = new AtomicLongArray(commits.size());
    }

    void work(History h) throws RepositoryException {
      // Each thread has its own evaluator: the detector caches identities and is not thread-safe.
      Evaluator evaluator = new Evaluator(policy, Optional.ofNullable(ref));
      boolean content = policy.ai().needsContent();
      ContentScreen screen = ContentScreen.of(policy.ai().contentMarkers());
      AgentTraces traces = new AgentTraces(policy);
      for (int start = next.getAndAdd(CHUNK); start < commits.size() && !stopped; start = next.getAndAdd(CHUNK)) {
        for (int i = start; i < Math.min(start + CHUNK, commits.size()); i++) {
          if (deadline.passed()) {
            stopped = true;
            return;
          }
          String id = commits.get(i);
          if (raw.get(i) == null) {
            continue;
          }
          started.set(i, System.nanoTime() | 1);
          try {
            Change change = header(h, id);
            // Identity and message come first: most commits carry no AI evidence and need no
            // tree diff at all.
            // Provenance: AI lines this commit carries into protected paths from AI commits before it.
            List<Evidence> moved = carried.getOrDefault(id, List.of());
            if (!boundary.contains(id)) {
              moved = withAll(moved, traces.evidence(h, id, raw.get(i)));
            }
            List<Evidence> ai = withAll(evaluator.detector().detect(change, Map.of()), moved);
            if (boundary.contains(id) && !ai.isEmpty()) {
              // Its parents are missing (a shallow clone): which paths it changes cannot be told,
              // and a commit with no paths would pass every rule.
              throw new RepositoryException("AI-attributed, and its parents are not in this clone (shallow): which"
                  + " paths it changes cannot be told; fetch the history it needs (fetch-depth: 0, git fetch --deepen)", null);
            }
            boolean diff = !boundary.contains(id) && (content || !ai.isEmpty());
            if (diff) {
              change = change.withFiles(h.asCheckedOut(id, h.files(id, content, screen)));
            }
            List<Review> inherited = inherited(h, evaluator, change);
            if (!signed.isEmpty() && (!ai.isEmpty() || content || h.changesPath(id, Policy.FILE_NAME))) {
              inherited.addAll(signed.reviewsFor(h, change, evaluator, ineligible));
            }
            // Without content markers the files add no evidence: the header's stands.
            if (diff && content) {
              ai = withAll(evaluator.detector().detect(change, Map.of()), moved);
            }
            results.set(i, verdict(evaluator.evaluateWith(change, ai, ineligible, inherited)));
          } catch (RepositoryException | RuntimeException | StackOverflowError e) {
            // Content JGit cannot hold (LargeObjectException) is unreadable, not a crash that
            // on-error could wave through.
            failed.add(id);
            unreadable.add(id.substring(0, 12) + ": " + e.getMessage());
          }
          progress.accept(done.incrementAndGet());
        }
      }
    }

    static List<Evidence> withAll(List<Evidence> found, List<Evidence> more) {
      if (more.isEmpty()) {
        return found;
      }
      List<Evidence> all = new ArrayList<>(found);
      all.addAll(more);
      return all;
    }

    private Change header(History h, String id) throws RepositoryException {
      Integer i = index.get(id);
      return i == null ? null : h.header(id, raw.get(i));
    }

    private CommitVerdict verdict(CommitVerdict v) {
      return ref == null ? v : v.forRef(ref);
    }

    private List<Review> inherited(History h, Evaluator evaluator, Change change) throws RepositoryException {
      List<Review> out = new ArrayList<>();
      for (String merge : coveredBy.getOrDefault(change.id(), List.of())) {
        // A merge covers up to thousands of commits, mostly by a few people: its header is parsed
        // and its reviews judged once per (author, committer) e-mail, the only part of the covered
        // commit they depend on, instead of once per covered commit.
        MergeKey key = new MergeKey(merge, change.author().email(), change.committer().email());
        List<Review> known = mergeReviews.get(key);
        if (known == null) {
          known = mergeReviews(h, merge, change, evaluator);
          mergeReviews.putIfAbsent(key, known);
        }
        out.addAll(known);
      }
      return out;
    }

    /** The merge's valid reviews, judged again as reviews of {@code covered}. */
    private List<Review> mergeReviews(History h, String merge, Change covered, Evaluator evaluator)
        throws RepositoryException {
      Change m = merges.get(merge);
      if (m == null) {
        m = header(h, merge);
        merges.putIfAbsent(merge, m);
      }
      List<ReviewChecker.Ineligible> notThem = new ArrayList<>(ineligible);
      notThem.add(new ReviewChecker.Ineligible(covered.author(), "the reviewer is the author of the reviewed commit"));
      notThem.add(new ReviewChecker.Ineligible(covered.committer(), "the reviewer is the committer of the reviewed commit"));
      String shortId = merge.substring(0, 12);
      List<Review> out = new ArrayList<>();
      for (Review r : evaluator.reviewsOf(m, notThem)) {
        if (r.valid()) {
          out.add(Review.counted(r.reviewer(), r.key(), "allowed reviewer, on merge " + shortId));
        }
      }
      return List.copyOf(out);
    }
  }
}
