package dev.aigate.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What counts as AI provenance.
 *
 * @param builtin whether the built-in catalogue is used
 * @param tools the policy's own tool signatures; one with a built-in id replaces the built-in
 * @param content regexes on added lines that mark AI output of an unknown tool
 * @param environment whether an agent's environment in a local hook counts as AI
 * @param catalogue the effective tool list: built-ins (if enabled) with the policy's tools merged
 */
public record AiPolicy(
    boolean builtin, List<ToolSignature> tools, List<Pattern> content, boolean environment,
    List<ToolSignature> catalogue) {
  public AiPolicy {
    tools = List.copyOf(tools);
    content = List.copyOf(content);
    catalogue = List.copyOf(catalogue);
  }

  static List<ToolSignature> merge(List<ToolSignature> builtins, List<ToolSignature> own) {
    Map<String, ToolSignature> byId = new LinkedHashMap<>();
    builtins.forEach(t -> byId.put(t.id(), t));
    own.forEach(t -> byId.put(t.id(), t));
    return new ArrayList<>(byId.values());
  }

  /** Whether any tool or the policy marks added lines, i.e. whether blobs must be diffed at all. */
  public boolean needsContent() {
    return !content.isEmpty() || catalogue.stream().anyMatch(t -> !t.content().isEmpty());
  }
}
