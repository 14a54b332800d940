package dev.aigate.policy;

import java.util.regex.Pattern;

/**
 * An environment variable an AI agent sets in the shells it spawns: {@code CLAUDECODE} (present
 * and non-empty) or {@code AI_AGENT=claude-code.*} (value matches the regex in full).
 */
public record EnvSignal(String name, Pattern value) {
  public boolean matches(String actual) {
    if (actual == null || actual.isEmpty()) {
      return false;
    }
    return value == null || value.matcher(actual).matches();
  }

  @Override
  public String toString() {
    return value == null ? name : name + "=" + value.pattern();
  }
}
