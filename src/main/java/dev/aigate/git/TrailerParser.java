package dev.aigate.git;

import java.util.ArrayList;
import java.util.List;

/**
 * git's trailer parser ({@code trailer.c}, git 2.39 to 2.55), reimplemented line for line because
 * JGit's {@code FooterLine} disagrees with git in about a third of real cases.
 *
 * <p>Offsets are in chars of the decoded message; every byte git inspects is ASCII, so the
 * result equals git's on the bytes. {@code shared/reference/trailer-cases} is the oracle
 * ({@code TrailerOracleTest}).
 */
public final class TrailerParser {
  private static final String CUT_LINE = "------------------------ >8 ------------------------";
  private static final String[] GIT_GENERATED_PREFIXES = {"Signed-off-by: ", "(cherry picked from commit "};

  private final TrailerSyntax syntax;

  public TrailerParser(TrailerSyntax syntax) {
    this.syntax = syntax;
  }

  /**
   * The trailers of {@code message}.
   *
   * @param noDivider false to end the message at a {@code ---} line as {@code interpret-trailers}
   *     does; true for the view of a stored commit ({@code git log %(trailers)})
   */
  public List<Trailer> parse(String message, boolean noDivider) {
    int end = endOfLogMessage(message, noDivider);
    int start = trailerBlockStart(message, end);
    List<StringBuilder> entries = new ArrayList<>();
    StringBuilder last = null;
    for (int bol = start; bol < end; ) {
      int eol = message.indexOf('\n', bol);
      int next = eol < 0 || eol + 1 > end ? end : eol + 1;
      String line = message.substring(bol, next);
      bol = next;
      if (last != null && isSpace(line.charAt(0))) {
        last.append(line);
        continue;
      }
      StringBuilder entry = new StringBuilder(line);
      entries.add(entry);
      last = findSeparator(line) >= 1 ? entry : null;
    }
    List<Trailer> out = new ArrayList<>();
    for (StringBuilder e : entries) {
      String entry = e.toString();
      if (entry.startsWith(syntax.commentString())) {
        continue;
      }
      int sep = findSeparator(entry);
      if (sep >= 1) {
        String token = trim(entry.substring(0, sep));
        String value = unfold(trim(entry.substring(sep + 1)));
        out.add(new Trailer(configuredSpelling(token), value));
      }
    }
    return out;
  }

  /** Where the log message ends: before a {@code ---} divider, trailing comments, scissors. */
  int endOfLogMessage(String s, boolean noDivider) {
    int end = s.length();
    if (!noDivider) {
      for (int bol = 0; bol < s.length(); bol = nextLine(s, bol)) {
        if (s.startsWith("---", bol) && bol + 3 < s.length() && isSpace(s.charAt(bol + 3))) {
          end = bol;
          break;
        }
      }
    }
    return end - ignoredLogMessageBytes(s, end);
  }

  /** commit.c {@code ignored_log_message_bytes}: trailing comments, blank lines, Conflicts:, scissors. */
  private int ignoredLogMessageBytes(String buf, int len) {
    int boc = 0;
    boolean inOldConflictsBlock = false;
    int cutoff = locateScissors(buf, len);
    for (int bol = 0; bol < cutoff; ) {
      int nl = buf.indexOf('\n', bol);
      int next = nl < 0 || nl >= len ? len : nl + 1;
      if (buf.startsWith(syntax.commentString(), bol) && bol + syntax.commentString().length() <= cutoff
          || buf.charAt(bol) == '\n') {
        if (boc == 0) {
          boc = bol;
        }
      } else if (buf.startsWith("Conflicts:\n", bol)) {
        inOldConflictsBlock = true;
        if (boc == 0) {
          boc = bol;
        }
      } else if (inOldConflictsBlock && buf.charAt(bol) == '\t') {
        // a path of the old-style conflicts block
      } else if (boc != 0) {
        boc = 0;
        inOldConflictsBlock = false;
      }
      bol = next;
    }
    return boc != 0 ? len - boc : len - cutoff;
  }

  /** wt-status.c {@code wt_status_locate_end}: the offset of the scissors line, or {@code len}. */
  int locateScissors(String s, int len) {
    String pattern = "\n" + syntax.commentString() + " " + CUT_LINE;
    if (s.startsWith(pattern.substring(1))) {
      return 0;
    }
    int p = s.indexOf(pattern);
    if (p >= 0 && p + 1 < len) {
      return p + 1;
    }
    return len;
  }

