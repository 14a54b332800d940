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
 */
public record ReviewPolicy(List<String> trailers, List<IdentityGlob> reviewers, int required, boolean excludePusher) {
  public ReviewPolicy {
    trailers = List.copyOf(trailers);
    reviewers = List.copyOf(reviewers);
  }

  public boolean isReviewTrailer(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return trailers.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(k));
  }

  public boolean isAllowedReviewer(String email) {
    return reviewers.stream().anyMatch(g -> g.matches(email));
  }
}
