package dev.aigate.detect;

import dev.aigate.git.Change;
import dev.aigate.git.Identity;
import dev.aigate.git.Trailer;
import dev.aigate.policy.PathSet;
import dev.aigate.policy.ReviewPolicy;
import dev.aigate.policy.ToolSignature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Judges review claims strictly: a review counts only when it is a real trailer (as git parses
 * it) with a configured key, names an allowed reviewer by e-mail, and that reviewer is neither
 * the author, the committer, nor an AI identity.
 */
public final class ReviewChecker {

  private final ReviewPolicy policy;
  private final AiDetector detector;

  public ReviewChecker(ReviewPolicy policy, AiDetector detector) {
    this.policy = policy;
    this.detector = detector;
  }

  /**
   * Every review claim of {@code change}, valid or not.
   *
   * @param extraIneligible identities whose review does not count either (the pusher, say), each
   *     with the reason to give
   */
  public List<Review> check(Change change, List<Ineligible> extraIneligible) {
    List<Review> out = new ArrayList<>();
    Set<String> counted = new HashSet<>();
    Set<String> realLines = new HashSet<>();
    for (Trailer t : change.trailers()) {
      if (!policy.isReviewTrailer(t.key())) {
        continue;
      }
      realLines.add(t.key().toLowerCase(Locale.ROOT) + ":" + t.value());
      Review r = judge(t.key(), t.value(), change, extraIneligible);
      if (r.valid() && !counted.add(Addresses.canonical(Identity.parse(t.value()).email(), policy.plusAddressing()))) {
        r = Review.rejected(r.reviewer(), r.key(), Review.Reason.DUPLICATE, "duplicate: this reviewer is already counted");
      }
      out.add(r);
    }
    // Review-looking lines git does not read as trailers are reported, so the fix is obvious.
    for (String line : MessageLines.of(change.message())) {
      MessageLines.KeyValue m = MessageLines.keyValue(line);
      if (m != null && policy.isReviewTrailer(m.key())
          && !realLines.contains(m.key().toLowerCase(Locale.ROOT) + ":" + m.value())) {
        out.add(Review.rejected(m.value(), m.key(), Review.Reason.NOT_A_TRAILER,
            "not a trailer: git does not read this line as one (trailers must be in the last paragraph,"
                + " with no prose lines among them)"));
      }
    }
    return out;
  }

  /**
   * Someone whose review does not count for a reason only the caller knows (the pusher, the
   * author of a commit a merge brings in).
   *
   * @param who their identity; matched by e-mail
   * @param login a hosting login (GL_USERNAME, GITHUB_USER_LOGIN); also matched against the
   *     reviewer's name and the local part of their e-mail; may be empty
   * @param reason what the report says
   */
  public record Ineligible(Identity who, String login, String reason) {
    public Ineligible(Identity who, String reason) {
      this(who, "", reason);
    }

    boolean matches(Identity reviewer, ReviewPolicy.PlusAddressing plus) {
      if (Addresses.same(reviewer.email(), who.email(), plus)) {
        return true;
      }
      if (login == null || login.isEmpty()) {
        return false;
      }
      return sameLogin(login, reviewer, plus);
    }
  }

  private Review judge(String key, String value, Change change, List<Ineligible> extra) {
    Identity who = Identity.parse(value);
    ReviewPolicy.PlusAddressing plus = policy.plusAddressing();
    if (!who.hasEmail()) {
      return Review.rejected(value, key, Review.Reason.NO_EMAIL, "no e-mail address (write '" + key + ": Name <email>')");
    }
    if (!Addresses.isAscii(who.email())) {
      return Review.rejected(value, key, Review.Reason.NON_ASCII_ADDRESS, "<" + who.email() + "> has non-ASCII"
          + " characters, which can imitate another address; reviews count only from plain ASCII addresses");
    }
    if (Addresses.same(who.email(), change.author().email(), plus)) {
      return Review.rejected(value, key, Review.Reason.AUTHOR, "the reviewer is the commit's author"
          + spelling(who, change.author()));
    }
    if (Addresses.same(who.email(), change.committer().email(), plus)) {
      return Review.rejected(value, key, Review.Reason.COMMITTER, "the reviewer is the commit's committer"
          + spelling(who, change.committer()));
    }
    Optional<ToolSignature> ai = detector.aiIdentity(who);
    if (ai.isPresent()) {
      return Review.rejected(value, key, Review.Reason.AI_IDENTITY,
          "the reviewer is an AI identity (" + ai.get().id() + ")");
    }
    for (Ineligible i : extra) {
      if (i.matches(who, plus)) {
        return Review.rejected(value, key, Review.Reason.INELIGIBLE, i.reason() + spelling(who, i.who()));
      }
    }
    if (!policy.isAllowedReviewer(who.email())) {
      return Review.rejected(value, key, Review.Reason.NOT_ALLOWED, "<" + who.email()
          + "> is not an allowed reviewer (review.reviewers: " + policy.reviewers() + ")");
    }
    return Review.counted(value, key, "allowed reviewer");
  }

