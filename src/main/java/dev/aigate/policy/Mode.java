package dev.aigate.policy;

/** Whether violations block ({@code enforce}) or are only reported ({@code warn}). */
public enum Mode {
  ENFORCE,
  WARN;

  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
