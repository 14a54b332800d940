package dev.aigate.gate;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Verdict;
import dev.aigate.git.GitProcess;
import dev.aigate.git.GitRepo;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Mode;
import dev.aigate.policy.Policy;
import dev.aigate.review.ReviewCheck;
import dev.aigate.review.ReviewRecord;
import dev.aigate.review.ReviewStatement;
import dev.aigate.review.ReviewTrust;
import dev.aigate.review.ReviewVerifier;
import dev.aigate.review.SignatureFormatException;
import dev.aigate.review.SshSignature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** {@code aigate review verify|show|push}: the server's checks and the notes' transport, in a clone. */
public final class LocalReviews {
  /** How often {@link #push} fetches, merges and pushes again when another reviewer pushed first. */
  static final int PUSH_ATTEMPTS = 4;

  private LocalReviews() {}

  /** The trust to verify with: {@code --allowed-signers}, else the policy's; missing is an error. */
  static ReviewTrust trust(Policy policy, Optional<Path> allowedSigners, Instant now)
      throws ReviewSigning.SigningException {
    try {
      return ReviewTrustFiles.load(policy.review(), allowedSigners, now).orElseThrow(() ->
          new ReviewSigning.SigningException("no allowed_signers to verify with: set review.signatures.allowed-signers"
              + " in the policy or give --allowed-signers <file>"));
    } catch (ReviewTrustFiles.Unavailable e) {
      throw new ReviewSigning.SigningException(e.getMessage());
    }
  }

  /** The verdict on a range, judged as the server would judge a push of it to {@code target}. */
  public record Verified(Verdict verdict, String scope, List<String> notes, boolean complete) {
    public Verified {
      notes = List.copyOf(notes);
    }

    /** Every AI-attributed commit in scope is covered, and every commit was judged. */
    public boolean covered() {
      return complete && verdict.passed();
    }
  }

  /**
   * @param spec {@code <rev>} (its commits not yet on the target) or {@code <a>..<b>}
   */
  public static Verified verify(GitRepo repo, Policy policy, String spec, Optional<String> target,
      Optional<Path> allowedSigners, Instant now) throws RepositoryException, ReviewSigning.SigningException {
    trust(policy, allowedSigners, now);
    try (History h = repo.history()) {
      String targetRef = target.map(ReviewSigning::qualify).orElseGet(() -> ReviewSigning.defaultTarget(h));
      String tip;
      String base;
      int dots = spec.indexOf("..");
      if (dots >= 0) {
        base = h.resolve(spec.substring(0, dots).isEmpty() ? "HEAD" : spec.substring(0, dots));
        tip = h.resolve(spec.substring(dots + 2).isEmpty() ? "HEAD" : spec.substring(dots + 2));
      } else {
        tip = h.resolve(spec);
        base = ReviewSigning.defaultBase(h, tip, targetRef);
      }
      List<String> commits = h.commitsBetween(tip, List.of(base));
      String notesRef = ReviewSigning.notesRef(policy.review());
      Optional<String> notes = h.refCommit(notesRef);
      SignedReviews signed;
      try {
        signed = SignedReviews.local(h, policy, allowedSigners, targetRef, commits, List.of(base), tip, now);
      } catch (ReviewTrustFiles.Unavailable e) {
        throw new ReviewSigning.SigningException(e.getMessage());
      }
      HistoryEvaluation.Result r = new HistoryEvaluation(h, repo::history, Deadline.none(), 1)
          .judge(commits, targetRef, policy, List.of(), new HashSet<>(h.shallowBoundary()), signed);
      List<String> out = new ArrayList<>(signed.problems());
      r.unreadable().forEach(u -> out.add("not judged: " + u));
      if (notes.isEmpty()) {
        out.add("no " + notesRef + " here: fetch it (git fetch origin " + notesRef + ":" + notesRef + ")");
      }
      List<CommitVerdict> verdicts = r.verdicts();
      boolean complete = r.unreadable().isEmpty() && !r.timedOut();
      Verdict v = new Verdict(verdicts, policy.origin(), policy.mode() == Mode.WARN);
      return new Verified(v, base.substring(0, 12) + ".." + tip.substring(0, 12) + " for " + targetRef, out, complete);
    }
  }

