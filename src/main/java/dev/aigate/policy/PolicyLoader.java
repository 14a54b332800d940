package dev.aigate.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns policy YAML into a {@link Policy}, strictly: unknown keys, duplicate keys, wrong types,
 * bad globs and bad regexes are all reported together, each at its line and column.
 */
public final class PolicyLoader {
  public static final String EMBEDDED_DEFAULT = "<embedded default>";
  private static final String DEFAULT_RESOURCE = "default.yml";
  private static final String CATALOGUE_RESOURCE = "catalogue.yml";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private static final Set<String> TOP_KEYS = Set.of(
      "version", "mode", "review", "ai", "rules", "default", "protected-refs", "on-timeout", "on-error", "break-glass",
      "replace-refs", "late-ai-notes");
  private static final Set<String> REVIEW_KEYS = Set.of("trailers", "reviewers", "required", "exclude-pusher",
      "plus-addressing", "evidence", "repo-id", "binding", "signatures");
  private static final Set<String> SIGNATURE_KEYS = Set.of("allowed-signers", "revoked-keys", "namespace", "notes-ref",
      "require-user-verification");
  private static final Pattern REPO_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@._+-]{0,127}");
  private static final Pattern NOTES_REF = Pattern.compile("refs/notes/[A-Za-z0-9][A-Za-z0-9._/-]{0,200}");
  private static final Set<String> AI_KEYS = Set.of("builtin", "tools", "content", "environment", "disclosure",
      "not-ai", "provenance");
  private static final Set<String> PROVENANCE_KEYS = Set.of("enabled", "min-run", "min-run-chars", "min-share",
      "min-distinct", "window");
  private static final Set<String> RULE_KEYS = Set.of("id", "paths", "tools", "vendors", "action", "message",
      "unknown-vendor");
  private static final Set<String> TOOL_KEYS = Set.of(
      "id", "name", "vendor", "emails", "names", "message", "trailers", "aliases", "environment", "content", "bots",
      "links", "source");
  private static final Set<String> CATALOGUE_KEYS = Set.of("version", "tools", "not-ai");

  private static volatile CatalogueImage.Catalogue loadedCatalogue;

  /** The keys the loader accepts, by where they stand; the JSON Schema test compares against them. */
  static Map<String, Set<String>> knownKeys() {
    return Map.of("policy", TOP_KEYS, "review", REVIEW_KEYS, "signatures", SIGNATURE_KEYS, "ai", AI_KEYS,
        "rule", RULE_KEYS, "tool", TOOL_KEYS, "provenance", PROVENANCE_KEYS);
  }

  private PolicyLoader() {}

  /** Loads a policy file. */
  public static Policy load(Path file) throws IOException, InvalidPolicyException {
    return load(file, file.toString());
  }

  /** Loads a policy file; {@code origin} names it in diagnostics (the path as the user gave it). */
  public static Policy load(Path file, String origin) throws IOException, InvalidPolicyException {
    byte[] bytes = Files.readAllBytes(file);
    return parse(decode(bytes, origin), origin);
  }

  /** The policy built into the jar: detect everything, require human review everywhere. */
  public static Policy embeddedDefault() {
    try {
      return parse(resource(DEFAULT_RESOURCE), EMBEDDED_DEFAULT);
    } catch (InvalidPolicyException e) {
      throw new IllegalStateException("the embedded default policy is invalid:\n" + e.render(), e);
    }
  }

  /** The built-in tool catalogue (read once per process). */
  public static List<ToolSignature> builtinCatalogue() {
    return builtin().tools();
  }

  /** The built-in automation bots that are never AI (dependabot, renovate, ...). */
  public static List<IdentityGlob> builtinNotAi() {
    return builtin().notAi();
  }

  private static CatalogueImage.Catalogue builtin() {
    CatalogueImage.Catalogue c = loadedCatalogue;
    if (c == null) {
      String text = catalogueText();
      // The build's image of this very text, else the YAML itself (same catalogue, slower).
      c = CatalogueImage.read(optionalResource(CatalogueImage.RESOURCE), text).orElseGet(() -> parseCatalogue(text));
      loadedCatalogue = c;
    }
    return c;
  }

  static String catalogueText() {
    return resource(CATALOGUE_RESOURCE);
  }

  /** The catalogue as its YAML says, validated; a problem in it is a broken build, not a user error. */
  static CatalogueImage.Catalogue parseCatalogue(String text) {
    YamlReader y = new YamlReader();
    Node root = y.compose(text);
    List<ToolSignature> tools = new ArrayList<>();
    List<IdentityGlob> notAi = List.of();
    if (root != null) {
      Map<String, Node> top = y.mapping(root, "catalogue", CATALOGUE_KEYS);
      if (top.containsKey("tools")) {
        tools = tools(y, top.get("tools"), "tools");
      }
      if (top.containsKey("not-ai")) {
        notAi = y.list(top.get("not-ai"), "not-ai", IdentityGlob::compile);
      }
    }
    for (ToolSignature t : tools) {
      if (t.source().isBlank() && !t.id().equals(ToolSignature.UNKNOWN)) {
        y.error(root, "tools: '" + t.id() + "' has no source (where its convention is documented)");
      }
    }
    if (!y.problems().isEmpty()) {
      throw new IllegalStateException(new InvalidPolicyException("catalogue.yml", text, y.problems()).render());
    }
    return new CatalogueImage.Catalogue(tools, notAi);
  }

  /** Parses policy text; {@code origin} names it in diagnostics. */
  public static Policy parse(String text, String origin) throws InvalidPolicyException {
    YamlReader y = new YamlReader();
    Node root = y.compose(text);
    if (root == null) {
      throw new InvalidPolicyException(origin, text, y.problems());
    }
    Map<String, Node> top = y.mapping(root, "the policy", TOP_KEYS);

    Integer version = null;
    if (top.containsKey("version")) {
      version = y.integer(top.get("version"), "version");
      if (version != null && version != 1) {
        y.error(top.get("version"), "unsupported version " + version + " (this aigate reads version 1)");
      }
    } else if (root instanceof MappingNode) {
      y.error(root, "missing required key 'version' (write 'version: 1')");
    }

    Mode mode = Mode.ENFORCE;
    if (top.containsKey("mode")) {
      String m = y.string(top.get("mode"), "mode");
      if ("warn".equals(m)) {
        mode = Mode.WARN;
      } else if (m != null && !"enforce".equals(m)) {
        y.error(top.get("mode"), "mode: unknown mode '" + m + "' (expected enforce or warn)");
      }
    }

    ReviewPolicy review = review(y, top.get("review"));
    AiPolicy ai = ai(y, top.get("ai"));
    List<Rule> rules = top.containsKey("rules") ? rules(y, top.get("rules"), ai) : List.of();

    Action defaultAction = Action.REQUIRE_REVIEW;
    if (top.containsKey("default")) {
      Action a = action(y, top.get("default"), "default");
      if (a != null) {
        defaultAction = a;
      }
    }

    ServerPolicy server = server(y, top);

    if (!y.problems().isEmpty()) {
      throw new InvalidPolicyException(origin, text, y.problems());
    }
    return new Policy(version, mode, review, ai, rules, defaultAction, server, origin);
  }

  private static ServerPolicy server(YamlReader y, Map<String, Node> top) {
    List<RefPattern> refs = top.containsKey("protected-refs")
        ? y.list(top.get("protected-refs"), "protected-refs", RefPattern::compile) : List.of();
    ServerPolicy.Outcome onTimeout = outcome(y, top.get("on-timeout"), "on-timeout");
    ServerPolicy.Outcome onError = outcome(y, top.get("on-error"), "on-error");
    boolean breakGlass = false;
    if (top.containsKey("break-glass")) {
      Boolean b = y.bool(top.get("break-glass"), "break-glass");
      breakGlass = b != null && b;
    }
    ServerPolicy.ReplaceRefs replaceRefs = ServerPolicy.ReplaceRefs.REJECT;
    if (top.containsKey("replace-refs")) {
      String s = y.string(top.get("replace-refs"), "replace-refs");
      if ("judge".equals(s)) {
        replaceRefs = ServerPolicy.ReplaceRefs.JUDGE;
      } else if (s != null && !"reject".equals(s)) {
        y.error(top.get("replace-refs"), "replace-refs: unknown value '" + s + "' (expected reject or judge)");
      }
    }
    ServerPolicy.LateAiNotes lateAiNotes = ServerPolicy.LateAiNotes.REPORT;
    if (top.containsKey("late-ai-notes")) {
      String s = y.string(top.get("late-ai-notes"), "late-ai-notes");
      if ("reject".equals(s)) {
        lateAiNotes = ServerPolicy.LateAiNotes.REJECT;
      } else if (s != null && !"report".equals(s)) {
        y.error(top.get("late-ai-notes"), "late-ai-notes: unknown value '" + s + "' (expected report or reject)");
      }
    }
    return new ServerPolicy(refs, onTimeout, onError, breakGlass, replaceRefs, lateAiNotes);
  }

  private static ServerPolicy.Outcome outcome(YamlReader y, Node node, String where) {
    if (node == null) {
      return ServerPolicy.Outcome.REJECT;
    }
    String s = y.string(node, where);
    if ("allow".equals(s)) {
      return ServerPolicy.Outcome.ALLOW;
    }
    if (s != null && !"reject".equals(s)) {
      y.error(node, where + ": unknown outcome '" + s + "' (expected reject or allow)");
    }
    return ServerPolicy.Outcome.REJECT;
  }

  private static ReviewPolicy review(YamlReader y, Node node) {
    List<String> trailers = List.of("Reviewed-by");
    List<IdentityGlob> reviewers = List.of(IdentityGlob.compile("*"));
    int required = 1;
    boolean excludePusher = false;
    ReviewPolicy.PlusAddressing plus = ReviewPolicy.PlusAddressing.SAME_PERSON;
    if (node == null) {
      return new ReviewPolicy(trailers, reviewers, required, excludePusher, plus);
    }
    Map<String, Node> m = y.mapping(node, "review", REVIEW_KEYS);
    if (m.containsKey("trailers")) {
      trailers = y.list(m.get("trailers"), "review.trailers", PolicyLoader::trailerKey);
    }
    if (m.containsKey("reviewers")) {
      reviewers = y.list(m.get("reviewers"), "review.reviewers", IdentityGlob::compile);
    }
    if (m.containsKey("required")) {
      Integer r = y.integer(m.get("required"), "review.required");
      if (r != null && r < 1) {
        y.error(m.get("required"), "review.required: must be at least 1, got " + r);
      } else if (r != null) {
        required = r;
      }
    }
    if (m.containsKey("exclude-pusher")) {
      Boolean b = y.bool(m.get("exclude-pusher"), "review.exclude-pusher");
      excludePusher = b != null && b;
    }
    if (m.containsKey("plus-addressing")) {
      String s = y.string(m.get("plus-addressing"), "review.plus-addressing");
      if ("distinct".equals(s)) {
        plus = ReviewPolicy.PlusAddressing.DISTINCT;
      } else if (s != null && !"same-person".equals(s)) {
        y.error(m.get("plus-addressing"), "review.plus-addressing: unknown value '" + s
            + "' (expected same-person or distinct)");
      }
    }
    ReviewPolicy.Evidence evidence = ReviewPolicy.Evidence.TRAILER;
    if (m.containsKey("evidence")) {
      String s = y.string(m.get("evidence"), "review.evidence");
      ReviewPolicy.Evidence e = s == null ? null : word(ReviewPolicy.Evidence.values(), s, ReviewPolicy.Evidence::word);
      if (e != null) {
        evidence = e;
      } else if (s != null) {
        y.error(m.get("evidence"), "review.evidence: unknown value '" + s + "' (expected trailer, signed or either)");
      }
    }
    ReviewPolicy.Binding binding = ReviewPolicy.Binding.PATCH;
    if (m.containsKey("binding")) {
      String s = y.string(m.get("binding"), "review.binding");
      ReviewPolicy.Binding b = s == null ? null : word(ReviewPolicy.Binding.values(), s, ReviewPolicy.Binding::word);
      if (b != null) {
        binding = b;
      } else if (s != null) {
        y.error(m.get("binding"), "review.binding: unknown value '" + s + "' (expected patch or commit)");
      }
    }
    Optional<String> repoId = Optional.empty();
    if (m.containsKey("repo-id")) {
      String s = y.string(m.get("repo-id"), "review.repo-id");
      if (s != null && !REPO_ID.matcher(s).matches()) {
        y.error(m.get("repo-id"), "review.repo-id: '" + s + "' must be printable ASCII without spaces (for example acme/payments)");
      } else if (s != null) {
        repoId = Optional.of(s);
      }
    }
    Optional<ReviewPolicy.Signatures> signatures = Optional.empty();
    boolean signaturesBroken = false;
    if (m.containsKey("signatures")) {
      int before = y.problems().size();
      signatures = signatures(y, m.get("signatures"));
      signaturesBroken = y.problems().size() > before;
    }
    if (evidence != ReviewPolicy.Evidence.TRAILER && signatures.isEmpty() && !signaturesBroken) {
      y.error(m.get("evidence"), "review.evidence: " + evidence.word() + " needs review.signatures.allowed-signers"
          + " (the server's allowed_signers file, which says whose keys may sign reviews)");
    }
    if (signatures.isPresent() && repoId.isEmpty() && !m.containsKey("repo-id")) {
      y.error(m.get("signatures"), "review.signatures: needs review.repo-id (the repository id every signed review"
          + " names, so a review of another repository cannot be replayed here)");
    }
    if (!y.problems().isEmpty()) {
      // The record refuses inconsistent combinations; the problems are reported instead.
      return new ReviewPolicy(trailers, reviewers, required, excludePusher, plus);
    }
    return new ReviewPolicy(trailers, reviewers, required, excludePusher, plus, evidence, repoId, binding, signatures);
  }

  private static Optional<ReviewPolicy.Signatures> signatures(YamlReader y, Node node) {
    Map<String, Node> m = y.mapping(node, "review.signatures", SIGNATURE_KEYS);
    Path allowed = m.containsKey("allowed-signers")
        ? absolute(y, m.get("allowed-signers"), "review.signatures.allowed-signers") : null;
    Path revoked = m.containsKey("revoked-keys") ? absolute(y, m.get("revoked-keys"), "review.signatures.revoked-keys") : null;
    String namespace = ReviewPolicy.DEFAULT_NAMESPACE;
    if (m.containsKey("namespace")) {
      String s = y.string(m.get("namespace"), "review.signatures.namespace");
      if (s != null && !NAMESPACE.matcher(s).matches()) {
        y.error(m.get("namespace"), "review.signatures.namespace: '" + s + "' is not a signature namespace"
            + " (letters, digits, '@', '.', '_', '+', '-'; for example aigate-review-v1 or review@example.com)");
      } else if (s != null) {
        namespace = s;
      }
    }
    String notesRef = ReviewPolicy.DEFAULT_NOTES_REF;
    if (m.containsKey("notes-ref")) {
      String s = y.string(m.get("notes-ref"), "review.signatures.notes-ref");
      if (s != null && (!NOTES_REF.matcher(s).matches() || s.contains("..") || s.endsWith("/") || s.endsWith(".lock"))) {
        y.error(m.get("notes-ref"), "review.signatures.notes-ref: '" + s + "' is not a ref under refs/notes/");
      } else if (s != null) {
        notesRef = s;
      }
    }
    ReviewPolicy.UserVerification uv = ReviewPolicy.UserVerification.NOT_REQUIRED;
    if (m.containsKey("require-user-verification")) {
      Boolean b = y.bool(m.get("require-user-verification"), "review.signatures.require-user-verification");
      if (Boolean.TRUE.equals(b)) {
        uv = ReviewPolicy.UserVerification.REQUIRED;
      }
    }
    if (node instanceof MappingNode && !m.containsKey("allowed-signers")) {
      y.error(node, "review.signatures: missing required key 'allowed-signers'");
    }
    if (allowed == null) {
      return Optional.empty();
    }
    return Optional.of(new ReviewPolicy.Signatures(allowed, Optional.ofNullable(revoked), namespace, notesRef, uv));
  }

  /** Trust files are named absolutely: relative to what would be the pusher's choice on a server. */
  private static Path absolute(YamlReader y, Node node, String where) {
    String s = y.string(node, where);
    if (s == null) {
      return null;
    }
    Path p;
    try {
      p = Path.of(s);
    } catch (InvalidPathException e) {
      p = null;
    }
    if (s.isEmpty() || p == null || !p.isAbsolute()) {
      y.error(node, where + ": '" + s + "' must be an absolute path (the server's own file, never one from the repository)");
      return null;
    }
    return p;
  }

  private static <E> E word(E[] values, String s, Function<E, String> word) {
    for (E e : values) {
      if (word.apply(e).equals(s)) {
        return e;
      }
    }
    return null;
  }

  private static AiPolicy ai(YamlReader y, Node node) {
    boolean builtin = true;
    boolean environment = true;
    List<ToolSignature> tools = List.of();
    List<Pattern> content = List.of();
    List<String> disclosure = List.of();
    ProvenancePolicy provenance = ProvenancePolicy.defaults();
    List<IdentityGlob> notAi = List.of();
    if (node != null) {
      Map<String, Node> m = y.mapping(node, "ai", AI_KEYS);
      if (m.containsKey("builtin")) {
        Boolean b = y.bool(m.get("builtin"), "ai.builtin");
        builtin = b == null || b;
      }
      if (m.containsKey("environment")) {
        Boolean b = y.bool(m.get("environment"), "ai.environment");
        environment = b == null || b;
      }
      if (m.containsKey("tools")) {
        tools = tools(y, m.get("tools"), "ai.tools");
      }
      if (m.containsKey("content")) {
        content = y.list(m.get("content"), "ai.content", PolicyLoader::regex);
      }
      if (m.containsKey("disclosure")) {
        disclosure = y.list(m.get("disclosure"), "ai.disclosure", PolicyLoader::trailerKey);
      }
      if (m.containsKey("provenance")) {
        provenance = provenance(y, m.get("provenance"));
      }
      if (m.containsKey("not-ai")) {
        notAi = y.list(m.get("not-ai"), "ai.not-ai", IdentityGlob::compile);
      }
    }
    List<ToolSignature> catalogue = AiPolicy.merge(builtin ? builtinCatalogue() : List.of(), tools);
    List<IdentityGlob> allNotAi = new ArrayList<>(builtin ? builtinNotAi() : List.of());
    allNotAi.addAll(notAi);
    return new AiPolicy(builtin, tools, content, environment, catalogue, disclosure, allNotAi, provenance);
  }

  private static ProvenancePolicy provenance(YamlReader y, Node node) {
    ProvenancePolicy d = ProvenancePolicy.defaults();
    Map<String, Node> m = y.mapping(node, "ai.provenance", PROVENANCE_KEYS);
    boolean enabled = d.enabled();
    if (m.containsKey("enabled")) {
      Boolean b = y.bool(m.get("enabled"), "ai.provenance.enabled");
      enabled = b != null ? b : enabled;
    }
    int minRun = atLeast(y, m, "min-run", 1, d.minRun());
    int minRunChars = atLeast(y, m, "min-run-chars", 0, d.minRunChars());
    int minDistinct = atLeast(y, m, "min-distinct", 1, d.minDistinct());
    int window = atLeast(y, m, "window", 0, d.window());
    double minShare = d.minShare();
    if (m.containsKey("min-share")) {
      Double share = y.number(m.get("min-share"), "ai.provenance.min-share");
      if (share != null && !(share > 0 && share <= 1)) {
        y.error(m.get("min-share"), "ai.provenance.min-share: must be more than 0 and at most 1, got " + share);
      } else if (share != null) {
        minShare = share;
      }
    }
    return new ProvenancePolicy(enabled, minRun, minRunChars, minShare, minDistinct, window);
  }

  private static int atLeast(YamlReader y, Map<String, Node> m, String key, int min, int fallback) {
    if (!m.containsKey(key)) {
      return fallback;
    }
    Integer v = y.integer(m.get(key), "ai.provenance." + key);
    if (v != null && v < min) {
      y.error(m.get(key), "ai.provenance." + key + ": must be at least " + min + ", got " + v);
      return fallback;
    }
    return v == null ? fallback : v;
  }

  private static List<ToolSignature> tools(YamlReader y, Node node, String where) {
    List<ToolSignature> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<Node> items = y.sequence(node, where);
    for (int i = 0; i < items.size(); i++) {
      String at = where + "[" + i + "]";
      Map<String, Node> m = y.mapping(items.get(i), at, TOOL_KEYS);
      String id = m.containsKey("id") ? id(y, m.get("id"), at + ".id") : null;
      String vendor = m.containsKey("vendor") ? id(y, m.get("vendor"), at + ".vendor") : null;
      if (!m.containsKey("id")) {
        y.error(items.get(i), at + ": missing required key 'id'");
      }
      if (!m.containsKey("vendor")) {
        y.error(items.get(i), at + ": missing required key 'vendor'");
      }
      if (id != null && !ids.add(id)) {
        y.error(m.get("id"), at + ".id: tool '" + id + "' is defined twice");
      }
      String name = m.containsKey("name") ? y.string(m.get("name"), at + ".name") : id;
      ToolSignature t = new ToolSignature(
          id, name, vendor,
          optionalList(y, m, "emails", at, IdentityGlob::compile),
          optionalList(y, m, "names", at, IdentityGlob::compile),
          optionalList(y, m, "message", at, PolicyLoader::regex),
          optionalList(y, m, "trailers", at, PolicyLoader::trailerKey),
          optionalList(y, m, "aliases", at, s -> s.toLowerCase(Locale.ROOT)),
          optionalList(y, m, "environment", at, PolicyLoader::envSignal),
          optionalList(y, m, "content", at, PolicyLoader::regex),
          optionalList(y, m, "bots", at, PolicyLoader::botLogin),
          optionalList(y, m, "links", at, PolicyLoader::link),
          m.containsKey("source") ? y.string(m.get("source"), at + ".source") : "");
      if (id != null && vendor != null) {
        out.add(t);
      }
    }
    return out;
  }

  private static <T> List<T> optionalList(
      YamlReader y, Map<String, Node> m, String key, String at, Function<String, T> f) {
    return m.containsKey(key) ? y.list(m.get(key), at + "." + key, f) : List.of();
  }

  private static List<Rule> rules(YamlReader y, Node node, AiPolicy ai) {
    Set<String> knownTools = new TreeSet<>();
    Set<String> knownVendors = new TreeSet<>();
    ai.catalogue().forEach(t -> {
      knownTools.add(t.id());
      knownVendors.add(t.vendor());
    });
    knownTools.add(ToolSignature.UNKNOWN);
    knownVendors.add(ToolSignature.UNKNOWN);
    knownVendors.addAll(ToolSignature.MODEL_VENDORS);

    List<Rule> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<Node> items = y.sequence(node, "rules");
    for (int i = 0; i < items.size(); i++) {
      String at = "rules[" + i + "]";
      Map<String, Node> m = y.mapping(items.get(i), at, RULE_KEYS);
      if (items.get(i) instanceof MappingNode) {
        for (String required : List.of("id", "paths", "action")) {
          if (!m.containsKey(required)) {
            y.error(items.get(i), at + ": missing required key '" + required + "'");
          }
        }
      }
      String id = m.containsKey("id") ? id(y, m.get("id"), at + ".id") : null;
      if (id != null && !ids.add(id)) {
        y.error(m.get("id"), at + ".id: rule id '" + id + "' is used twice");
      }
      List<PathGlob> paths = List.of();
      Node pathsNode = m.get("paths");
      if (pathsNode instanceof SequenceNode seq && seq.getValue().isEmpty()) {
        y.error(pathsNode, at + ".paths: must not be empty (use [\"**\"] for every path)");
      } else if (pathsNode != null) {
        paths = y.list(pathsNode, at + ".paths", PathGlob::compile);
        if (!paths.isEmpty() && paths.stream().allMatch(PathGlob::negated)) {
          y.error(pathsNode, at + ".paths: only negated patterns; this rule can never match");
        }
      }
      Set<String> tools = m.containsKey("tools")
          ? known(y, m.get("tools"), at + ".tools", "tool", knownTools) : Set.of();
      Set<String> vendors = m.containsKey("vendors")
          ? known(y, m.get("vendors"), at + ".vendors", "vendor", knownVendors) : Set.of();
      Action action = m.containsKey("action") ? action(y, m.get("action"), at + ".action") : null;
      String message = m.containsKey("message") ? y.string(m.get("message"), at + ".message") : "";
      Rule.UnknownVendor unknownVendor = Rule.UnknownVendor.MATCH;
      if (m.containsKey("unknown-vendor")) {
        String u = y.string(m.get("unknown-vendor"), at + ".unknown-vendor");
        if ("exempt".equals(u)) {
          unknownVendor = Rule.UnknownVendor.EXEMPT;
        } else if (u != null && !"match".equals(u)) {
          y.error(m.get("unknown-vendor"), at + ".unknown-vendor: unknown value '" + u + "' (expected match or exempt)");
        }
      }
      if (id != null && action != null && !paths.isEmpty()) {
        out.add(new Rule(id, new PathSet(paths), tools, vendors, action, message == null ? "" : message,
            unknownVendor));
      }
    }
    return out;
  }

  private static Set<String> known(YamlReader y, Node node, String where, String what, Set<String> known) {
    Set<String> out = new LinkedHashSet<>();
    List<Node> items = y.sequence(node, where);
    for (int i = 0; i < items.size(); i++) {
      String v = y.string(items.get(i), where + "[" + i + "]");
      if (v == null) {
        continue;
      }
      if (!known.contains(v)) {
        y.error(items.get(i), where + "[" + i + "]: unknown " + what + " '" + v + "' (known: "
            + String.join(", ", known) + ")");
      }
      out.add(v);
    }
    return out;
  }

  private static Action action(YamlReader y, Node node, String where) {
    String s = y.string(node, where);
    if (s == null) {
      return null;
    }
    Action a = Action.fromYaml(s);
    if (a == null) {
      y.error(node, where + ": unknown action '" + s + "' (expected one of: allow, warn, require-review, deny)");
    }
    return a;
  }

  private static String id(YamlReader y, Node node, String where) {
    String s = y.string(node, where);
    if (s != null && !ID.matcher(s).matches()) {
      y.error(node, where + ": '" + s + "' is not a valid id (lowercase letters, digits, '.', '_' and '-')");
      return null;
    }
    return s;
  }

  // Compiled once: String.matches compiles its regex on every call, and the catalogue alone
  // validates a few hundred values on every start-up.
  private static final Pattern BOT_LOGIN = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern TRAILER_KEY = Pattern.compile("[A-Za-z0-9-]+");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  static Pattern regex(String s) {
    try {
      return Pattern.compile(s);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regular expression '" + s + "': " + e.getDescription() + " near index " + e.getIndex());
    }
  }

  /** A GitHub App login, stored lower case and without the {@code [bot]} suffix. */
  static String botLogin(String s) {
    String login = s.toLowerCase(Locale.ROOT);
    if (login.endsWith("[bot]")) {
      login = login.substring(0, login.length() - 5);
    }
    if (!BOT_LOGIN.matcher(login).matches()) {
      throw new IllegalArgumentException("'" + s + "' is not a GitHub App login (letters, digits and '-', optional [bot])");
    }
    return login;
  }

  /** A URL fragment of a task or session page, matched as lower-case text. */
  static String link(String s) {
    String l = s.strip().toLowerCase(Locale.ROOT);
    if (l.length() < 8 || l.indexOf('.') < 0 || l.indexOf('/') < 0 || l.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("'" + s + "' is not a URL fragment (host and path, like chatgpt.com/codex/tasks/)");
    }
    return l;
  }

  static String trailerKey(String s) {
    if (!TRAILER_KEY.matcher(s).matches()) {
      throw new IllegalArgumentException("'" + s + "' is not a trailer key (letters, digits and '-')");
    }
    return s;
  }

  static EnvSignal envSignal(String s) {
    int eq = s.indexOf('=');
    String name = eq < 0 ? s : s.substring(0, eq);
    if (!ENV_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + s + "' is not NAME or NAME=<regex>");
    }
    return new EnvSignal(name, eq < 0 ? null : regex(s.substring(eq + 1)));
  }

  private static String decode(byte[] bytes, String origin) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(origin + ": not UTF-8 text", e);
    }
  }

  private static byte[] optionalResource(String name) {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  private static String resource(String name) {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " in the aigate jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
