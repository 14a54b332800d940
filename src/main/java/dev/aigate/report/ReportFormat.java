package dev.aigate.report;

import java.util.Locale;

/** The report formats; each maps to one {@link Reporter}. */
public enum ReportFormat {
  TEXT,
  JSON,
  SARIF,
  JUNIT,
  MARKDOWN,
  /** GitLab's Code Quality report. */
  CODEQUALITY;

  /** The formats' names as users type them, for messages and help. */
  public static String names() {
    StringBuilder out = new StringBuilder();
    ReportFormat[] all = values();
    for (int i = 0; i < all.length; i++) {
      out.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].name().toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  /** The reporter for this format; a format's classes are loaded only when it is asked for. */
  public Reporter reporter(ReportOptions options) {
    return switch (this) {
      case TEXT -> new TextReporter(options);
      case JSON -> new JsonReporter(options);
      case SARIF -> new SarifReporter(options.sarifScope());
      case JUNIT -> new JUnitReporter();
      case MARKDOWN -> new MarkdownReporter();
      case CODEQUALITY -> new CodeQualityReporter();
    };
  }
}
