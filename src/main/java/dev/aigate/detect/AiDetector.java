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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds AI provenance in a change with a small grammar of attribution (docs/detection.md, ADR
 * 0011): the shapes every tool shares (attribution trailers as a family, values that name a tool
 * or a model, bot identities, "Generated with" markers, agent session links, transcripts) are
 * code; which tool a shape names is data, the catalogue. A shape that names no catalogued tool is
 * {@code unknown}, never nothing.
 *
 * <p>Lenient on purpose: an attribution line counts wherever it stands in the message, not only
 * when git would read it as a trailer, because a stray prose line under a {@code Co-Authored-By}
 * is enough to hide it from git's trailer parser. Linear in the message: every line is capped
 * ({@link MessageLines#MAX_LINE}), and a regex only runs on a line that a literal pre-filter over
 * its lower-cased text let through.
 */
public final class AiDetector {
  private static final int MAX_EVIDENCE = 200;

  /** Co-author trailer keys, normalised (lower case, '-' for blanks and underscores). */
  private static final Set<String> CO_AUTHOR_KEYS = Set.of("co-authored-by", "coauthored-by", "co-author",
      "co-authored", "coauthor", "co-author-by", "co-authored-with");

  /**
   * The disclosure family: Assisted-by, AI-assisted, Generated-by, Made-with, Co-developed-by,
   * AI-Tool, ... Beyond these, any key made of an AI word ({@code ai}, {@code llm}, {@code genai})
   * and a disclosure word ({@code assisted}, {@code tool}, {@code model}, ...) is one.
   */
  private static final Set<String> DISCLOSURE_KEYS = Set.of("assisted-by", "ai-assisted", "ai-assisted-by",
      "generated-by", "ai-generated-by", "generated-with", "made-with", "co-developed-by", "ai-tool", "ai-tools",
      "ai-model", "ai-agent", "llm-used", "ai-used", "written-with", "coded-with", "ai-generated", "assisted-with",
      "created-with", "built-with", "developed-with", "written-by-ai", "ai-assistant", "generated-using",
      "assisted-using", "co-created-with", "commit-message-written-by", "commit-message-generated-by",
      "message-generated-by", "ai-disclosure", "ai-usage", "llm-assisted", "llm-assisted-by", "llm-tool",
      "llm-model", "genai-assisted", "ai-co-author", "agent-assisted-by");
  private static final Set<String> AI_WORDS = Set.of("ai", "llm", "genai", "gpt");
  private static final Set<String> DISCLOSURE_WORDS = Set.of("assisted", "assist", "generated", "tool", "tools",
      "model", "models", "agent", "used", "usage", "disclosure", "help", "helped", "written", "authored");
  /** Review and reporting trailers: an AI named there reviewed or reported, it did not write the change. */
  private static final Set<String> NOT_AUTHORSHIP = Set.of("reviewed-by", "acked-by", "tested-by", "reported-by",
      "requested-by", "suggested-by", "cc", "reviewed-on", "approved-by", "nacked-by", "bisected-by", "fixes",
      "closes", "refs", "see-also", "link");
  /** Key endings of trailers that link an agent's session, thread or task ({@code Copilot-Session}). */
  private static final List<String> SESSION_SUFFIXES = List.of("-session", "-session-id", "-session-url",
      "-thread", "-thread-id", "-thread-url", "-conversation", "-conversation-id", "-conversation-url", "-task",
      "-task-id", "-task-url", "-logs-url", "-run-id", "-chat", "-chat-url", "-trace-id");

  /**
   * Single-word tool aliases that are also people's names or plain words: they name the tool
   * only alone, before a separator, or before a tool or model word ("Claude Code", "Devin AI",
   * "Claude:claude-3-opus"), never before a surname ("Claude Shannon", "Devin Smith").
   */
  private static final Set<String> PERSON_LIKE = Set.of("claude", "devin", "jules", "kimi", "amp", "goose", "cline",
      "roo", "kiro", "cascade", "junie", "nova", "aide", "pi", "continue", "zed", "warp", "trae", "bolt", "cody",
      "sweep", "void", "crush", "droid", "augment", "tabby", "plandex", "mentat", "smol", "ona", "windsurf", "codeium",
      "lovable", "replit", "sourcery", "greptile", "qodo", "ellipsis", "korbit", "coderabbit");
  /** Words after a person-like alias that make it the tool. */
  private static final Set<String> TOOL_WORDS = Set.of("code", "cli", "agent", "ai", "bot", "app", "assistant",
      "opus", "sonnet", "haiku", "fable", "chat", "coder", "desktop", "web", "cloud", "ide", "editor", "cascade",
      "swe", "autofix", "dev", "developer", "engineer");
  /** Local parts of addresses that only tools write from. */
  private static final Set<String> NOREPLY = Set.of("noreply", "no-reply", "donotreply", "do-not-reply");
  private static final String GITHUB_NOREPLY = "@users.noreply.github.com";

  /** "Generated with [Tool](url)", "Created with Tool", "This commit was written by Tool", ... */
  private static final Pattern MARKER = Pattern.compile(
      "^[^a-z0-9\\[]{0,8}(?:(?:this|the|commit|message|pr|pull|request|change|changes|patch|code|description|summary"
          + "|was|were|is|are|has|have|been|partly|partially|mostly|fully|entirely|largely|primarily|initially|co"
          + "|test|tests|unit|docs|documentation|readme|implementation|initial|draft|most|all|parts|much|of|it|pr)\\s+)"
          + "{0,6}(generated|created|made|built|written|authored|co-authored|developed|crafted|coded|produced|drafted)"
          + "\\s+(?:with|by|using|via|in)\\s+(?:the\\s+(?:help|assistance|aid)\\s+of\\s+)?"
          + "(?:\\[([^\\]]{1,80})\\]\\((https?://[^)\\s]{1,300})\\)|(.{1,80}?))[\\s.!*_)~]*$");
  /** Lower-case literals one of which a marker line holds: the pre-filter before {@link #MARKER}. */
  private static final List<String> MARKER_WORDS = List.of("generated", "created", "made ", "built ", "written",
      "authored", "developed", "crafted", "coded ", "produced", "drafted");
  private static final Pattern TRANSCRIPT = Pattern.compile("^#+\\s*(.{1,40}?)\\s+chat\\s+(?:conversation|transcript|log)\\b.*");

  private final AiPolicy ai;
  private final ToolSignature unknown;
  /** Identities repeat across history; each is looked up in the catalogue once. */
  private final Map<Identity, Optional<Found>> identities = new ConcurrentHashMap<>();
  /** Catalogue message patterns that the grammar does not cover; null when there are none. */
  private final Pattern messageScreen;
  /**
   * What a line must hold for a marker, a link or a catalogue message pattern to match it; null
   * when a pattern has no literal every match holds (then every line is tried).
   */
  private final KeywordFilter keywords;
  /** Trailer keys (lower case) that name a tool by themselves. */
  private final Map<String, ToolSignature> toolTrailers = new HashMap<>();
  /** Aliases by first word, each as its words ("claude code" is claude, code), longest first. */
  private final Map<String, List<Alias>> aliases = new HashMap<>();
  /** GitHub App logins (lower case, no [bot]). */
  private final Map<String, ToolSignature> bots = new HashMap<>();
  /** E-mail domains of catalogued tool identities, and the tools whose they are. */
  private final Map<String, List<ToolSignature>> domains = new HashMap<>();
  private final List<Map.Entry<String, ToolSignature>> links = new ArrayList<>();
  /** Unknown tools of known vendors, one instance each: the evaluator compares tools by identity. */
  private final Map<String, ToolSignature> unknownByVendor = new ConcurrentHashMap<>();

  private record Alias(String[] words, ToolSignature tool) {}

  /** What an identity or value resolved to. */
  private record Found(ToolSignature tool, Kind kind, Confidence confidence) {}

  /** Whether message lines are pre-filtered by keywords (every catalogue pattern has a literal). */
  boolean filtersMessages() {
    return keywords != null;
  }

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
      List<String> names = new ArrayList<>(t.aliases());
      if (!t.id().equals(ToolSignature.UNKNOWN)) {
        names.add(t.id());
      }
      for (String a : names) {
        String[] words = ModelFamilies.words(a);
        if (words.length > 0 && !words[0].isEmpty()) {
          aliases.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Alias(words, t));
        }
      }
      t.bots().forEach(b -> bots.putIfAbsent(b, t));
      t.links().forEach(l -> links.add(Map.entry(l, t)));
      for (IdentityGlob g : t.emails()) {
        String e = g.toString().toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        if (at > 0 && e.indexOf('*') < 0 && e.indexOf('?') < 0 && !e.endsWith("users.noreply.github.com")) {
          List<ToolSignature> ts = domains.computeIfAbsent(e.substring(at + 1), k -> new ArrayList<>());
          // A tool's own addresses come one after another: only the last entry can be this tool.
          // (contains() would run the record's deep equals, bootstrapped on first use, in every hook.)
          if (ts.isEmpty() || ts.get(ts.size() - 1) != t) {
            ts.add(t);
          }
        }
      }
    }
    aliases.values().forEach(l -> l.sort((a, b) -> b.words().length - a.words().length));
    this.messageScreen = screen.length() == 0 ? null : Pattern.compile(screen.toString());
    this.keywords = keywordFilter(ai.catalogue(), links).orElse(null);
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
    identity(change.author(), Signal.AUTHOR, found);
    identity(change.committer(), Signal.COMMITTER, found);
    message(change, found);
    content(change, found);
    if (ai.environment() && !environment.isEmpty()) {
      environment(environment, found);
    }
    return withoutRedundantUnknowns(found);
  }

  /** Whether an identity (a reviewer, say) belongs to an AI tool, an unknown bot included. */
  public Optional<ToolSignature> aiIdentity(Identity who) {
    return identityOf(who).map(Found::tool);
  }

  private Optional<Found> identityOf(Identity who) {
    Optional<Found> known = identities.get(who);
    if (known == null) {
      known = lookUp(who);
      if (identities.size() < 100_000) {
        identities.put(who, known);
      }
    }
    return known;
  }

  private Optional<Found> lookUp(Identity who) {
    String login = botLogin(who);
    if (isNotAi(who, login)) {
      return Optional.empty();
    }
    // Detection is lenient: a look-alike or invisible character in a tool's name or address,
    // or a trailing dot on its domain, still names the tool.
    // Plain ASCII identities, nearly all, skip the normaliser (its tables load on first use: hooks).
    boolean changed = Addresses.needsFolding(who.name()) || Addresses.emailNeedsFolding(who.email());
    Identity folded = changed ? new Identity(Addresses.forDetection(who.name()), Addresses.emailForDetection(who.email())) : who;
    for (ToolSignature t : ai.catalogue()) {
      if (matchesIdentity(t, who) || changed && matchesIdentity(t, folded)) {
        return Optional.of(new Found(t, Kind.IDENTITY, Confidence.ATTRIBUTION));
      }
    }
    String gitHubLogin = gitHubLogin(who);
    if (login != null || gitHubLogin != null) {
      ToolSignature t = bots.get(login != null ? login : gitHubLogin);
      if (t != null) {
        return Optional.of(new Found(t, Kind.BOT, Confidence.ATTRIBUTION));
      }
    }
    if (login != null) {
      // Neither a catalogued agent nor known automation: an app nobody here has seen. Lenient
      // detection counts it (unknown, heuristic) rather than let a new agent's commits through;
      // a policy names its own automation under ai.not-ai.
      return Optional.of(new Found(unknown, Kind.BOT, Confidence.HEURISTIC));
    }
    if (folded.hasEmail()) {
      String email = folded.email().toLowerCase(Locale.ROOT);
      int at = email.lastIndexOf('@');
      List<ToolSignature> ts = at > 0 && isNoreply(email.substring(0, at)) ? toolDomain(email.substring(at + 1)) : null;
      if (ts != null) {
        // noreply@<a tool's domain, or a subdomain of one>: the vendor's tools write from it, its people do not.
        ToolSignature named = names(who.name()).orElse(null);
        ToolSignature t = named != null && !named.id().equals(ToolSignature.UNKNOWN) ? named
            : ts.size() == 1 ? ts.get(0) : unknownOf(ts.get(0).vendor());
        return Optional.of(new Found(t, Kind.IDENTITY, Confidence.ATTRIBUTION));
      }
    }
    return Optional.empty();
  }

  /** A no-reply local part, with or without a {@code +tag} ({@code noreply+bot}). */
  private static boolean isNoreply(String local) {
    int plus = local.indexOf('+');
    return NOREPLY.contains(plus < 0 ? local : local.substring(0, plus));
  }

  private static boolean matchesIdentity(ToolSignature t, Identity who) {
    return who.hasEmail() && anyMatch(t.emails(), who.email()) || !who.name().isEmpty() && anyMatch(t.names(), who.name());
  }

  /** The tools of a catalogued e-mail domain, looked up for the domain and each domain above it. */
  private List<ToolSignature> toolDomain(String domain) {
    for (String d = domain; !d.isEmpty(); ) {
      List<ToolSignature> ts = domains.get(d);
      if (ts != null) {
        return ts;
      }
      int dot = d.indexOf('.');
      d = dot < 0 ? "" : d.substring(dot + 1);
    }
    return null;
  }

  private boolean isNotAi(Identity who, String login) {
    for (IdentityGlob g : ai.notAi()) {
      if (login != null && g.matches(login + "[bot]") || !who.name().isEmpty() && g.matches(who.name())
          || who.hasEmail() && g.matches(who.email())) {
        return true;
      }
    }
    return false;
  }

  /** The login of a GitHub App bot ({@code name[bot]}, {@code <id>+name[bot]@users.noreply.github.com}), else null. */
  static String botLogin(Identity who) {
    String name = who.name().toLowerCase(Locale.ROOT);
    if (name.endsWith("[bot]") && name.length() > 5 && name.indexOf(' ') < 0) {
      return name.substring(0, name.length() - 5);
    }
    String email = who.email().toLowerCase(Locale.ROOT);
    if (email.endsWith("[bot]" + GITHUB_NOREPLY)) {
      String local = email.substring(0, email.length() - GITHUB_NOREPLY.length() - 5);
      int plus = local.indexOf('+');
      return plus >= 0 ? local.substring(plus + 1) : local;
    }
    return null;
  }

  /** The login of a GitHub noreply address ({@code 198982749+Copilot@users.noreply.github.com}), else null. */
  private static String gitHubLogin(Identity who) {
    String email = who.email().toLowerCase(Locale.ROOT);
    if (!email.endsWith(GITHUB_NOREPLY)) {
      return null;
    }
    String local = email.substring(0, email.length() - GITHUB_NOREPLY.length());
    return local.substring(local.indexOf('+') + 1);
  }

  private void identity(Identity who, Signal signal, Set<Evidence> found) {
    identityOf(who).ifPresent(f -> found.add(new Evidence(f.tool(), signal, f.kind(), f.confidence(), who.toString(), null)));
  }

  private void message(Change change, Set<Evidence> found) {
    Set<String> realTrailers = new HashSet<>();
    for (Trailer t : change.trailers()) {
      realTrailers.add(t.key().toLowerCase(Locale.ROOT) + ":" + t.value());
    }
    Set<String> rawPairs = new HashSet<>();
    boolean user = false;
    String assistant = null;
    for (String line : MessageLines.unquoted(change.message())) {
      MessageLines.KeyValue kv = MessageLines.keyValue(line);
      if (kv == null) {
        kv = MessageLines.spacedKeyValue(line);
      }
      // Most lines hold none of the keywords: they need no lower-casing, marker, link or pattern.
      boolean keyed = keywords == null || keywords.mayHold(line);
      String lower = keyed || line.startsWith("#") ? line.toLowerCase(Locale.ROOT) : null;
      boolean attributed = false;
      if (kv != null) {
        String key = kv.key();
        String value = kv.value();
        String pair = key.toLowerCase(Locale.ROOT) + ":" + value;
        rawPairs.add(pair);
        Signal signal = realTrailers.contains(pair) ? Signal.TRAILER : Signal.MESSAGE;
        Optional<Found> a = attribution(key, value);
        a.ifPresent(f -> found.add(new Evidence(f.tool(), signal, f.kind(), f.confidence(), clip(line), null)));
        a.flatMap(f -> modelOfAnotherVendor(f, value)).ifPresent(f -> found.add(
            new Evidence(f.tool(), signal, f.kind(), f.confidence(), clip(line), null)));
        attributed = a.isPresent();
        // A pasted chat: a USER: turn answered by an ASSISTANT: turn.
        user |= key.equals("USER") || key.equals("Human");
        if (user && assistant == null && (key.equals("ASSISTANT") || key.equals("Assistant"))) {
          assistant = line;
        }
      }
      if (!attributed && keyed) {
        marker(line, lower, found);
        link(line, lower, found);
      }
      if (lower != null && lower.startsWith("#") && lower.contains("chat")) {
        Matcher m = TRANSCRIPT.matcher(lower);
        if (m.matches()) {
          found.add(new Evidence(names(m.group(1)).orElse(unknown), Signal.MESSAGE, Kind.TRANSCRIPT,
              Confidence.ATTRIBUTION, clip(line), null));
        }
      }
      if (keyed && messageScreen != null && messageScreen.matcher(line).find()) {
        for (ToolSignature t : ai.catalogue()) {
          for (Pattern p : t.message()) {
            if (p.matcher(line).find()) {
              found.add(new Evidence(t, Signal.MESSAGE, Kind.MARKER, Confidence.ATTRIBUTION, clip(line), null));
            }
          }
        }
      }
    }
    if (assistant != null) {
      found.add(new Evidence(unknown, Signal.MESSAGE, Kind.TRANSCRIPT, Confidence.HEURISTIC, clip(assistant), null));
    }
    // git unfolds a trailer continued on the next line ("Co-Authored-By: Claude" /
    // " <noreply@anthropic.com>"): the parsed value is evidence too, where no raw line was.
    for (Trailer t : change.trailers()) {
      if (!rawPairs.contains(t.key().toLowerCase(Locale.ROOT) + ":" + t.value())) {
        Optional<Found> a = attribution(t.key(), t.value());
        if (a.isPresent()) {
          String unfolded = t.key() + ": " + t.value();
          // The folded trailer's first line said less than the whole: the whole stands for both.
          found.removeIf(e -> e.signal() == Signal.MESSAGE && unfolded.startsWith(e.evidence()));
          Found f = a.get();
          found.add(new Evidence(f.tool(), Signal.TRAILER, f.kind(), f.confidence(), clip(unfolded), null));
        }
      }
    }
  }

  /**
   * The filter over {@link #MARKER_WORDS}, the links and one literal of each catalogue message
   * pattern; empty if any pattern has none.
   */
  private static Optional<KeywordFilter> keywordFilter(List<ToolSignature> catalogue,
      List<Map.Entry<String, ToolSignature>> links) {
    List<String> words = new ArrayList<>(MARKER_WORDS);
    links.forEach(l -> words.add(l.getKey()));
    for (ToolSignature t : catalogue) {
      for (Pattern p : t.message()) {
        Optional<String> literal = KeywordFilter.requiredLiteral(p);
        if (literal.isEmpty()) {
          return Optional.empty();
        }
        words.add(literal.get());
      }
    }
    return KeywordFilter.of(words);
  }

  /** "Generated with [Tool](url)" and its kin: the shape first, then the tool it names. */
  private void marker(String line, String lower, Set<Evidence> found) {
    if (!containsAny(lower, MARKER_WORDS)) {
      return;
    }
    Matcher m = MARKER.matcher(lower);
    if (!m.matches()) {
      return;
    }
    if (m.group(2) != null) {
      // A link is what a tool writes; a person types the name.
      ToolSignature t = names(m.group(2)).or(() -> linked(m.group(3))).orElse(unknown);
      found.add(new Evidence(t, Signal.MESSAGE, Kind.MARKER, Confidence.ATTRIBUTION, clip(line), null));
      return;
    }
    String named = m.group(4);
    Optional<ToolSignature> t = names(named);
    if (t.isEmpty()) {
      t = ModelFamilies.vendor(named).map(this::unknownOf);
    }
    boolean toolWritten = !Character.isLetterOrDigit(line.charAt(0)) && line.codePointAt(0) > 0x2000;
    t.ifPresent(tool -> found.add(new Evidence(tool, Signal.MESSAGE, Kind.MARKER,
        toolWritten ? Confidence.ATTRIBUTION : Confidence.DISCLOSURE, clip(line), null)));
  }

  /** A link to a cloud agent's task or session page. */
  private void link(String line, String lower, Set<Evidence> found) {
    if (lower.indexOf('/') < 0) {
      return;
    }
    for (Map.Entry<String, ToolSignature> l : links) {
      if (lower.contains(l.getKey())) {
        found.add(new Evidence(l.getValue(), Signal.MESSAGE, Kind.LINK, Confidence.ATTRIBUTION, clip(line), null));
      }
    }
  }

  private Optional<ToolSignature> linked(String url) {
    for (Map.Entry<String, ToolSignature> l : links) {
      if (url.contains(l.getKey())) {
        return Optional.of(l.getValue());
      }
    }
    return Optional.empty();
  }

  /** Which tool a {@code Key: value} line attributes the change to, if any. */
  private Optional<Found> attribution(String rawKey, String value) {
    String key = rawKey.toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    if (value.isEmpty()) {
      return Optional.empty();
    }
    ToolSignature byKey = toolTrailers.get(key);
    if (byKey != null && byKey != unknown) {
      return Optional.of(new Found(byKey, Kind.SESSION, Confidence.ATTRIBUTION));
    }
    boolean coAuthor = CO_AUTHOR_KEYS.contains(key);
    boolean disclosure = !coAuthor && (byKey == unknown || isDisclosureKey(key));
    if (coAuthor || disclosure) {
      Kind kind = coAuthor ? Kind.CO_AUTHOR : Kind.DISCLOSURE;
      Optional<Found> v = value(value, kind);
      if (v.isEmpty() && byKey == unknown && !isTemplate(value)) {
        // Generated-by names a tool by definition; what it names is unknown to us.
        return Optional.of(new Found(unknown, kind, Confidence.DISCLOSURE));
      }
      return v;
    }
    Optional<Found> session = session(key, value);
    if (session.isPresent() || NOT_AUTHORSHIP.contains(key) || !(key.endsWith("-by") || key.endsWith("-with"))) {
      return session;
    }
    // Signed-off-by, Helped-by, ...: a tool's identity there is the tool's own mark.
    Identity who = identityIn(value);
    return who.hasEmail() ? identityOf(who).filter(f -> f.confidence() == Confidence.ATTRIBUTION)
        .map(f -> new Found(f.tool(), Kind.OTHER_TRAILER, Confidence.ATTRIBUTION)) : Optional.empty();
  }

  /** {@code <Tool>-Session:}, {@code Agent-Logs-Url:}, ...: a link to an agent's session. */
  /**
   * The model behind a tool, when the value names one of another vendor ({@code aider
   * (openai/gpt-5.2)}, {@code Cursor:claude-4-sonnet}): whose model wrote the code is what a
   * {@code vendors:} rule is about (distillation), so it is evidence of its own, an unknown tool
   * of that vendor.
   */
  private Optional<Found> modelOfAnotherVendor(Found f, String value) {
    if ((f.kind() != Kind.CO_AUTHOR && f.kind() != Kind.DISCLOSURE) || f.tool() == unknown
        || ToolSignature.UNKNOWN.equals(f.tool().id())) {
      return Optional.empty();
    }
    Identity who = identityIn(value);
    // The name first; the whole value when the part in angle brackets is a model, not an address.
    return ModelFamilies.vendor(who.hasEmail() ? who.name() : value).or(() -> ModelFamilies.vendor(value))
        .filter(v -> !v.equals(f.tool().vendor()))
        .map(v -> new Found(unknownOf(v), f.kind(), f.confidence()));
  }

  /** {@code <Tool>-Session:}, {@code Agent-Logs-Url:}, ...: a link to an agent's session. */
  private Optional<Found> session(String key, String value) {
    for (String suffix : SESSION_SUFFIXES) {
      if (key.endsWith(suffix) && key.length() > suffix.length()) {
        String head = key.substring(0, key.length() - suffix.length());
        Optional<ToolSignature> t = names(head);
        if (t.isPresent()) {
          return Optional.of(new Found(t.get(), Kind.SESSION, Confidence.ATTRIBUTION));
        }
        String lower = value.toLowerCase(Locale.ROOT);
        Optional<ToolSignature> l = linked(lower);
        if (l.isPresent()) {
          return Optional.of(new Found(l.get(), Kind.SESSION, Confidence.ATTRIBUTION));
        }
        if (AI_WORDS.contains(head) || head.equals("agent") || head.equals("ai-agent")) {
          return Optional.of(new Found(unknown, Kind.SESSION, Confidence.ATTRIBUTION));
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * What an attribution value names: a tool's identity ({@code <noreply@anthropic.com>}), a tool
   * ({@code Cursor}, {@code crush:glm-5.1}, {@code glm-5.1 via Crush}, {@code GPT-4o (Copilot)}),
   * or a model of a known vendor ({@code claude-opus-4}); a human ({@code Jane Doe <jane@...>})
   * names none.
   */
  private Optional<Found> value(String value, Kind kind) {
    Confidence named = kind == Kind.CO_AUTHOR ? Confidence.ATTRIBUTION : Confidence.DISCLOSURE;
    if (isTemplate(value)) {
      return Optional.empty();
    }
    Identity who = identityIn(value);
    if (who.hasEmail()) {
      Optional<Found> id = identityOf(who);
      if (id.isPresent() && id.get().confidence() != Confidence.HEURISTIC) {
        return Optional.of(new Found(id.get().tool(), kind, named));
      }
      String email = who.email().toLowerCase(Locale.ROOT);
      int at = email.lastIndexOf('@');
      // A co-author at noreply@<somewhere>: people do not write from there, tools do.
      Optional<Found> guess = id.map(f -> new Found(f.tool(), kind, Confidence.HEURISTIC)).or(() ->
          at > 0 && isNoreply(email.substring(0, at)) && !isNotAi(who, null)
              ? Optional.of(new Found(names(who.name()).orElse(unknown), kind, Confidence.HEURISTIC)) : Optional.empty());
      if (guess.isPresent()) {
        // An address can add evidence, never take it away: a name that names a tool or model
        // (Claude Opus 4.5 <noreply@corp.example>) stands as it would at any other address.
        return byName(who.name(), who, kind, named).or(() -> guess);
      }
    }
    return byName(who.hasEmail() ? who.name() : value, who, kind, named);
  }

  /** What the name part of a value (or a value without an address) names. */
  private Optional<Found> byName(String text, Identity who, Kind kind, Confidence named) {
    Optional<ToolSignature> tool = names(text);
    if (tool.isEmpty()) {
      tool = ModelFamilies.vendor(text).map(this::unknownOf);
    }
    if (tool.isEmpty() && !who.hasEmail() && kind == Kind.DISCLOSURE && (isAgentModel(text) || saysAi(text))) {
      // The kernel's AGENT_NAME:MODEL_VERSION naming neither a tool nor a model we know, or a
      // disclosure that says only "AI" ("Assisted-by: AI", "AI-Assisted: yes", ".../#llms").
      tool = Optional.of(unknown);
    }
    return tool.map(t -> new Found(t, kind, named));
  }

  /** The tool a name or value names, by its aliases; for {@code <model> via <tool>} the tool side. */
  private Optional<ToolSignature> names(String text) {
    String v = text.length() > 300 ? text.substring(0, 300) : text;
    String lower = Addresses.needsFolding(v) ? Addresses.forDetection(v) : v.toLowerCase(Locale.ROOT);
    for (String sep : List.of(" via ", " using ", " through ", " with ", " in ")) {
      int i = lower.indexOf(sep);
      if (i > 0) {
        Optional<ToolSignature> t = alias(lower.substring(i + sep.length()));
        if (t.isPresent()) {
          return t;
        }
      }
    }
    int colon = lower.indexOf(':');
    int space = lower.indexOf(' ');
    if (colon > 0 && (space < 0 || colon < space) && !lower.startsWith("://", colon)) {
      Optional<ToolSignature> t = alias(lower.substring(0, colon));
      if (t.isPresent()) {
        return t;
      }
    }
    // "<tool> (<model>)" names the tool outside the brackets, "<model> (<tool>)" inside them.
    StringBuilder outside = new StringBuilder();
    StringBuilder inside = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
        inside.append(' ');
      } else if ((c == ')' || c == ']') && depth > 0) {
        depth--;
        inside.append(' ');
      } else {
        (depth > 0 ? inside : outside).append(c);
      }
    }
    return alias(outside.toString()).or(() -> alias(inside.toString()));
  }

  /** The first catalogued alias at a word start of {@code text}, longest first. */
  private Optional<ToolSignature> alias(String text) {
    String[] words = ModelFamilies.words(text);
    for (int i = 0; i < words.length; i++) {
      List<Alias> candidates = aliases.get(words[i]);
      if (candidates == null) {
        continue;
      }
      for (Alias a : candidates) {
        if (startsAt(words, i, a.words()) && (a.words().length > 1 || !PERSON_LIKE.contains(a.words()[0])
            || namesTool(words, i + 1, text))) {
          return Optional.of(a.tool());
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a person-like alias is the tool: it stands alone, or a tool or model word follows it. */
  private static boolean namesTool(String[] words, int next, String text) {
    int firstReal = next;
    while (firstReal < words.length && words[firstReal].isEmpty()) {
      firstReal++;
    }
    if (firstReal >= words.length) {
      return true;
    }
    String w = words[firstReal];
    return TOOL_WORDS.contains(w) || ModelFamilies.hasDigit(w) || w.equals("https") || w.equals("http")
        || firstReal == next && separatorFollows(text, words, next);
  }

  /** Whether the alias before word {@code next} is followed by ':' '(' '[' '/' '<' or ',' in the text. */
  private static boolean separatorFollows(String text, String[] words, int next) {
    String t = text.toLowerCase(Locale.ROOT);
    int pos = 0;
    for (int i = 0; i < next && i < words.length; i++) {
      int at = t.indexOf(words[i], pos);
      if (at < 0) {
        return false;
      }
      pos = at + words[i].length();
    }
    while (pos < t.length() && t.charAt(pos) == ' ') {
      pos++;
    }
    return pos < t.length() && ":([/<,@".indexOf(t.charAt(pos)) >= 0;
  }

  private static boolean startsAt(String[] words, int i, String[] alias) {
    if (i + alias.length > words.length) {
      return false;
    }
    for (int k = 0; k < alias.length; k++) {
      if (!words[i + k].equals(alias[k])) {
        return false;
      }
    }
    return true;
  }

  /** {@code Name <email>} at the end of a value, or anywhere in it ("Claude <noreply@anthropic.com> (model x)"). */
  private static Identity identityIn(String value) {
    Identity who = Identity.parse(value);
    if (who.hasEmail()) {
      return who;
    }
    int open = value.indexOf('<');
    int close = open < 0 ? -1 : value.indexOf('>', open);
    if (close > open + 1 && value.substring(open, close).indexOf('@') > 0) {
      return new Identity(value.substring(0, open), value.substring(open + 1, close));
    }
    return who;
  }

  /** Whether a disclosure value says AI without naming it: an AI word, or yes/true under an AI key. */
  private static boolean saysAi(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("yes") || v.equals("true") || v.equals("y")) {
      return true;
    }
    for (String w : ModelFamilies.words(v)) {
      if (AI_WORDS.contains(w) || w.equals("llms") || w.equals("chatbot")) {
        return true;
      }
    }
    return false;
  }

  /** "Foo:bar-model": the kernel's AGENT_NAME:MODEL_VERSION shape. */
  private static boolean isAgentModel(String value) {
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || c == '<' || c == '>') {
        return false;
      }
    }
    char after = value.charAt(colon + 1);
    return !Character.isWhitespace(after) && after != '/' && after != '<';
  }

  /** A placeholder quoted from a policy: {@code AGENT_NAME:MODEL_VERSION}, {@code <tool>}, {@code TOOL}. */
  private static boolean isTemplate(String value) {
    String v = value.strip();
    if (v.startsWith("<") && v.indexOf('@') < 0 || v.contains("AGENT_NAME") || v.contains("MODEL_VERSION")
        || v.contains("TOOL_NAME")) {
      return true;
    }
    boolean letters = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        return false;
      }
      letters |= c >= 'A' && c <= 'Z';
    }
    return letters && v.indexOf('_') >= 0;
  }

  /**
   * Disclosure trailers as a family: Assisted-by, AI-assisted, AI-Assisted-by, Generated-by,
   * Made-with, Co-developed-by, AI-Tool, AI-Model, ... in any case, with spaces or underscores
   * for the hyphens, and any key pairing an AI word with a disclosure word.
   */
  static boolean isDisclosureKey(String key) {
    String k = key.toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    if (DISCLOSURE_KEYS.contains(k)) {
      return true;
    }
    String[] parts = k.split("-", 6);
    boolean aiWord = false;
    boolean disclosureWord = false;
    for (String p : parts) {
      aiWord |= AI_WORDS.contains(p);
      disclosureWord |= DISCLOSURE_WORDS.contains(p);
    }
    return aiWord && disclosureWord;
  }

  private void content(Change change, Set<Evidence> found) {
    if (!ai.needsContent()) {
      return;
    }
    for (FileChange f : change.files()) {
      for (FileChange.AddedLine line : f.addedLines()) {
        for (ToolSignature t : ai.catalogue()) {
          for (Pattern p : t.content()) {
            if (p.matcher(line.text()).find()) {
              found.add(new Evidence(t, Signal.CONTENT, Kind.CONTENT, Confidence.ATTRIBUTION,
                  clip(line.text().strip()) + " (line " + line.number() + ")", f.path(), line.number()));
            }
          }
        }
        for (Pattern p : ai.content()) {
          if (p.matcher(line.text()).find()) {
            found.add(new Evidence(unknown, Signal.CONTENT, Kind.CONTENT, Confidence.ATTRIBUTION,
                clip(line.text().strip()) + " (line " + line.number() + ")", f.path(), line.number()));
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
          found.add(new Evidence(t, Signal.ENVIRONMENT, Kind.ENVIRONMENT, Confidence.ENVIRONMENT,
              s.name() + "=" + clip(value), null));
        }
      }
    }
  }

  /** "unknown" says nothing more when a named tool was seen on the same line. */
  /**
   * Drops an unknown tool that a named one on the same line already stands for; an unknown of
   * another vendor (the model behind the tool, {@link #modelOfAnotherVendor}) says more, and stays.
   */
  private static List<Evidence> withoutRedundantUnknowns(Set<Evidence> found) {
    Map<String, Set<String>> named = new HashMap<>();
    for (Evidence e : found) {
      if (!e.tool().id().equals(ToolSignature.UNKNOWN)) {
        named.computeIfAbsent(e.signal() + "\0" + e.evidence(), k -> new HashSet<>()).add(e.tool().vendor());
      }
    }
    List<Evidence> out = new ArrayList<>();
    for (Evidence e : found) {
      Set<String> vendors = named.get(e.signal() + "\0" + e.evidence());
      boolean redundant = e.tool().id().equals(ToolSignature.UNKNOWN) && vendors != null
          && (e.tool().vendor().equals(ToolSignature.UNKNOWN) || vendors.contains(e.tool().vendor()));
      if (!redundant) {
        out.add(e);
      }
    }
    return out;
  }

  private ToolSignature unknownOf(String vendor) {
    return vendor.equals(ToolSignature.UNKNOWN) ? unknown : unknownByVendor.computeIfAbsent(vendor, ToolSignature::unknownOf);
  }

  private static boolean containsAny(String lower, List<String> words) {
    for (String w : words) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
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
