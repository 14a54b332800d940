package dev.aigate.policy;

import java.util.Comparator;
import java.util.List;

/** A policy that cannot be used; carries every problem found, not just the first. */
public final class InvalidPolicyException extends Exception {
  private final String origin;
  private final String text;
  private final List<PolicyProblem> problems;

  public InvalidPolicyException(String origin, String text, List<PolicyProblem> problems) {
    super(problems.size() + " problem(s) in " + origin);
    this.origin = origin;
    this.text = text;
    // In file order, so the report reads top to bottom whatever order the checks ran in.
    this.problems = problems.stream()
        .sorted(Comparator.comparingInt(PolicyProblem::line).thenComparingInt(PolicyProblem::column))
        .toList();
  }

  /** The file (or revision) the policy came from, as problems name it. */
  public String origin() {
    return origin;
  }

  public List<PolicyProblem> problems() {
    return problems;
  }

  /**
   * Renders the problems the way compilers do: {@code file:line:col: message}, then the source
   * line and a caret under the column.
   */
  public String render() {
    String[] lines = text == null ? new String[0] : text.split("\r?\n", -1);
    StringBuilder out = new StringBuilder();
    for (PolicyProblem p : problems) {
      out.append(origin);
      if (p.line() > 0) {
        out.append(':').append(p.line()).append(':').append(p.column());
      }
      out.append(": ").append(p.message()).append('\n');
      if (p.line() > 0 && p.line() <= lines.length) {
        String src = lines[p.line() - 1];
        out.append("    ").append(src).append('\n');
        out.append("    ").append(" ".repeat(Math.max(0, Math.min(p.column() - 1, src.length())))).append("^\n");
      }
    }
    return out.toString();
  }
}
