package dev.aigate.policy;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one AI tool marks its work. Built-in signatures come from {@code catalogue.yml}; a policy
 * adds or overrides them under {@code ai.tools}. The detector's grammar (docs/detection.md) reads
 * the shapes every tool shares; these fields only name the tool.
 *
 * @param id stable lowercase id ({@code claude-code}); {@code unknown} is reserved for AI whose
 *     tool cannot be told
 * @param name display name
 * @param vendor stable lowercase vendor id ({@code anthropic})
 * @param emails e-mail globs of the tool's identities (author, committer, co-author)
 * @param names display-name globs that only the tool uses ({@code * (aider)})
 * @param message regexes that mark a message line, for what the grammar's shapes do not cover
 * @param trailers trailer keys that by themselves mark the tool ({@code Claude-Session})
 * @param aliases words that name the tool in attribution values ({@code Assisted-by: Cursor})
 * @param environment variables the tool's agent sets in its shells
 * @param content regexes that mark an added line of code
 * @param bots GitHub App logins of the tool, without {@code [bot]} ({@code copilot-swe-agent})
 * @param links lower-case URL fragments of the tool's task or session pages
 *     ({@code chatgpt.com/codex/tasks/})
 * @param source where the tool's conventions are documented (source, docs, changelog, issue)
 */
public record ToolSignature(
    String id,
    String name,
    String vendor,
    List<IdentityGlob> emails,
    List<IdentityGlob> names,
    List<Pattern> message,
    List<String> trailers,
    List<String> aliases,
    List<EnvSignal> environment,
    List<Pattern> content,
    List<String> bots,
    List<String> links,
    String source) {

  public static final String UNKNOWN = "unknown";
  /** Vendors a model name gives (docs/detection.md) even when no catalogued tool has them. */
  public static final Set<String> MODEL_VENDORS = Set.of("anthropic", "openai", "google",
      "alibaba", "zhipu", "moonshot", "deepseek", "meta", "mistral", "xai", "amazon", "minimax");

  public ToolSignature {
    emails = List.copyOf(emails);
    names = List.copyOf(names);
    message = List.copyOf(message);
    trailers = List.copyOf(trailers);
    aliases = List.copyOf(aliases);
    environment = List.copyOf(environment);
    content = List.copyOf(content);
    bots = List.copyOf(bots);
    links = List.copyOf(links);
    source = source == null ? "" : source;
  }

  /** The signature for AI that no catalogue entry names. */
  public static ToolSignature unknown() {
    return unknownOf(UNKNOWN);
  }

  /** The signature for AI of a known vendor (from a model name) whose tool cannot be told. */
  public static ToolSignature unknownOf(String vendor) {
    return new ToolSignature(UNKNOWN, "unknown AI tool", vendor, List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), "");
  }
}
