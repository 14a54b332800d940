package dev.aigate.report;

/** The report formats; each maps to one {@link Reporter}. */
public enum ReportFormat {
  TEXT,
  JSON;

  /** The reporter for this format; JSON classes are loaded only when JSON is asked for. */
  public Reporter reporter(ReportOptions options) {
    return switch (this) {
      case TEXT -> new TextReporter(options);
      case JSON -> new JsonReporter();
    };
  }
}
