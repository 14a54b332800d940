package dev.aigate.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a message line can hold any of a set of ASCII keywords, compared without ASCII case:
 * one Aho-Corasick pass over the line instead of one search per keyword and a regex per line.
 * It only ever says "maybe" too often: a line it rejects holds no keyword in any case, and a line
 * with a non-ASCII letter that Java folds to an ASCII one (dotless i, dotted capital I, long s,
 * Kelvin sign: what {@code (?iu)} and {@link String#toLowerCase} turn into {@code i}, {@code s},
 * {@code k}) is always a "maybe".
 *
 * <p>The automaton is a full transition table over the 128 ASCII codes, so a line costs one
 * array read per character.
 */
final class KeywordFilter {
  private static final int ASCII = 128;
  /** An inline flag group that turns comments mode on: {@code (?x)}, {@code (?ix:...)}. */
  private static final Pattern INLINE_COMMENTS = Pattern.compile("\\(\\?[a-zA-Z-]*x");

  /** next[state * ASCII + c]: the state after reading c, failure links already followed. */
  private final int[] next;
  /** Whether a keyword ends in the state (or in one of its suffix states). */
  private final boolean[] accepts;

  private KeywordFilter(int[] next, boolean[] accepts) {
    this.next = next;
    this.accepts = accepts;
  }

  /**
   * A filter for {@code keywords}; empty when there is nothing it could safely filter on: no
   * keywords, an empty one (every line matches it), or one with a non-ASCII character (this
   * filter folds ASCII case only).
   */
  static Optional<KeywordFilter> of(Collection<String> keywords) {
    if (keywords.isEmpty()) {
      return Optional.empty();
    }
    List<int[]> gotos = new ArrayList<>();
    List<Boolean> ends = new ArrayList<>();
    gotos.add(newRow());
    ends.add(false);
    for (String k : keywords) {
      if (k.isEmpty() || !k.chars().allMatch(c -> c < ASCII)) {
        return Optional.empty();
      }
      int s = 0;
      for (int i = 0; i < k.length(); i++) {
        int c = fold(k.charAt(i));
        if (gotos.get(s)[c] < 0) {
          gotos.get(s)[c] = gotos.size();
          gotos.add(newRow());
          ends.add(false);
        }
        s = gotos.get(s)[c];
      }
      ends.set(s, true);
    }
    int n = gotos.size();
    int[] next = new int[n * ASCII];
    boolean[] accepts = new boolean[n];
    int[] fail = new int[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < ASCII; c++) {
      int t = gotos.get(0)[c];
      next[c] = Math.max(t, 0);
      if (t > 0) {
        fail[t] = 0;
        queue.add(t);
      }
    }
    accepts[0] = ends.get(0);
    while (!queue.isEmpty()) {
      int s = queue.poll();
      accepts[s] = ends.get(s) || accepts[fail[s]];
      for (int c = 0; c < ASCII; c++) {
        int t = gotos.get(s)[c];
        if (t > 0) {
          fail[t] = next[fail[s] * ASCII + c];
          next[s * ASCII + c] = t;
          queue.add(t);
        } else {
          next[s * ASCII + c] = next[fail[s] * ASCII + c];
        }
      }
    }
    return Optional.of(new KeywordFilter(next, accepts));
  }

  private static int[] newRow() {
    int[] row = new int[ASCII];
    Arrays.fill(row, -1);
    return row;
  }

  private static int fold(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  /** Non-ASCII characters that case folding or lower-casing turns into ASCII letters. */
  static boolean foldsToAscii(char c) {
    return c == '\u0130' || c == '\u0131' || c == '\u017f' || c == '\u212a';
  }

  /** Whether {@code line} may hold a keyword: false only when it holds none. */
  boolean mayHold(CharSequence line) {
    int s = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c >= ASCII) {
        if (foldsToAscii(c)) {
          return true;
        }
        s = 0;
        continue;
      }
      s = next[s * ASCII + fold(c)];
      if (accepts[s]) {
        return true;
      }
    }
    return false;
  }

  /**
   * A literal that every match of {@code p} contains (ASCII, lower-cased), the longest this
   * conservative reading finds; empty when it cannot name one: an alternation, comments or
   * canonical-equivalence mode, {@code \Q}, escapes with arguments, or nothing literal outside
   * groups and classes. Empty turns the filter off for the patterns, never a guess.
   */
  static Optional<String> requiredLiteral(Pattern p) {
    int allowed = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE | Pattern.DOTALL
        | Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;
    if ((p.flags() & ~allowed) != 0) {
      return Optional.empty();
    }
    String re = p.pattern();
    // \Q quotes anything, even ] and ); comments mode anywhere changes what a space means.
    if (re.contains("\\Q") || INLINE_COMMENTS.matcher(re).find()) {
      return Optional.empty();
    }
    List<String> runs = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int i = 0;
    while (i < re.length()) {
      char c = re.charAt(i);
      switch (c) {
        case '|' -> {
          return Optional.empty();
        }
        case '\\' -> {
          if (i + 1 >= re.length()) {
            return Optional.empty();
          }
          char e = re.charAt(i + 1);
          if (Character.isLetterOrDigit(e)) {
            if ("sSdDwWbBAzZGhHvVRX".indexOf(e) < 0) {
              return Optional.empty();
            }
            runs.add(run.toString());
            run.setLength(0);
          } else if (e < ASCII) {
            run.append(e);
          } else {
            runs.add(run.toString());
            run.setLength(0);
          }
          i += 2;
          continue;
        }
        case '[' -> {
          runs.add(run.toString());
          run.setLength(0);
          i = skipClass(re, i);
          if (i < 0) {
            return Optional.empty();
          }
          continue;
        }
        case '(' -> {
          runs.add(run.toString());
          run.setLength(0);
          int end = skipGroup(re, i);
          if (end < 0) {
            return Optional.empty();
          }
          // An alternation inside a group is fine: the group is skipped whole.
          i = end;
          continue;
        }
        case '?', '*' -> {
          // The character before is optional.
          if (run.length() > 0) {
            run.setLength(run.length() - 1);
          }
          runs.add(run.toString());
          run.setLength(0);
          i++;
          continue;
        }
        case '{' -> {
          if (run.length() > 0) {
            run.setLength(run.length() - 1);
          }
          runs.add(run.toString());
          run.setLength(0);
          int close = re.indexOf('}', i);
          if (close < 0) {
            return Optional.empty();
          }
          i = close + 1;
          continue;
        }
        case '+', '.', '^', '$', ')', ']', '}' -> {
          runs.add(run.toString());
          run.setLength(0);
          i++;
          continue;
        }
        default -> {
          if (c < ASCII) {
            run.append(c);
          } else {
            runs.add(run.toString());
            run.setLength(0);
          }
          i++;
        }
      }
    }
    runs.add(run.toString());
    return runs.stream().filter(r -> !r.isEmpty()).max((a, b) -> a.length() - b.length())
        .map(r -> r.toLowerCase(Locale.ROOT));
  }

  /** The index after the class opening at {@code at}, nested classes included; -1 if unbalanced. */
  private static int skipClass(String re, int at) {
    int depth = 0;
    for (int i = at; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && i > at + 1 && !(i == at + 2 && re.charAt(at + 1) == '^')) {
        if (--depth == 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** The index after the group opening at {@code at}, classes and escapes inside skipped; -1 if unbalanced. */
  private static int skipGroup(String re, int at) {
    int depth = 0;
    for (int i = at; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = skipClass(re, i);
        if (i < 0) {
          return -1;
        }
        i--;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }
}
