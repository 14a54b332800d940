package dev.aigate.report;

/** The report formats; each maps to one {@link Reporter}. */
public enum ReportFormat {
  TEXT,
  JSON,
  SARIF,
  JUNIT,
  MARKDOWN;

  /** The reporter for this format; a format's classes are loaded only when it is asked for. */
  public Reporter reporter(ReportOptions options) {
    return switch (this) {
      case TEXT -> new TextReporter(options);
      case JSON -> new JsonReporter(options);
      case SARIF -> new SarifReporter();
      case JUNIT -> new JUnitReporter();
      case MARKDOWN -> new MarkdownReporter();
    };
  }
}
