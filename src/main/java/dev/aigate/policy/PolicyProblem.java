package dev.aigate.policy;

/**
 * One thing wrong with a policy file, at a 1-based line and column.
 *
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0 when unknown
 * @param message what is wrong and, where it helps, what is expected
 */
public record PolicyProblem(int line, int column, String message) {
  public PolicyProblem {
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("negative position");
    }
  }
}
