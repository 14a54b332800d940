package dev.aigate.detect;

/**
 * How much a detection says, by who wrote the evidence: a policy may warn on one class and
 * block on another, and reports say which it was.
 */
public enum Confidence {
  /** Written by the tool itself: its co-author trailer, marker line, session link, bot identity. */
  ATTRIBUTION("attribution"),
  /** Typed by a person: an {@code Assisted-by:}-style disclosure, a prose "generated with" line. */
  DISCLOSURE("disclosure"),
  /** The committing process's environment (local hooks only). */
  ENVIRONMENT("environment"),
  /**
   * A shape that is usually, not always, a tool: an unknown GitHub App bot, a co-author at a
   * {@code noreply@} address nobody catalogued. Counted as AI (lenient detection), named as such.
   */
  HEURISTIC("heuristic"),
  /**
   * Found in the code, not in the commit: lines an AI-attributed commit wrote that this commit
   * moves, copies or re-adds (provenance across commits).
   */
  PROVENANCE("provenance");

  private final String label;

  Confidence(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
