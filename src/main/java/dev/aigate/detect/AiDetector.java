package dev.aigate.detect;

import dev.aigate.git.Change;
import dev.aigate.git.FileChange;
import dev.aigate.git.Identity;
import dev.aigate.git.Trailer;
import dev.aigate.policy.AiPolicy;
import dev.aigate.policy.EnvSignal;
import dev.aigate.policy.IdentityGlob;
import dev.aigate.policy.ToolSignature;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds AI provenance in a change. Lenient on purpose: an attribution line counts wherever it
 * stands in the message, not only when git would read it as a trailer, because a stray prose
 * line under a {@code Co-Authored-By} is enough to hide it from git's trailer parser.
 */
public final class AiDetector {
  /** Any {@code Key: value} line, the shape attribution lines take. */
  /** The kernel's disclosure form {@code Assisted-by: AGENT_NAME:MODEL_VERSION [TOOL…]}. */
  private static final Pattern AGENT_MODEL = Pattern.compile("^[^\\s:<>]+:[^\\s:<>]+.*");
  private static final int MAX_EVIDENCE = 200;

  private final AiPolicy ai;
  private final ToolSignature unknown;
  /** Identities repeat across history; each is looked up in the catalogue once. */
  private final Map<Identity, Optional<ToolSignature>> identities = new java.util.HashMap<>();

  /** All tools' message markers in one pattern: a line that misses it needs no per-tool look. */
  private final Pattern messageScreen;
  /** Trailer keys (lower case) that name a tool by themselves. */
  private final Map<String, ToolSignature> toolTrailers = new java.util.HashMap<>();

  public AiDetector(AiPolicy ai) {
    this.ai = ai;
    StringBuilder screen = new StringBuilder();
    for (ToolSignature t : ai.catalogue()) {
      for (Pattern p : t.message()) {
        screen.append(screen.length() == 0 ? "" : "|").append("(?:").append(p.pattern()).append(')');
      }
      for (String k : t.trailers()) {
        toolTrailers.putIfAbsent(k.toLowerCase(Locale.ROOT), t);
      }
    }
    this.messageScreen = screen.length() == 0 ? null : Pattern.compile(screen.toString());
    this.unknown = ai.catalogue().stream().filter(t -> t.id().equals(ToolSignature.UNKNOWN)).findFirst()
        .orElse(ToolSignature.unknown());
  }

  /**
   * The evidence in {@code change}.
   *
   * @param environment the committing process's environment, or an empty map where there is none
   *     (a pushed or historical commit)
   */
  public List<Evidence> detect(Change change, Map<String, String> environment) {
    Set<Evidence> found = new LinkedHashSet<>();
    identity(change.author(), Signal.AUTHOR).ifPresent(found::add);
    identity(change.committer(), Signal.COMMITTER).ifPresent(found::add);
    message(change, found);
    content(change, found);
    if (ai.environment() && !environment.isEmpty()) {
      environment(environment, found);
    }
    return withoutRedundantUnknowns(found);
  }

  /** Whether an identity (a reviewer, say) belongs to an AI tool. */
  public Optional<ToolSignature> aiIdentity(Identity who) {
    Optional<ToolSignature> known = identities.get(who);
    if (known == null) {
      known = lookUp(who);
      if (identities.size() < 100_000) {
        identities.put(who, known);
      }
    }
    return known;
  }

