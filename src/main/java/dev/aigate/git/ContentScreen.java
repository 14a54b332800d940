package dev.aigate.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A quick test of whether a file could hold a line some content marker matches, so most files
 * of an audit need neither a line diff nor a regex scan.
 *
 * <p>Two stages. Each marker's required literal ({@code "generated "} of
 * {@code (?i)generated (by|with) chatgpt}) is looked for in the raw bytes first: a plain byte
 * scan, far cheaper than a case-insensitive regex. Only files with a literal hit are decoded
 * and searched with all markers combined into one multi-line pattern.
 */
public final class ContentScreen {
  private final Pattern combined;
  /** Per marker, its required literal (lower-cased when the marker ignores case); null when some marker has none. */
  private final List<Literal> literals;
  record Literal(byte[] bytes, boolean ignoreCase) {}

  private ContentScreen(Pattern combined, List<Literal> literals) {
    this.combined = combined;
    this.literals = literals;
  }

  /**
   * A screen for these markers, or null when there are none or when one anchors to the start or
   * end of its input ({@code \A}, {@code \z}), which only means something line by line.
   */
  public static ContentScreen of(List<Pattern> markers) {
    if (markers.isEmpty()) {
      return null;
    }
    StringBuilder alternation = new StringBuilder("(?m)");
    List<Literal> literals = new ArrayList<>();
    for (Pattern p : markers) {
      String re = p.pattern();
      if (re.contains("\\A") || re.contains("\\z") || re.contains("\\Z") || re.contains("\\G")) {
        return null;
      }
      alternation.append(alternation.length() > 4 ? "|" : "").append("(?:").append(re).append(')');
      Literal l = requiredLiteral(re, (p.flags() & Pattern.CASE_INSENSITIVE) != 0);
      if (literals != null) {
        if (l == null) {
          literals = null;
        } else {
          literals.add(l);
        }
      }
    }
    return new ContentScreen(Pattern.compile(alternation.toString()), literals);
  }

  /** Whether a file's content could hold a matching line. */
  public boolean finds(byte[] content) {
    if (literals != null && literals.stream().noneMatch(l -> contains(content, l))) {
      return false;
    }
    // UTF-8 decoding of ASCII text is a plain copy; markers must see the same characters as per line.
    return combined.matcher(new String(content, StandardCharsets.UTF_8)).find();
  }

  /** Whether one line could match (the markers themselves decide). */
  public boolean finds(String line) {
    return combined.matcher(line).find();
  }

  /**
   * The literal text every match of {@code re} starts with, after leading inline flags and a
   * {@code ^}: at least 3 characters, or null when there is none (or alternation could skip it).
   */
  static Literal requiredLiteral(String re, boolean ignoreCase) {
    int i = 0;
    boolean ci = ignoreCase;
    while (re.startsWith("(?", i) && i + 2 < re.length() && Character.isLetter(re.charAt(i + 2))) {
      int close = re.indexOf(')', i);
      if (close < 0) {
        return null;
      }
      String flags = re.substring(i + 2, close);
      if (!flags.chars().allMatch(Character::isLetter)) {
        return null; // (?i:...) and the like: a group, not a flag switch
      }
      ci |= flags.indexOf('i') >= 0;
      i = close + 1;
    }
    if (re.startsWith("^", i)) {
      i++;
    }
    if (hasTopLevelAlternation(re)) {
      return null;
    }
    StringBuilder lit = new StringBuilder();
    for (; i < re.length(); i++) {
      char c = re.charAt(i);
      if ("\\.[](){}?*+|^$".indexOf(c) >= 0 || c >= 128) {
        if ((c == '?' || c == '*' || c == '{') && lit.length() > 0) {
          lit.setLength(lit.length() - 1); // the last character is optional or repeated
        }
        break;
      }
      lit.append(c);
    }
    if (lit.length() < 3) {
      return null;
    }
    String s = ci ? lit.toString().toLowerCase(Locale.ROOT) : lit.toString();
    return new Literal(s.getBytes(StandardCharsets.ISO_8859_1), ci);
  }

  private static boolean hasTopLevelAlternation(String re) {
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(byte[] text, Literal l) {
    byte[] needle = l.bytes();
    int last = text.length - needle.length;
    byte first = needle[0];
    for (int i = 0; i <= last; i++) {
      if (fold(text[i], l.ignoreCase()) != first) {
        continue;
      }
      int k = 1;
      while (k < needle.length && fold(text[i + k], l.ignoreCase()) == needle[k]) {
        k++;
      }
      if (k == needle.length) {
        return true;
      }
    }
    return false;
  }

  private static byte fold(byte b, boolean ignoreCase) {
    return ignoreCase && b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }
}
