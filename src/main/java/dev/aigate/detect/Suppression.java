package dev.aigate.detect;

/**
 * A finding a baseline or {@code .aigateignore} took out of the verdict. It no longer counts,
 * but reports still show it, so nobody mistakes a suppressed finding for none.
 *
 * @param commit the verdict of the commit it belongs to (after suppression)
 * @param violation the suppressed finding
 * @param source what suppressed it
 * @param reason the ignore entry's reason, or empty
 */
public record Suppression(CommitVerdict commit, Violation violation, Source source, String reason) {
  public Suppression {
    if (commit == null || violation == null || source == null || reason == null) {
      throw new IllegalArgumentException("a suppression needs its commit, finding, source and reason");
    }
  }

  /** What suppressed a finding. */
  public enum Source {
    BASELINE("baseline"),
    IGNORE_FILE(".aigateignore");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
