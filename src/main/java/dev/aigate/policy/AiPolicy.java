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
 * @param disclosure trailer keys one of which an AI-attributed commit must carry (empty: none required)
 */
public record AiPolicy(
    boolean builtin, List<ToolSignature> tools, List<Pattern> content, boolean environment,
    List<ToolSignature> catalogue, List<String> disclosure) {
  public AiPolicy {
    tools = List.copyOf(tools);
    content = List.copyOf(content);
    catalogue = List.copyOf(catalogue);
    disclosure = List.copyOf(disclosure);
  }

  static List<ToolSignature> merge(List<ToolSignature> builtins, List<ToolSignature> own) {
    Map<String, ToolSignature> byId = new LinkedHashMap<>();
    builtins.forEach(t -> byId.put(t.id(), t));
    own.forEach(t -> byId.put(t.id(), t));
    return new ArrayList<>(byId.values());
  }

  /**
   * One pattern that finds, in a whole file, any line some content marker could match: files
   * without a hit need no line diff at all. Null when there are no content markers, or when a
   * marker anchors to the input's start or end ({@code \A}, {@code \z}), which only means
   * something line by line.
   */
  public Pattern contentScreen() {
    java.util.List<Pattern> all = new java.util.ArrayList<>(content);
    catalogue.forEach(t -> all.addAll(t.content()));
    if (all.isEmpty()) {
      return null;
    }
    StringBuilder alternation = new StringBuilder("(?m)");
    for (Pattern p : all) {
      String re = p.pattern();
      if (re.contains("\\A") || re.contains("\\z") || re.contains("\\Z") || re.contains("\\G")) {
        return null;
      }
      alternation.append(alternation.length() > 4 ? "|" : "").append("(?:").append(re).append(')');
    }
    return Pattern.compile(alternation.toString());
  }

  /** Whether any tool or the policy marks added lines, i.e. whether blobs must be diffed at all. */
  public boolean needsContent() {
    return !content.isEmpty() || catalogue.stream().anyMatch(t -> !t.content().isEmpty());
  }
}