  /** The records on {@code revision} and what each covers, with why any does not count. */
  public static List<String> show(GitRepo repo, Policy policy, String revision, Optional<Path> allowedSigners,
      Instant now) throws RepositoryException {
    Optional<ReviewTrust> trust;
    String trustProblem = "";
    try {
      trust = Optional.of(trust(policy, allowedSigners, now));
    } catch (ReviewSigning.SigningException e) {
      trust = Optional.empty();
      trustProblem = e.getMessage();
    }
    List<String> out = new ArrayList<>();
    try (History h = repo.history()) {
      String commit = h.resolve(revision);
      String notesRef = ReviewSigning.notesRef(policy.review());
      Optional<String> notes = h.refCommit(notesRef);
      List<String> lines = notes.isEmpty() ? List.of()
          : h.notesOn(notes.get(), List.of(commit), SignedReviews.MAX_NOTE_BYTES).getOrDefault(commit, List.of());
      out.add(commit.substring(0, 12) + ": " + lines.size() + " review record(s) on " + notesRef);
      int n = 0;
      for (String line : lines) {
        n++;
        out.add("record " + n + ":");
        ReviewRecord record;
        ReviewStatement s;
        try {
          record = ReviewRecord.parseLine(line);
          s = ReviewStatement.parse(record.statement());
          out.add("  key:      " + SshSignature.parseArmored(record.armoredSignature()).key().fingerprint());
        } catch (SignatureFormatException e) {
          out.add("  does not count: " + e.getMessage());
          continue;
        }
        out.add("  repo:     " + s.repo());
        out.add("  target:   " + s.target());
        out.add("  range:    " + s.base().substring(0, 12) + ".." + s.head().substring(0, 12)
            + (s.head().equals(commit) ? " (this commit is its head)" : " (head " + s.head().substring(0, 12) + ")"));
        out.add("  patch:    " + s.patch());
        out.add("  paths:    " + String.join(", ", s.paths()));
        out.add("  reviewer: " + s.reviewer() + " (claimed; the principal comes from allowed_signers)");
        out.add("  time:     " + s.time() + " (claimed; key validity is judged at receive time)");
        if (trust.isEmpty()) {
          out.add("  not verified: " + trustProblem);
          continue;
        }
        ReviewCheck check = new ReviewVerifier(trust.get()).check(record);
        if (check instanceof ReviewCheck.Verified v) {
          out.add("  verified: signed by " + String.join(", ", v.principals()) + " at " + now);
        } else {
          out.add("  does not count: " + ((ReviewCheck.Rejected) check).reason());
        }
      }
    }
    return out;
  }

  /** What {@link #push} did. */
  public sealed interface Pushed {
    /** The remote took the merged notes ref. */
    record Sent(int attempts, String detail) implements Pushed {}

    /** The remote refused the notes ref for another reason than a race (its gate, a deny rule). */
    record Refused(int attempts, String detail) implements Pushed {}

    /** Another reviewer's push came in between on every one of the attempts. */
    record Raced(int attempts, String detail) implements Pushed {}

    /** The remote's notes ref could not be fetched. */
    record Unreachable(int attempts, String detail) implements Pushed {}
  }

  /**
   * Fetches the remote's review notes, merges them into the local ones with cat_sort_uniq (every
   * record of both, sorted, once), and pushes; another reviewer's push in between makes it try
   * again, up to {@link #PUSH_ATTEMPTS} times. A refusal by the server's gate is not retried.
   */
  public static Pushed push(GitProcess git, Policy policy, String remote, PrintStream progress)
      throws RepositoryException {
    String notesRef = ReviewSigning.notesRef(policy.review());
    String fetched = notesRef + "-" + "fetched";
    String last = "";
    for (int attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
      GitProcess.Result fetch = git.run(null, "fetch", "-q", remote, "+" + notesRef + ":" + fetched);
      if (fetch.ok()) {
        boolean haveLocal = git.run(null, "rev-parse", "-q", "--verify", notesRef).ok();
        if (haveLocal) {
          git.require(null, "notes", "--ref", notesRef, "merge", "-q", "-s", "cat_sort_uniq", fetched);
        } else {
          git.require(null, "update-ref", notesRef, fetched);
        }
      } else if (!fetch.err().contains("couldn't find remote ref")) {
        return new Pushed.Unreachable(attempt, "cannot fetch " + notesRef + " from " + remote + ": "
            + fetch.err().strip());
      }
      GitProcess.Result push = git.run(null, "push", "--porcelain", remote, notesRef + ":" + notesRef);
      if (push.ok()) {
        git.run(null, "update-ref", "-d", fetched);
        return new Pushed.Sent(attempt, push.out().strip());
      }
      last = (push.out() + push.err()).strip();
      if (!lostRace(push.out(), notesRef)) {
        return new Pushed.Refused(attempt, last);
      }
      progress.println("aigate: " + remote + " got other reviews meanwhile; merging them and pushing again");
    }
    return new Pushed.Raced(PUSH_ATTEMPTS, last);
  }

  /**
   * Whether the porcelain status of {@code notesRef} says the remote ref moved under us: either
   * before the push started (the client sees it is behind: {@code fetch first}, {@code
   * non-fast-forward}), or while it ran (receive-pack's compare-and-swap of the old value fails:
   * {@code failed to update ref}, older git {@code failed to lock}). A hook's refusal is final.
   */
  static boolean lostRace(String porcelain, String notesRef) {
    for (String line : porcelain.split("\n")) {
      String[] f = line.split("\t");
      if (f.length < 3 || !f[0].equals("!") || !f[1].endsWith(":" + notesRef)) {
        continue;
      }
      String summary = f[2];
      return summary.equals("[rejected] (fetch first)") || summary.equals("[rejected] (non-fast-forward)")
          || summary.equals("[remote rejected] (failed to update ref)")
          || summary.equals("[remote rejected] (failed to lock)");
    }
    return false;
  }
}
