package dev.aigate.git;

import java.util.Locale;

/**
 * One {@code key: value} trailer as git parses it: the key keeps the author's spelling, the
 * value is trimmed and unfolded.
 */
public record Trailer(String key, String value) {
  public boolean hasKey(String other) {
    return key.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return key + ": " + value;
  }
}
