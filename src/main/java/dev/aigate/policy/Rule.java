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
 * @param unknownVendor whether a restricting {@code vendors:} filter also covers AI whose vendor
 *     is unknown
 */
public record Rule(String id, PathSet paths, Set<String> tools, Set<String> vendors, Action action, String message,
    UnknownVendor unknownVendor) {
  public Rule {
    tools = Set.copyOf(tools);
    vendors = Set.copyOf(vendors);
    if (unknownVendor == null) {
      throw new IllegalArgumentException("unknown-vendor needs a value");
    }
  }

  public Rule(String id, PathSet paths, Set<String> tools, Set<String> vendors, Action action, String message) {
    this(id, paths, tools, vendors, action, message, UnknownVendor.MATCH);
  }

  /**
   * AI of unknown vendor is not proof of innocence: a {@code deny} of {@code vendors:
   * [anthropic, openai]} catches it unless the rule says {@code unknown-vendor: exempt}.
   */
  public enum UnknownVendor {
    MATCH,
    EXEMPT
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
      boolean unknown = ToolSignature.UNKNOWN.equals(t.vendor()) && !vendors.isEmpty() && action.blocks()
          && unknownVendor == UnknownVendor.MATCH;
      boolean listed = tools.contains(t.id()) || vendors.contains(t.vendor()) || unknown;
      any |= listed;
      all &= listed;
    }
    return action.blocks() ? any : any && all;
  }
}
