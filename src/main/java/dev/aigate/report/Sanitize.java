package dev.aigate.report;

/**
 * Pushed text (subjects, names, paths, reasons) reaches the pusher's and reviewers' terminals:
 * control characters, escape sequences included, are shown as {@code \u001b}-style escapes
 * so a commit cannot repaint, hide or forge the lines around it.
 */
public final class Sanitize {
  private Sanitize() {}

  /** Lines of text (a diff) with every control character escaped but the newline and the tab. */
  public static String lines(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\t') {
        out.append(line(text.substring(from, i)));
        if (i < text.length()) {
          out.append(text.charAt(i));
        }
        from = i + 1;
      }
    }
    return out.toString();
  }

  /** One line of text with every control character (C0, DEL, C1) and line break escaped. */
  public static String line(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\u2028' || c == '\u2029';
      if (control) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