  private Optional<ToolSignature> lookUp(Identity who) {
    for (ToolSignature t : ai.catalogue()) {
      if (who.hasEmail() && anyMatch(t.emails(), who.email()) || !who.name().isEmpty() && anyMatch(t.names(), who.name())) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private Optional<Evidence> identity(Identity who, Signal signal) {
    return aiIdentity(who).map(t -> new Evidence(t, signal, who.toString(), null));
  }

  private void message(Change change, Set<Evidence> found) {
    Set<String> realTrailers = new java.util.HashSet<>();
    for (Trailer t : change.trailers()) {
      realTrailers.add(t.key().toLowerCase(Locale.ROOT) + ":" + t.value());
    }
    Set<String> rawPairs = new java.util.HashSet<>();
    for (String line : MessageLines.of(change.message())) {
      MessageLines.KeyValue kv = MessageLines.keyValue(line);
      if (kv != null) {
        String key = kv.key();
        String value = kv.value();
        rawPairs.add(key.toLowerCase(Locale.ROOT) + ":" + value);
        Signal signal = realTrailers.contains(key.toLowerCase(Locale.ROOT) + ":" + value) ? Signal.TRAILER : Signal.MESSAGE;
        attribution(key, value).ifPresent(t -> found.add(new Evidence(t, signal, clip(line), null)));
      }
      if (messageScreen == null || !messageScreen.matcher(line).find()) {
        continue;
      }
      for (ToolSignature t : ai.catalogue()) {
        for (Pattern p : t.message()) {
          if (p.matcher(line).find()) {
            found.add(new Evidence(t, Signal.MESSAGE, clip(line), null));
          }
        }
      }
    }
    // git unfolds a trailer continued on the next line ("Co-Authored-By: Claude" /
    // " <noreply@anthropic.com>"): the parsed value is evidence too, where no raw line was.
    for (Trailer t : change.trailers()) {
      if (!rawPairs.contains(t.key().toLowerCase(Locale.ROOT) + ":" + t.value())) {
        attribution(t.key(), t.value()).ifPresent(tool -> found.add(new Evidence(tool, Signal.TRAILER,
            clip(t.key() + ": " + t.value()), null)));
      }
    }
  }

  /** Which tool a {@code Key: value} line attributes the change to, if any. */
  private Optional<ToolSignature> attribution(String key, String value) {
    Identity who = Identity.parse(value);
    Optional<ToolSignature> byIdentity = aiIdentity(who);
    if (byIdentity.isPresent()) {
      return byIdentity;
    }
    ToolSignature byKey = toolTrailers.get(key.toLowerCase(Locale.ROOT));
    if (byKey != null) {
      return Optional.of(byKey == unknown ? byAlias(value).or(() -> ModelFamilies.named(value)).orElse(unknown) : byKey);
    }
    if (isDisclosureKey(key) && !who.hasEmail()) {
      // "Assisted-by: Jane Doe" credits a human (curl has done so for years); a tool is named by
      // an alias ("Assisted-by: Cursor"), a model ("claude-opus-4", "GPT-4o") or the kernel's
      // AGENT:MODEL form.
      Optional<ToolSignature> named = byAlias(value);
      if (named.isPresent()) {
        return named;
      }
      Optional<ToolSignature> model = ModelFamilies.named(value);
      if (model.isPresent()) {
        return model;
      }
      if (AGENT_MODEL.matcher(value).matches()) {
        return Optional.of(unknown);
      }
    }
    return Optional.empty();
  }

  /** The tool whose alias is the value's first word (or words): "Claude:claude-3-opus", "GitHub Copilot". */
  private Optional<ToolSignature> byAlias(String value) {
    String v = value.toLowerCase(Locale.ROOT).strip();
    ToolSignature best = null;
    int bestLength = 0;
    for (ToolSignature t : ai.catalogue()) {
      for (String alias : t.aliases()) {
        if (v.startsWith(alias) && (v.length() == alias.length() || isWordEnd(v.charAt(alias.length())))
            && alias.length() > bestLength) {
          best = t;
          bestLength = alias.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Model names run on after a tool's name: "claude-3.5-sonnet", "gemini-2.5-pro", "claude_4". */
  private static boolean isWordEnd(char c) {
    return c == ' ' || c == ':' || c == '/' || c == '(' || c == '[' || c == ',' || c == '\t' || c == '-' || c == '.'
        || c == '_' || c == '@' || c >= '0' && c <= '9';
  }

  /**
   * Disclosure trailers as a family: Assisted-by, AI-assisted, AI-Assisted-by, Generated-by,
   * Made-with, Co-developed-by, AI-Tool, AI-Model, ... in any case, with spaces or underscores
   * for the hyphens.
   */
  static boolean isDisclosureKey(String key) {
    String k = key.toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    return DISCLOSURE_KEYS.contains(k);
  }

  private static final Set<String> DISCLOSURE_KEYS = Set.of("assisted-by", "ai-assisted", "ai-assisted-by",
      "generated-by", "ai-generated-by", "generated-with", "made-with", "co-developed-by", "ai-tool", "ai-tools",
      "ai-model", "ai-agent", "llm", "llm-used", "ai-used", "written-with", "coded-with", "ai", "ai-generated",
      "assisted-with", "model", "agent");

  private void content(Change change, Set<Evidence> found) {
    if (!ai.needsContent()) {
      return;
    }
    for (FileChange f : change.files()) {
      for (FileChange.AddedLine line : f.addedLines()) {
        for (ToolSignature t : ai.catalogue()) {
          for (Pattern p : t.content()) {
            if (p.matcher(line.text()).find()) {
              found.add(new Evidence(t, Signal.CONTENT, clip(line.text().strip()) + " (line " + line.number() + ")", f.path(),
                  line.number()));
            }
          }
        }
        for (Pattern p : ai.content()) {
          if (p.matcher(line.text()).find()) {
            found.add(new Evidence(unknown, Signal.CONTENT, clip(line.text().strip()) + " (line " + line.number() + ")", f.path(),
                  line.number()));
          }
        }
      }
    }
  }

  private void environment(Map<String, String> env, Set<Evidence> found) {
    // Sorted, so the report is stable whatever order the process environment comes in.
    Map<String, String> sorted = new TreeMap<>(env);
    for (ToolSignature t : ai.catalogue()) {
      for (EnvSignal s : t.environment()) {
        String value = sorted.get(s.name());
        if (s.matches(value)) {
          found.add(new Evidence(t, Signal.ENVIRONMENT, s.name() + "=" + clip(value), null));
        }
      }
    }
  }

  /** "unknown" says nothing more when a named tool was seen on the same line. */
  private static List<Evidence> withoutRedundantUnknowns(Set<Evidence> found) {
    Set<String> named = new java.util.HashSet<>();
    for (Evidence e : found) {
      if (!e.tool().id().equals(ToolSignature.UNKNOWN)) {
        named.add(e.signal() + "\0" + e.evidence());
      }
    }
    List<Evidence> out = new ArrayList<>();
    for (Evidence e : found) {
      if (!e.tool().id().equals(ToolSignature.UNKNOWN) || !named.contains(e.signal() + "\0" + e.evidence())) {
        out.add(e);
      }
    }
    return out;
  }

  private static boolean anyMatch(List<IdentityGlob> globs, String value) {
    for (IdentityGlob g : globs) {
      if (g.matches(value)) {
        return true;
      }
    }
    return false;
  }

  private static String clip(String s) {
    return s.length() <= MAX_EVIDENCE ? s : s.substring(0, MAX_EVIDENCE) + "…";
  }
}