  /** trailer.c {@code find_trailer_block_start}. Returns {@code len} when there is no block. */
  private int trailerBlockStart(String buf, int len) {
    boolean onlySpaces = true;
    boolean recognizedPrefix = false;
    int trailerLines = 0;
    int nonTrailerLines = 0;
    int possibleContinuationLines = 0;

    int s = 0;
    for (; s < len; s = nextLine(buf, s)) {
      if (buf.startsWith(syntax.commentString(), s)) {
        continue;
      }
      if (isBlankLine(buf, s)) {
        break;
      }
    }
    int endOfTitle = Math.min(s, len);

    for (int l = lastLine(buf, len); l >= endOfTitle; l = lastLine(buf, l)) {
      if (buf.startsWith(syntax.commentString(), l)) {
        nonTrailerLines += possibleContinuationLines;
        possibleContinuationLines = 0;
        continue;
      }
      if (isBlankLine(buf, l)) {
        if (onlySpaces) {
          continue;
        }
        nonTrailerLines += possibleContinuationLines;
        if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) {
          return nextLine(buf, l);
        } else if (trailerLines > 0 && nonTrailerLines == 0) {
          return nextLine(buf, l);
        }
        return len;
      }
      onlySpaces = false;

      boolean generated = false;
      for (String prefix : GIT_GENERATED_PREFIXES) {
        if (buf.startsWith(prefix, l)) {
          generated = true;
          break;
        }
      }
      if (generated) {
        trailerLines++;
        possibleContinuationLines = 0;
        recognizedPrefix = true;
        continue;
      }

      int sep = findSeparator(buf, l);
      if (sep >= 1 && !isSpace(buf.charAt(l))) {
        trailerLines++;
        possibleContinuationLines = 0;
        if (!recognizedPrefix && matchesConfiguredKey(buf.substring(l, l + sep))) {
          recognizedPrefix = true;
        }
      } else if (isSpace(buf.charAt(l))) {
        possibleContinuationLines++;
      } else {
        nonTrailerLines++;
        nonTrailerLines += possibleContinuationLines;
        possibleContinuationLines = 0;
      }
    }
    return len;
  }

  /** trailer.c {@code token_matches_item}: a case-insensitive prefix compare, quirks included. */
  private boolean matchesConfiguredKey(String token) {
    for (TrailerSyntax.ConfiguredKey k : syntax.configuredKeys()) {
      if (strncasecmpEquals(token, k.name()) || k.key() != null && strncasecmpEquals(token, k.key())) {
        return true;
      }
    }
    return false;
  }

  private String configuredSpelling(String token) {
    int len = token.length();
    while (len > 0 && !isAlnum(token.charAt(len - 1))) {
      len--;
    }
    String tok = token.substring(0, len);
    for (TrailerSyntax.ConfiguredKey k : syntax.configuredKeys()) {
      if (strncasecmpEquals(tok, k.name()) || k.key() != null && strncasecmpEquals(tok, k.key())) {
        return k.key() != null ? k.key() : token;
      }
    }
    return token;
  }

  private static boolean strncasecmpEquals(String token, String item) {
    return item.length() >= token.length() && item.regionMatches(true, 0, token, 0, token.length());
  }

  private int findSeparator(String line) {
    return findSeparator(line, 0);
  }

  /** trailer.c {@code find_separator}, on the line starting at {@code from}; -1 if none. */
  private int findSeparator(String s, int from) {
    boolean whitespaceFound = false;
    for (int c = from; c < s.length(); c++) {
      char ch = s.charAt(c);
      if (syntax.separators().indexOf(ch) >= 0) {
        return c - from;
      }
      if (!whitespaceFound && (isAlnum(ch) || ch == '-')) {
        continue;
      }
      if (c != from && (ch == ' ' || ch == '\t')) {
        whitespaceFound = true;
        continue;
      }
      break;
    }
    return -1;
  }

  static String unfold(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); ) {
      char c = value.charAt(i++);
      if (c == '\n') {
        while (i < value.length() && isSpace(value.charAt(i))) {
          i++;
        }
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return trim(out.toString());
  }

  private static int lastLine(String buf, int len) {
    if (len == 0) {
      return -1;
    }
    if (len == 1) {
      return 0;
    }
    for (int i = len - 2; i >= 0; i--) {
      if (buf.charAt(i) == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  private static int nextLine(String s, int from) {
    int nl = s.indexOf('\n', from);
    return nl < 0 ? s.length() : nl + 1;
  }

  private static boolean isBlankLine(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) != '\n' && isSpace(s.charAt(i))) {
      i++;
    }
    return i == s.length() || s.charAt(i) == '\n';
  }

  /** git's {@code isspace}: space, TAB, LF and CR only. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  static String trim(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isSpace(s.charAt(b))) {
      b++;
    }
    while (e > b && isSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }
}
