package dev.aigate.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 * @param notAi identities that are never AI, whatever the catalogue says: the built-in list of
 *     automation bots (if the catalogue is used) and the policy's {@code ai.not-ai}; a glob is
 *     matched against a bot's login ({@code dependabot[bot]}), a display name and an e-mail
 * @param provenance whether and how AI lines are followed across commits
 */
public record AiPolicy(
    boolean builtin, List<ToolSignature> tools, List<Pattern> content, boolean environment,
    List<ToolSignature> catalogue, List<String> disclosure, List<IdentityGlob> notAi, ProvenancePolicy provenance) {
  public AiPolicy {
    Objects.requireNonNull(provenance, "provenance");
    tools = List.copyOf(tools);
    content = List.copyOf(content);
    catalogue = List.copyOf(catalogue);
    disclosure = List.copyOf(disclosure);
    notAi = List.copyOf(notAi);
  }

  public AiPolicy(boolean builtin, List<ToolSignature> tools, List<Pattern> content, boolean environment,
      List<ToolSignature> catalogue, List<String> disclosure, List<IdentityGlob> notAi) {
    this(builtin, tools, content, environment, catalogue, disclosure, notAi, ProvenancePolicy.defaults());
  }

  static List<ToolSignature> merge(List<ToolSignature> builtins, List<ToolSignature> own) {
    Map<String, ToolSignature> byId = new LinkedHashMap<>();
    builtins.forEach(t -> byId.put(t.id(), t));
    own.forEach(t -> byId.put(t.id(), t));
    return new ArrayList<>(byId.values());
  }

  /**
   * The catalogue entry a tool name from a note or a record stands for: by id or alias, else the
   * family it begins ({@code claude} is {@code claude-code}), else unknown.
   */
  public ToolSignature tool(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (ToolSignature t : catalogue) {
      if (t.id().equals(n) || t.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(n))) {
        return t;
      }
    }
    for (ToolSignature t : catalogue) {
      if (!n.isEmpty() && (t.id().startsWith(n + "-") || n.startsWith(t.id() + "-"))) {
        return t;
      }
    }
    return ToolSignature.unknown();
  }

  /** Every content marker: the policy's and its tools'. */
  public List<Pattern> contentMarkers() {
    List<Pattern> all = new ArrayList<>(content);
    catalogue.forEach(t -> all.addAll(t.content()));
    return all;
  }

  /** Whether any tool or the policy marks added lines, i.e. whether blobs must be diffed at all. */
  public boolean needsContent() {
    return !content.isEmpty() || catalogue.stream().anyMatch(t -> !t.content().isEmpty());
  }
}
