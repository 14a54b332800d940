package dev.aigate.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a commit message and their {@code Key: value} shape, scanned by hand: this runs
 * on every line of every commit of an audit, where a regex per line was the largest cost.
 */
final class MessageLines {
  private MessageLines() {}

  /** A {@code Key: value} line: a token of letters, digits and '-', optional blanks, a colon. */
  record KeyValue(String key, String value) {}

  /** The non-blank lines, stripped. */
  /** Characters of a line that are matched; the rest of a longer line is not read. */
  static final int MAX_LINE = 4096;

  static List<String> of(String message) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = message.length();
    while (start <= n) {
      int nl = message.indexOf('\n', start);
      int end = nl < 0 ? n : nl;
      // Matching cost is bounded per line: a message line is pushed text, and no attribution,
      // marker or trailer is longer than this.
      String line = message.substring(start, Math.min(end, start + MAX_LINE)).strip();
      if (!line.isEmpty()) {
        out.add(line);
      }
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return out;
  }

  /**
   * The lines that can attribute a change: those of {@link #of} less what a message quotes as an
   * example, a Markdown code block (fenced, or indented by four spaces or a tab) and {@code >}
   * quotes, so that "the kernel asks for {@code Assisted-by: AGENT_NAME:MODEL_VERSION}" shown
   * indented is not an attribution.
   */
  static List<String> unquoted(String message) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = message.length();
    boolean fenced = false;
    while (start <= n) {
      int nl = message.indexOf('\n', start);
      int end = nl < 0 ? n : nl;
      String raw = message.substring(start, Math.min(end, start + MAX_LINE));
      String line = raw.strip();
      if (line.startsWith("```") || line.startsWith("~~~")) {
        fenced = !fenced;
      } else if (!line.isEmpty() && !fenced && !raw.startsWith("    ") && !raw.startsWith("\t")
          && line.charAt(0) != '>') {
        int escaped = line.indexOf("\\n");
        if (escaped < 0) {
          out.add(line);
        } else {
          // A message pasted through a JSON or shell string keeps its newlines as "\n" text:
          // "...\n\nCo-authored-by: Copilot <...>" is still that trailer.
          for (String part : line.split("\\\\n", 64)) {
            if (!part.isBlank()) {
              out.add(part.strip());
            }
          }
        }
      }
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return out;
  }

  /** The key and value of a stripped line, or null when it does not have that shape. */
  static KeyValue keyValue(String line) {
    int i = 0;
    int n = line.length();
    // Invisible characters before the key (a zero-width space, a byte-order mark) hide nothing from a reader.
    while (i < n && isInvisible(line.charAt(i))) {
      i++;
    }
    int keyStart = i;
    if (i == n || !isTokenStart(line.charAt(i))) {
      return null;
    }
    boolean invisible = false;
    while (i < n && (isTokenStart(line.charAt(i)) || line.charAt(i) == '-' || isInvisible(line.charAt(i)))) {
      invisible |= line.charAt(i) >= 0x80;
      i++;
    }
    int keyEnd = i;
    while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    if (i >= n || line.charAt(i) != ':') {
      return null;
    }
    String key = line.substring(keyStart, keyEnd);
    // A zero-width character in a key makes git skip the line, not a reader: it is read
    // without them (lenient detection; a review key so spelled is only reported, never counted).
    return new KeyValue(invisible ? withoutInvisible(key) : key, line.substring(i + 1).strip());
  }

  /** A format character (zero-width space or joiner, soft hyphen, bidi mark): nothing a reader sees. */
  private static boolean isInvisible(char c) {
    return c >= 0x80 && Character.getType(c) == Character.FORMAT;
  }

  private static String withoutInvisible(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      if (!isInvisible(key.charAt(i))) {
        out.append(key.charAt(i));
      }
    }
    return out.toString();
  }

  /**
   * A key of up to four words ({@code Assisted By:}, {@code AI_Assisted_By:}), for attribution
   * lines only: people type disclosure keys as they please. Null when the line has no such key.
   */
  static KeyValue spacedKeyValue(String line) {
    int n = Math.min(line.length(), 48);
    int spaces = 0;
    if (n == 0 || !isTokenStart(line.charAt(0))) {
      return null;
    }
    for (int i = 1; i < n; i++) {
      char c = line.charAt(i);
      if (c == ':') {
        String key = line.substring(0, i).strip();
        return spaces == 0 && key.indexOf('_') < 0 ? null : new KeyValue(key, line.substring(i + 1).strip());
      }
      if (c == ' ') {
        if (line.charAt(i - 1) == ' ' || ++spaces > 3) {
          return null;
        }
      } else if (!isTokenStart(c) && c != '-' && c != '_') {
        return null;
      }
    }
    return null;
  }

  private static boolean isTokenStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }
}
