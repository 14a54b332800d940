package dev.aigate.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A case-insensitive glob on an e-mail address or a display name: {@code *} matches any run of
 * characters, {@code ?} one character, everything else is literal ({@code *@example.com},
 * {@code *+Copilot@users.noreply.github.com}, {@code * (aider)}).
 */
public final class IdentityGlob {
  private final String source;
  private final Pattern regex;
  /** Lower-cased literal for the common wildcard-free and "*suffix" forms, matched without a regex. */
  private final String literal;
  private final boolean suffix;

  private IdentityGlob(String source) {
    this.source = source;
    String body = source.startsWith("*") ? source.substring(1) : source;
    boolean plain = body.indexOf('*') < 0 && body.indexOf('?') < 0;
    this.literal = plain ? body.toLowerCase(Locale.ROOT) : null;
    this.suffix = plain && source.startsWith("*");
    // Most globs are an address or "*suffix", matched by the literal: a regex for those would
    // be compiled on every start-up and never run.
    this.regex = plain ? null : Pattern.compile(toRegex(source), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  public static IdentityGlob compile(String glob) {
    if (glob.isBlank()) {
      throw new IllegalArgumentException("empty identity pattern");
    }
    return new IdentityGlob(glob);
  }

  private static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String v = value.strip();
    if (literal != null) {
      String lower = v.toLowerCase(Locale.ROOT);
      return suffix ? lower.endsWith(literal) : lower.equals(literal);
    }
    return regex.matcher(v).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
