package dev.aigate.detect;

import dev.aigate.policy.Action;

/**
 * A path of an AI-attributed change that the policy does not let through as it is.
 *
 * @param rule the deciding rule's id ({@code default} when no rule covers the path)
 * @param path the touched path, or empty for a violation of the commit as a whole (disclosure)
 * @param action the deciding action
 * @param message what is wrong
 * @param fix what would make it pass
 * @param blocking whether it blocks (false for {@code warn} actions and in warn mode)
 */
public record Violation(String rule, String path, Action action, String message, String fix, boolean blocking) {
  /** Where, for people: the path, or the commit message for commit-level violations. */
  public String where() {
    return path.isEmpty() ? "(commit message)" : path;
  }
}
