package dev.aigate.policy;

/**
 * Provenance across commits ({@code ai.provenance}, ADR 0010): when a human commit adds lines to
 * a protected path that an AI-attributed commit introduced elsewhere, the human commit is
 * AI-attributed by provenance.
 *
 * @param enabled whether history is indexed and human commits are matched against it
 * @param minRun consecutive matched lines that flag a commit on their own
 * @param minRunChars identifier characters such a run needs in total
 * @param minShare share of the commit's non-trivial added lines (in protected paths) that flags it
 * @param minDistinct distinct matched lines the share rule needs as well
 * @param window how many commits back an origin may lie; 0 means no limit
 */
public record ProvenancePolicy(boolean enabled, int minRun, int minRunChars, double minShare, int minDistinct,
    int window) {
  public ProvenancePolicy {
    if (minRun < 1 || minRunChars < 0 || !(minShare > 0 && minShare <= 1) || minDistinct < 1 || window < 0) {
      throw new IllegalArgumentException("invalid provenance thresholds");
    }
  }

  /** The defaults measured on aider's history (13 of 4,553 human commits flagged, all real moves or copies). */
  public static ProvenancePolicy defaults() {
    return new ProvenancePolicy(false, 5, 100, 0.5, 5, 0);
  }
}
