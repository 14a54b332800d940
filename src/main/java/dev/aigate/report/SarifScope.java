package dev.aigate.report;

/** Which findings a SARIF report carries ({@code --sarif-scope}). */
public enum SarifScope {
  /** Only findings on paths that exist at the audited tip: code scanning shows files, not history. */
  HEAD,
  /** Every finding of the range, also on files deleted since. */
  HISTORY
}
