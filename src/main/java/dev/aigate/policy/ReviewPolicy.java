package dev.aigate.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who counts as a human reviewer.
 *
 * @param trailers trailer keys that record a review, compared case-insensitively
 * @param reviewers e-mail globs of the people allowed to review
 * @param required how many distinct valid reviews an AI change needs
 * @param excludePusher whether the pusher's own review does not count (server side)
 * @param plusAddressing whether {@code jane+review@example.com} is Jane
 * @param evidence what kind of review evidence counts
 * @param repoId the repository id signed review statements must name (anti cross-repository replay)
 * @param binding what a signed review is bound to
 * @param signatures where signed reviews are read and who may sign them; empty when not set up
 */
public record ReviewPolicy(List<String> trailers, List<IdentityGlob> reviewers, int required, boolean excludePusher,
    PlusAddressing plusAddressing, Evidence evidence, Optional<String> repoId, Binding binding,
    Optional<Signatures> signatures) {
  public static final String DEFAULT_NAMESPACE = "aigate-review-v1";
  public static final String DEFAULT_NOTES_REF = "refs/notes/aigate/reviews";

  public ReviewPolicy {
    trailers = List.copyOf(trailers);
    reviewers = List.copyOf(reviewers);
    if (plusAddressing == null || evidence == null || repoId == null || binding == null || signatures == null) {
      throw new IllegalArgumentException("a review policy needs every field (empty, not null)");
    }
    if (evidence != Evidence.TRAILER && signatures.isEmpty()) {
      throw new IllegalArgumentException("signed review evidence needs review.signatures.allowed-signers");
    }
    if (signatures.isPresent() && repoId.isEmpty()) {
      throw new IllegalArgumentException("signed reviews need review.repo-id");
    }
  }

  /** Trailer reviews only, as before signed reviews existed. */
  public ReviewPolicy(List<String> trailers, List<IdentityGlob> reviewers, int required, boolean excludePusher,
      PlusAddressing plusAddressing) {
    this(trailers, reviewers, required, excludePusher, plusAddressing, Evidence.TRAILER, Optional.empty(),
        Binding.PATCH, Optional.empty());
  }

  /** Which review evidence counts: a closed set. */
  public enum Evidence {
    /** {@code Reviewed-by:} trailers (and signed reviews, when signatures are set up). */
    TRAILER("trailer"),
    /** Only signed review statements; a trailer is no evidence. */
    SIGNED("signed"),
    /** Both; a change covered by trailers alone is reported with a warning (migration). */
    EITHER("either");

    private final String word;

    Evidence(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /** What a signed review must match to cover a commit. */
  public enum Binding {
    /** The reviewed head, a commit in base..head, or an identical protected patch digest. */
    PATCH("patch"),
    /** The reviewed head, or a commit in base..head; never another commit with the same diff. */
    COMMIT("commit");

    private final String word;

    Binding(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /**
   * Server-side trust for signed reviews; nothing here is ever read from a push.
   *
   * @param allowedSigners the OpenSSH allowed_signers file (absolute path)
   * @param revokedKeys revoked public keys, one per line (absolute path), if any
   * @param namespace the SSHSIG namespace review signatures are made in
   * @param notesRef the notes ref review records live on
   * @param userVerification whether every review signature must be a FIDO one that verified its user
   */
  public record Signatures(Path allowedSigners, Optional<Path> revokedKeys, String namespace, String notesRef,
      UserVerification userVerification) {
    public Signatures {
      if (userVerification == null) {
        throw new IllegalArgumentException("user verification must be set");
      }
      if (!allowedSigners.isAbsolute() || revokedKeys.map(p -> !p.isAbsolute()).orElse(false)) {
        throw new IllegalArgumentException("trust files must be absolute paths");
      }
      if (namespace.isBlank() || !notesRef.startsWith("refs/notes/")) {
        throw new IllegalArgumentException("a namespace and a refs/notes/ ref are needed");
      }
    }
  }

  /**
   * Whether review signatures must prove FIDO user verification (PIN or biometrics). A touch
   * (user presence) is always required of FIDO keys; this demands more, and so excludes every
   * key that is not a FIDO key.
   */
  public enum UserVerification { NOT_REQUIRED, REQUIRED }

  /** Whether signed review records are read at all. */
  public boolean signedReviews() {
    return signatures.isPresent();
  }

  /** How a {@code +tag} in an address's local part is read when comparing reviewers. */
  public enum PlusAddressing {
    /** {@code jane+anything@host} is {@code jane@host} (most mail hosts deliver it so). */
    SAME_PERSON,
    /** The tag is part of the address (hosts where {@code +} names another mailbox). */
    DISTINCT
  }

  /**
   * Whether {@code key} names a review trailer: equal to one of {@link #trailers} but for ASCII
   * case, as git compares trailer keys. Other letters never fold: {@code Ac\u212Aed-by} (a
   * Kelvin sign, which lower-cases to {@code k}) is not {@code Acked-by}.
   */
  public boolean isReviewTrailer(String key) {
    for (String t : trailers) {
      if (equalsIgnoringAsciiCase(t, key)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equalsIgnoringAsciiCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && !(isAsciiLetter(x) && (x | 0x20) == (y | 0x20))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  public boolean isAllowedReviewer(String email) {
    return reviewers.stream().anyMatch(g -> g.matches(email));
  }
}
