package dev.aigate.policy;

import java.util.regex.Pattern;

/**
 * A ref name pattern: {@code refs/heads/main}, {@code refs/heads/release/*}. As in git's
 * refspecs, {@code *} matches any run of characters, slashes included; matching is
 * case-sensitive like ref names.
 */
public final class RefPattern {
  private final String source;
  private final Pattern regex;
  private final Pattern folded;

  private RefPattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
    this.folded = Pattern.compile(regex.pattern(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  public static RefPattern compile(String pattern) {
    if (!pattern.startsWith("refs/")) {
      throw new IllegalArgumentException("'" + pattern + "' is not a full ref name (write refs/heads/" + pattern + ")");
    }
    if (pattern.contains("..") || pattern.contains(" ") || pattern.endsWith("/")) {
      throw new IllegalArgumentException("'" + pattern + "' is not a valid ref pattern");
    }
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
    }
    return new RefPattern(pattern, Pattern.compile(re.toString()));
  }

  public boolean matches(String refName) {
    return regex.matcher(refName).matches();
  }

  /**
   * Whether a repository with {@code core.ignorecase} (a case-insensitive file system) would
   * store {@code refName} where a matching ref lives: there {@code refs/heads/HOTFIX/x} is a file
   * in {@code refs/heads/hotfix/}.
   */
  public boolean matchesIgnoringCase(String refName) {
    return folded.matcher(refName).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
