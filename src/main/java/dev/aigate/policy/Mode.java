package dev.aigate.policy;

import java.util.Locale;

/** Whether violations block ({@code enforce}) or are only reported ({@code warn}). */
public enum Mode {
  ENFORCE,
  WARN;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
