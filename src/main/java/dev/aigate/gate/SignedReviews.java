package dev.aigate.gate;

import dev.aigate.detect.Evaluator;
import dev.aigate.detect.Review;
import dev.aigate.detect.ReviewChecker;
import dev.aigate.git.Change;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.PathGlob;
import dev.aigate.policy.PathSet;
import dev.aigate.policy.Policy;
import dev.aigate.policy.ReviewPolicy;
import dev.aigate.review.ReviewCheck;
import dev.aigate.review.ReviewRecord;
import dev.aigate.review.ReviewStatement;
import dev.aigate.review.ReviewTrust;
import dev.aigate.review.ReviewVerifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verified signed reviews that may cover the commits of one judged range, found once per
 * range before the commits are judged. Candidates are the records in notes on the range's own
 * commits, plus those the push itself adds to the notes ref: the cost follows the push, never
 * the number of notes.
 *
 * <p>A verified record for this repository and target covers commit {@code C} when {@code C} is
 * its head, or {@code C} lies in its {@code base..head}, its head is in the range (so reachable
 * from the new tip) and what {@code C} does under its globs is still so at its head
 * ({@link History#survivesTo}); with {@code binding: patch} also when the record's patch digest
 * equals that of {@code C^..C}, or that of the whole range when what {@code C} writes under its
 * globs is still there at the range's tip ({@link History#survivesTo}).
 */
public final class SignedReviews {
  /** The largest note read: 32 records at the per-record limit. */
  public static final int MAX_NOTE_BYTES = 32 * ReviewRecord.MAX_LINE_BYTES;

  private final String target;
  /** The range's new tip: what a review of the range's net patch saw. */
  private final String tip;
  private final ReviewPolicy.Binding binding;
  private final List<Candidate> candidates;
  private final List<String> problems;

  private SignedReviews(String target, String tip, ReviewPolicy.Binding binding, List<Candidate> candidates,
      List<String> problems) {
    this.target = target;
    this.tip = tip;
    this.binding = binding;
    this.candidates = List.copyOf(candidates);
    this.problems = List.copyOf(problems);
  }

  /** No signed reviews (none set up, or nothing to read). */
  public static SignedReviews none() {
    return new SignedReviews("", "", ReviewPolicy.Binding.COMMIT, List.of(), List.of());
  }

  /** One verified record and what it covers by commit identity alone. */
  private record Candidate(ReviewCheck.Verified verified, String noteOn, Set<String> covers, boolean coversRange,
      PathSet scope) {}

  /**
   * @param commits the range's commits (reachable from the new tip, not from what is excluded)
   * @param rangeBase where the range's protected diff starts (the merge base with the old tip), if one
   * @param tip the new tip
   * @param notes the notes commit to read: the pushed value of the notes ref, else its current one
   * @param pushedNotes commits whose notes this push changes
   */
  public static SignedReviews find(History history, ReviewTrust trust, ReviewPolicy.Binding binding, String target,
      List<String> commits, List<String> exclude, Optional<String> rangeBase, String tip, String notes,
      Collection<String> pushedNotes) throws RepositoryException {
    Set<String> inRange = new HashSet<>(commits);
    Set<String> annotated = new LinkedHashSet<>(commits);
    annotated.addAll(pushedNotes);
    ReviewVerifier verifier = new ReviewVerifier(trust);
    List<Candidate> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<String>> note : history.notesOn(notes, annotated, MAX_NOTE_BYTES).entrySet()) {
      for (String line : note.getValue()) {
        ReviewCheck check = verifier.checkLine(line);
        if (!(check instanceof ReviewCheck.Verified v)) {
          problems.add("review record on " + note.getKey().substring(0, 12) + " does not count: "
              + ((ReviewCheck.Rejected) check).reason());
          continue;
        }
        ReviewStatement s = v.statement();
        PathSet scope;
        try {
          scope = new PathSet(s.paths().stream().map(PathGlob::compile).toList());
        } catch (IllegalArgumentException e) {
          problems.add("review record on " + note.getKey().substring(0, 12) + " does not count: " + e.getMessage());
          continue;
        }
        Set<String> covers = new HashSet<>();
        boolean reviewedAsHistory = inRange.contains(s.head()) && history.kind(s.base()) == History.ObjectKind.COMMIT
            && history.isAncestor(s.base(), s.head());
        if (inRange.contains(s.head()) && !reviewedAsHistory) {
          // Its diff ran from a tree that is not the head's past (a copy of the change on another
          // branch, say): what the commits did never had to be in it, so it covers none by identity.
          problems.add("review record on " + note.getKey().substring(0, 12) + " covers no commit by identity: its base "
              + s.base().substring(0, 12) + " is not a commit its head descends from");
        }
        if (reviewedAsHistory) {
          covers.add(s.head());
          // What the target already has is not walked: the cost stays with the range.
          List<String> stop = new ArrayList<>(exclude);
          stop.add(s.base());
          for (String c : history.commitsBetween(s.head(), stop)) {
            if (inRange.contains(c)) {
              covers.add(c);
            }
          }
        }
        // A record of an empty protected patch reviewed no change: by patch it would cover every
        // commit that changes nothing under its globs (an AI edit seen there only through a symlink).
        boolean range = binding == ReviewPolicy.Binding.PATCH && rangeBase.isPresent() && s.target().equals(target)
            && !s.patch().equals(history.emptyPatchDigest())
            && history.patchDigest(rangeBase.get(), tip, scope::matches).equals(s.patch());
        out.add(new Candidate(v, note.getKey(), covers, range, scope));
      }
    }
    return new SignedReviews(target, tip, binding, out, problems);
  }

  /**
   * The signed reviews a clone's own notes ref holds for {@code commits} ({@code audit},
   * {@code explain}, {@code review verify}): the same checks as the gate, at {@code now}.
   *
   * @param allowedSigners a file named on the command line instead of the policy's
   */
  public static SignedReviews local(History history, Policy policy, Optional<Path>
      allowedSigners, String target, List<String> commits, List<String> exclude, String tip, Instant now)
      throws RepositoryException, ReviewTrustFiles.Unavailable {
    Optional<ReviewTrust> trust = ReviewTrustFiles.load(policy.review(), allowedSigners, now);
    if (trust.isEmpty() || commits.isEmpty()) {
      return none();
    }
    Optional<String> notes = history.refCommit(ReviewSigning.notesRef(policy.review()));
    if (notes.isEmpty()) {
      return none();
    }
    Optional<String> rangeBase = exclude.size() == 1
        ? history.mergeBases(tip, exclude.get(0)).stream().findFirst() : Optional.empty();
    return find(history, trust.get(), policy.review().binding(), target, commits, exclude, rangeBase, tip, notes.get(),
        List.of());
  }

  /** Records that were in the notes but do not verify (an expired or revoked key, say). */
  public List<String> problems() {
    return problems;
  }

  public boolean isEmpty() {
    return candidates.isEmpty();
  }

  /**
   * The signed reviews that apply to {@code change}, each judged by the independence rules; a
   * record on this very commit that does not cover it is listed too, with why.
   */
  public List<Review> reviewsFor(History h, Change change, Evaluator evaluator,
      List<ReviewChecker.Ineligible> ineligible) throws RepositoryException {
    List<Review> out = new ArrayList<>();
    for (Candidate c : candidates) {
      ReviewStatement s = c.verified().statement();
      String head = s.head().substring(0, 12);
      String named = c.verified().principals().get(0);
      if (!s.target().equals(target)) {
        if (c.noteOn().equals(change.id())) {
          out.add(Review.signed(named, new Review.NotCounted(Review.Reason.NOT_COVERED, "signed review of " + head
              + " is for " + s.target() + ", not " + target), c.scope()));
        }
        continue;
      }
      // Each way of covering costs a diff or a digest: tried in order, each at most once.
      boolean inBaseHead = c.covers().contains(change.id());
      String how;
      if (inBaseHead && s.head().equals(change.id())) {
        how = "signed review of this commit";
      } else if (inBaseHead && h.survivesTo(change.id(), s.head(), c.scope()::matches)) {
        // Its reviewer saw base..head as one diff: a commit inside it only as far as what it did
        // is still so at the head (an AI edit a later commit undid was never shown).
        how = "signed review of " + head + " (base..head)";
      } else if (c.coversRange() && h.survivesTo(change.id(), tip, c.scope()::matches)) {
        // The same for the range's net patch and the pushed tip.
        how = "signed review of " + head + " (same protected patch as the pushed range)";
      } else if (binding == ReviewPolicy.Binding.PATCH && sameDigest(h, change, c)) {
        how = "signed review of " + head + " (same protected patch)";
      } else if (inBaseHead) {
        out.add(Review.signed(named, new Review.NotCounted(Review.Reason.NOT_COVERED, "signed review of " + head
            + " reviewed base..head as one diff, and a later commit changed or undid what this commit did there:"
            + " its reviewer was never shown it (sign this commit, or squash)"), c.scope()));
        continue;
      } else {
        if (c.noteOn().equals(change.id())) {
          out.add(Review.signed(named, new Review.NotCounted(Review.Reason.NOT_COVERED, "signed review of " + head
              + " does not cover this commit (binding: " + binding.word() + "; its protected patch differs)"), c.scope()));
        }
        continue;
      }
      out.add(evaluator.signedReview(change, c.verified().principals(), c.scope(),
          how + ", key " + c.verified().key().fingerprint(), ineligible));
    }
    return out;
  }

  private static boolean sameDigest(History h, Change change, Candidate c) throws RepositoryException {
    if (c.verified().statement().patch().equals(h.emptyPatchDigest())) {
      return false;
    }
    List<String> parents = h.parents(change.id());
    String digest = h.patchDigest(parents.isEmpty() ? null : parents.get(0), change.id(), c.scope()::matches);
    return digest.equals(c.verified().statement().patch());
  }
}