  /**
   * Judges a verified signed review of {@code change}: the key's principals must not be the
   * author, the committer, an AI identity, or anyone in {@code extra}, compared the way trailer
   * reviewers are; each principal is also held to {@code review.reviewers}.
   *
   * @param principals the principals allowed_signers gives the signing key, first one named
   * @param how what the report says about why it applies ("signed review of head ...")
   */
  public Review checkSigned(Change change, List<String> principals, PathSet scope, String how, List<Ineligible> extra) {
    String named = principals.get(0);
    ReviewPolicy.PlusAddressing plus = policy.plusAddressing();
    for (String p : principals) {
      Identity who = principalIdentity(p);
      if (!Addresses.isAscii(p)) {
        return signedRejected(named, scope, Review.Reason.NON_ASCII_ADDRESS, "the principal '" + p
            + "' has non-ASCII characters, which can imitate another; signed reviews count only from ASCII principals");
      }
      if (samePerson(who, change.author(), plus)) {
        return signedRejected(named, scope, Review.Reason.AUTHOR, "signed by " + p + ", the commit's author"
            + spelling(who, change.author()));
      }
      if (samePerson(who, change.committer(), plus)) {
        return signedRejected(named, scope, Review.Reason.COMMITTER, "signed by " + p + ", the commit's committer"
            + spelling(who, change.committer()));
      }
      Optional<ToolSignature> ai = detector.aiIdentity(who);
      if (ai.isPresent()) {
        return signedRejected(named, scope, Review.Reason.AI_IDENTITY, "signed by " + p + ", an AI identity ("
            + ai.get().id() + ")");
      }
      for (Ineligible i : extra) {
        if (i.matches(who, plus)) {
          return signedRejected(named, scope, Review.Reason.INELIGIBLE, i.reason() + " (signed by " + p + ")");
        }
      }
      if (!policy.isAllowedReviewer(p)) {
        return signedRejected(named, scope, Review.Reason.NOT_ALLOWED, "signed by " + p
            + ", who is not an allowed reviewer (review.reviewers: " + policy.reviewers() + ")");
      }
    }
    return Review.signed(named, new Review.Counted(how), scope);
  }

  private static Review signedRejected(String principal, PathSet scope, Review.Reason reason, String detail) {
    return Review.signed(principal, new Review.NotCounted(reason, detail), scope);
  }

  /** An allowed_signers principal is usually an e-mail; a bare name is compared as a login. */
  static Identity principalIdentity(String principal) {
    return principal.contains("@") ? new Identity("", principal) : new Identity(principal, "");
  }

  private static boolean samePerson(Identity principal, Identity person, ReviewPolicy.PlusAddressing plus) {
    if (principal.hasEmail()) {
      return Addresses.same(principal.email(), person.email(), plus);
    }
    return sameLogin(principal.name(), person, plus);
  }

  /**
   * Whether {@code login} names {@code person}: their name, or the local part of their e-mail,
   * both compared as addresses are (case, look-alike letters and, under {@code plus-addressing:
   * same-person}, a {@code +tag} folded), so {@code bob+review@} is still the login {@code bob}.
   */
  private static boolean sameLogin(String login, Identity person, ReviewPolicy.PlusAddressing plus) {
    if (login.isBlank()) {
      return false;
    }
    String canonicalLogin = Addresses.canonical(login, ReviewPolicy.PlusAddressing.DISTINCT);
    String email = person.email();
    if (email.contains("@")) {
      String canonical = Addresses.canonical(email, plus);
      if (canonicalLogin.equals(canonical.substring(0, canonical.lastIndexOf('@')))) {
        return true;
      }
    }
    return !person.name().isBlank()
        && canonicalLogin.equals(Addresses.canonical(person.name(), ReviewPolicy.PlusAddressing.DISTINCT));
  }

  /** When two spellings are one address, the report says so, so nobody wonders why. */
  private static String spelling(Identity reviewer, Identity other) {
    return reviewer.email().equalsIgnoreCase(other.email()) ? ""
        : " (<" + reviewer.email() + "> is <" + other.email() + "> once case, +tags and look-alike letters are"
            + " normalised)";
  }
}
