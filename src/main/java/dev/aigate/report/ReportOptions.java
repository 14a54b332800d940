package dev.aigate.report;

/**
 * How a report looks.
 *
 * @param color ANSI colours
 * @param verbose list every commit, not only those with AI evidence or violations (audits)
 * @param showTrailers list each commit's trailers (explain)
 * @param sarifScope which findings SARIF carries
 */
public record ReportOptions(boolean color, boolean verbose, boolean showTrailers, SarifScope sarifScope) {
  public ReportOptions {
    if (sarifScope == null) {
      throw new IllegalArgumentException("a SARIF scope is required");
    }
  }

  public ReportOptions(boolean color, boolean verbose, boolean showTrailers) {
    this(color, verbose, showTrailers, SarifScope.HISTORY);
  }
}
