package dev.aigate.policy;

import java.util.regex.Pattern;

/**
 * A case-insensitive glob on an e-mail address or a display name: {@code *} matches any run of
 * characters, {@code ?} one character, everything else is literal ({@code *@example.com},
 * {@code *+Copilot@users.noreply.github.com}, {@code * (aider)}).
 */
public final class IdentityGlob {
  private final String source;
  private final Pattern regex;

  private IdentityGlob(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  public static IdentityGlob compile(String glob) {
    if (glob.isBlank()) {
      throw new IllegalArgumentException("empty identity pattern");
    }
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new IdentityGlob(
        glob, Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
  }

  public boolean matches(String value) {
    return value != null && regex.matcher(value.strip()).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
