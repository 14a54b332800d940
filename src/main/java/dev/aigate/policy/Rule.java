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

  /** Whether the rule applies to an AI change by any of these (tool, vendor) pairs. */
  public boolean appliesTo(List<ToolSignature> attributed) {
    if (tools.isEmpty() && vendors.isEmpty()) {
      return true;
    }
    for (ToolSignature t : attributed) {
      if (tools.contains(t.id()) || vendors.contains(t.vendor())) {
        return true;
      }
    }
    return false;
  }
}
