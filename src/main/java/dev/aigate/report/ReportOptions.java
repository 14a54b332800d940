package dev.aigate.report;

/**
 * How a text report looks.
 *
 * @param color ANSI colours
 * @param verbose list every commit, not only those with AI evidence or violations (audits)
 * @param showTrailers list each commit's trailers (explain)
 */
public record ReportOptions(boolean color, boolean verbose, boolean showTrailers) {}
