package dev.aigate.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gitignore/CODEOWNERS-style path pattern, compiled once.
 *
 * <p>The syntax is git's (gitignore(5)), restricted to what a policy needs; docs/policy.md has
 * the table of examples that {@code PathGlobTest} checks row by row:
 *
 * <ul>
 *   <li>{@code *} matches within one path segment, {@code ?} one character, {@code [a-z]} a class;
 *   <li>a leading {@code **}{@code /}, a trailing {@code /**} and an inner {@code /**}{@code /}
 *       cross directories; any other {@code **} is a plain {@code *};
 *   <li>a pattern without an inner slash matches at any depth ({@code *.pem}, {@code secrets});
 *       a leading slash or an inner slash anchors it at the repository root;
 *   <li>a pattern that matches a directory matches everything below it, so {@code src} and
 *       {@code src/} cover {@code src/a/B.java}; a trailing slash matches directories only;
 *   <li>a leading {@code !} negates (see {@link PathSet}); a backslash escapes the next character.
 * </ul>
 */
public final class PathGlob {
  private final String source;
  private final boolean negated;
  private final boolean directoryOnly;
  private final Pattern regex;

  private PathGlob(String source, boolean negated, boolean directoryOnly, Pattern regex) {
    this.source = source;
    this.negated = negated;
    this.directoryOnly = directoryOnly;
    this.regex = regex;
  }

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException with a message fit for a policy diagnostic
   */
  public static PathGlob compile(String pattern) {
    String p = pattern;
    boolean negated = false;
    if (p.startsWith("!")) {
      negated = true;
      p = p.substring(1);
    }
    if (p.isBlank()) {
      throw new IllegalArgumentException("empty path pattern");
    }
    if (p.contains("\n") || p.contains("\0")) {
      throw new IllegalArgumentException("path pattern contains a newline or NUL");
    }
    boolean directoryOnly = p.endsWith("/") && !p.endsWith("\\/");
    if (directoryOnly) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty() || p.equals("/")) {
      throw new IllegalArgumentException("path pattern '" + pattern + "' matches nothing");
    }
    boolean anchored = p.startsWith("/") || p.substring(0, p.length() - 1).contains("/");
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty()) {
      throw new IllegalArgumentException("path pattern '" + pattern + "' matches nothing");
    }
    String body = translate(p, pattern);
    String regex = anchored || p.startsWith("**/") ? body : "(?:.*/)?" + body;
    return new PathGlob(pattern, negated, directoryOnly, Pattern.compile(regex, Pattern.DOTALL));
  }

  /**
   * The pattern that covers exactly {@code path} (anchored, every special character escaped);
   * empty for a path no pattern can spell (a newline or NUL in it).
   */
  public static Optional<String> literal(String path) {
    if (path.isEmpty() || path.contains("\n") || path.contains("\0")) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder("/");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' || c == '*' || c == '?' || c == '[') {
        out.append('\\');
      }
      out.append(c);
    }
    return Optional.of(out.toString());
  }

  private static String translate(String p, String original) {
    StringBuilder out = new StringBuilder();
    int n = p.length();
    for (int i = 0; i < n; i++) {
      char c = p.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 >= n) {
            throw new IllegalArgumentException("path pattern '" + original + "' ends with a lone backslash");
          }
          out.append(Pattern.quote(String.valueOf(p.charAt(++i))));
        }
        case '*' -> {
          boolean doubleStar = i + 1 < n && p.charAt(i + 1) == '*';
          boolean atSegmentStart = i == 0 || p.charAt(i - 1) == '/';
          int after = doubleStar ? i + 2 : i + 1;
          boolean atSegmentEnd = after == n || p.charAt(after) == '/';
          if (doubleStar && atSegmentStart && atSegmentEnd) {
            if (after == n) {
              out.append(".*"); // "dir/**": everything inside
            } else {
              out.append("(?:.*/)?"); // "**/x" and "a/**/b": zero or more directories
              after++;
            }
            i = after - 1;
          } else {
            out.append("[^/]*");
            while (i + 1 < n && p.charAt(i + 1) == '*') {
              i++;
            }
          }
        }
        case '?' -> out.append("[^/]");
        case '[' -> i = characterClass(p, i, out, original);
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }

  private static int characterClass(String p, int start, StringBuilder out, String original) {
    int i = start + 1;
    StringBuilder cls = new StringBuilder("[");
    if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
      cls.append('^');
      i++;
    }
    boolean first = true;
    for (; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == ']' && !first) {
        if (cls.length() == 1 || cls.toString().equals("[^")) {
          throw new IllegalArgumentException("path pattern '" + original + "' has an empty character class");
        }
        // '/' never matches inside a class: a negated class must not cross directories either.
        out.append(cls).append(cls.charAt(1) == '^' ? "/]" : "]");
        return i;
      }
      first = false;
      if (c == '\\' && i + 1 < p.length()) {
        c = p.charAt(++i);
      }
      if (c == '/') {
        throw new IllegalArgumentException("path pattern '" + original + "' has '/' inside a character class");
      }
      if (c == '[' || c == '&' || c == '\\' || c == '^') {
        cls.append('\\');
      }
      cls.append(c);
    }
    throw new IllegalArgumentException("path pattern '" + original + "' has an unclosed '['");
  }

  /** Whether this pattern (ignoring its negation) covers {@code path}, a file path with '/' separators. */
  public boolean covers(String path) {
    if (!directoryOnly && regex.matcher(path).matches()) {
      return true;
    }
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (regex.matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether this pattern (ignoring its negation) may cover some path below the directory {@code
   * dir}: what a symlink or submodule at {@code dir} can show there. It errs towards yes.
   */
  public boolean mayCoverBelow(String dir) {
    if (regex.matcher(dir).matches() || covers(dir)) {
      return true;
    }
    // The regex reached the end of "dir/" still matching: some longer path would match.
    Matcher m = regex.matcher(dir + "/");
    return m.matches() || m.hitEnd();
  }

  public boolean negated() {
    return negated;
  }

  @Override
  public String toString() {
    return source;
  }
}
