package dev.aigate.policy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How one AI tool marks its work. Built-in signatures come from {@code catalogue.yml}; a policy
 * adds or overrides them under {@code ai.tools}.
 *
 * @param id stable lowercase id ({@code claude-code}); {@code unknown} is reserved for AI whose
 *     tool cannot be told
 * @param name display name
 * @param vendor stable lowercase vendor id ({@code anthropic})
 * @param emails e-mail globs of the tool's identities (author, committer, co-author)
 * @param names display-name globs that only the tool uses ({@code * (aider)})
 * @param message regexes that mark a message line ({@code Generated with \[Claude Code\]})
 * @param trailers trailer keys that by themselves mark the tool ({@code Claude-Session})
 * @param aliases words that name the tool in {@code Assisted-by:}/{@code Generated-by:} values
 * @param environment variables the tool's agent sets in its shells
 * @param content regexes that mark an added line of code
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
    List<Pattern> content) {

  public static final String UNKNOWN = "unknown";

  public ToolSignature {
    emails = List.copyOf(emails);
    names = List.copyOf(names);
    message = List.copyOf(message);
    trailers = List.copyOf(trailers);
    aliases = List.copyOf(aliases);
    environment = List.copyOf(environment);
    content = List.copyOf(content);
  }

  /** The signature for AI that no catalogue entry names. */
  public static ToolSignature unknown() {
    return new ToolSignature(UNKNOWN, "unknown AI tool", UNKNOWN, List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of());
  }
}
