package dev.aigate.policy;

import java.util.List;
import java.util.Locale;

/**
 * Who counts as a human reviewer.
 *
 * @param trailers trailer keys that record a review, compared case-insensitively
 * @param reviewers e-mail globs of the people allowed to review
 * @param required how many distinct valid reviews an AI change needs
 * @param excludePusher whether the pusher's own review does not count (server side)
 * @param plusAddressing whether {@code jane+review@example.com} is Jane
 */
public record ReviewPolicy(List<String> trailers, List<IdentityGlob> reviewers, int required, boolean excludePusher,
    PlusAddressing plusAddressing) {
  public ReviewPolicy {
    trailers = List.copyOf(trailers);
    reviewers = List.copyOf(reviewers);
    if (plusAddressing == null) {
      throw new IllegalArgumentException("plus-addressing needs a value");
    }
  }

  /** How a {@code +tag} in an address's local part is read when comparing reviewers. */
  public enum PlusAddressing {
    /** {@code jane+anything@host} is {@code jane@host} (most mail hosts deliver it so). */
    SAME_PERSON,
    /** The tag is part of the address (hosts where {@code +} names another mailbox). */
    DISTINCT
  }

  public boolean isReviewTrailer(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return trailers.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(k));
  }

  public boolean isAllowedReviewer(String email) {
    return reviewers.stream().anyMatch(g -> g.matches(email));
  }
}
