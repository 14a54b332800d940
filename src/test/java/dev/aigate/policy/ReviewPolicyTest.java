package dev.aigate.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which trailer keys record a review: git's comparison, ASCII case only. */
class ReviewPolicyTest {
  private final ReviewPolicy policy =
      new ReviewPolicy(List.of("Acked-by", "Reviewed-by"), List.of(), 1, false, ReviewPolicy.PlusAddressing.DISTINCT);

  @Test
  void aReviewKeyMatchesInAnyAsciiCase() {
    assertTrue(policy.isReviewTrailer("Acked-by"));
    assertTrue(policy.isReviewTrailer("ACKED-BY"));
    assertTrue(policy.isReviewTrailer("reviewed-BY"));
  }

  @Test
  void onlyAsciiLettersFold() {
    // A Kelvin sign lower-cases to "k" in Java, not in git: this is no trailer git calls Acked-by.
    assertFalse(policy.isReviewTrailer("Ac\u212Aed-by"));
    // '-' and '\r' differ by the bit that separates ASCII cases; neither is a letter.
    assertFalse(policy.isReviewTrailer("Acked\rby"));
    assertFalse(policy.isReviewTrailer("Acked-b"));
    assertFalse(policy.isReviewTrailer("Acked-byx"));
    assertFalse(policy.isReviewTrailer("Signed-off-by"));
  }
}
