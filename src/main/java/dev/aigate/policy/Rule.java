package dev.aigate.policy;

import java.util.List;
import java.util.Set;

/**
 * One entry of {@code rules:}: which paths it covers, which AI it applies to, and what it does.
 *
 * @param id stable name, used in reports and baselines
 * @param paths the paths the rule covers (gitignore-style, last match wins)
 * @param tools tool ids the rule is limited to; empty means any AI tool
 * @param vendors vendor ids the rule is limited to; empty means any vendor
 * @param action what happens to an AI change of a covered path
 * @param message an explanation shown with each violation; may be empty
 */
public record Rule(String id, PathSet paths, Set<String> tools, Set<String> vendors, Action action, String message) {
  public Rule {
    tools = Set.copyOf(tools);
    vendors = Set.copyOf(vendors);
  }

  /**
   * Whether the rule applies to an AI change attributed to these tools. A filter that
   * restricts ({@code require-review}, {@code deny}) applies when any of them is listed; one
   * that relaxes ({@code allow}, {@code warn}) only when all of them are, so a change that an
   * allowed tool and a forbidden one both touched is not let through by the allowed one.
   */
  public boolean appliesTo(List<ToolSignature> attributed) {
    if (tools.isEmpty() && vendors.isEmpty()) {
      return true;
    }
    boolean any = false;
    boolean all = true;
    for (ToolSignature t : attributed) {
      boolean listed = tools.contains(t.id()) || vendors.contains(t.vendor());
      any |= listed;
      all &= listed;
    }
    return action.blocks() ? any : any && all;
  }
}
