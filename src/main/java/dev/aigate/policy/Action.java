package dev.aigate.policy;

/** What a rule does with an AI-attributed change to a path it covers. */
public enum Action {
  /** Nothing: AI changes pass. */
  ALLOW("allow"),
  /** AI changes pass with a warning in the report. */
  WARN("warn"),
  /** AI changes pass only with enough valid human reviews. */
  REQUIRE_REVIEW("require-review"),
  /** AI changes never pass, reviewed or not. */
  DENY("deny"),
  /** Not a rule action: what a missing {@code ai.disclosure} trailer violates. */
  REQUIRE_DISCLOSURE("require-disclosure");

  private final String yamlName;

  Action(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  /** Whether an unmet action of this kind blocks (in enforce mode). */
  public boolean blocks() {
    return this == REQUIRE_REVIEW || this == DENY || this == REQUIRE_DISCLOSURE;
  }

  /** The actions a rule or {@code default} may name. */
  static Action fromYaml(String value) {
    for (Action a : new Action[] {ALLOW, WARN, REQUIRE_REVIEW, DENY}) {
      if (a.yamlName.equals(value)) {
        return a;
      }
    }
    return null;
  }
}
