package dev.aigate.detect;

import dev.aigate.git.Change;
import dev.aigate.git.FileChange;
import dev.aigate.git.Identity;
import dev.aigate.policy.Action;
import dev.aigate.policy.Mode;
import dev.aigate.policy.PathSet;
import dev.aigate.policy.Policy;
import dev.aigate.policy.ReviewPolicy;
import dev.aigate.policy.Rule;
import dev.aigate.policy.ToolSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Applies a policy to changes: pure, no I/O, the same for every entry point. */
public final class Evaluator {
  public static final String DEFAULT_RULE = "default";
  public static final String POLICY_FILE_RULE = "policy-file";
  public static final String DISCLOSURE_RULE = "disclosure";
  public static final String HEURISTIC_RULE = "unknown-automation";

  public static final String REVIEW_EVIDENCE_RULE = "review-evidence";

  private final Policy policy;
  private final AiDetector detector;
  private final ReviewChecker reviews;
  private final Optional<String> target;

  public Evaluator(Policy policy) {
    this(policy, Optional.empty());
  }

  /** An evaluator whose fixes name {@code target}, the ref the changes are judged for. */
  public Evaluator(Policy policy, Optional<String> target) {
    this.policy = policy;
    this.detector = new AiDetector(policy.ai());
    this.reviews = new ReviewChecker(policy.review(), detector);
    this.target = target;
  }

  /**
   * Judges one change.
   *
   * @param environment the committing process's environment (local hooks), else empty
   * @param ineligible reviewers whose review does not count here, beyond the policy's own rules
   */
  public CommitVerdict evaluate(Change change, Map<String, String> environment, List<ReviewChecker.Ineligible> ineligible) {
    return evaluate(change, environment, ineligible, List.of());
  }

  /**
   * Judges one change that others' reviews may cover.
   *
   * @param inherited valid reviews given elsewhere that cover this change (a reviewed merge)
   */
  public CommitVerdict evaluate(Change change, Map<String, String> environment,
      List<ReviewChecker.Ineligible> ineligible, List<Review> inherited) {
    return evaluateWith(change, detector.detect(change, environment), ineligible, inherited);
  }

  /** Judges one change whose AI evidence is already known (detection is the costly part of a long audit). */
  public CommitVerdict evaluateWith(Change change, List<Evidence> ai, List<ReviewChecker.Ineligible> ineligible,
      List<Review> inherited) {
    List<Review> claims = new ArrayList<>(reviews.check(change, ineligible));
    claims.addAll(inherited);
    claims = underEvidenceRule(claims);
    if (ai.isEmpty()) {
      return new CommitVerdict(change, ai, claims, List.of());
    }
    if (ai.stream().allMatch(e -> e.confidence() == Confidence.HEURISTIC)) {
      // An unknown bot or noreply co-author alone is a question, not a verdict (ADR 0011): say
      // so on every run, block nothing, until the policy catalogues it or lists it as not-ai.
      return new CommitVerdict(change, ai, claims, List.of(new Violation(HEURISTIC_RULE, "", Action.WARN,
          "possibly AI: " + ai.get(0).evidence() + " is neither a catalogued AI tool nor known automation",
          "add it to ai.tools if it is an AI agent, or to ai.not-ai if it is not", false)));
    }
    // By identity: a record's hashCode would bootstrap through invokedynamic on every hook run.
    List<ToolSignature> tools = new ArrayList<>();
    for (Evidence e : ai) {
      if (tools.stream().noneMatch(t -> t == e.tool())) {
        tools.add(e.tool());
      }
    }
    Map<String, Violation> violations = new LinkedHashMap<>();
    boolean trailerOnly = false;
    for (FileChange f : change.files()) {
      for (String path : f.paths()) {
        Optional<Rule> rule = isLink(f) ? policy.ruleForLink(path, tools) : policy.ruleFor(path, tools);
        Action action = rule.map(Rule::action).orElse(policy.defaultAction());
        String ruleId = rule.map(Rule::id).orElse(DEFAULT_RULE);
        String ruleMessage = rule.map(Rule::message).orElse("");
        if (path.equals(Policy.FILE_NAME) && (action == Action.ALLOW || action == Action.WARN)) {
          // The policy guards itself: an AI change to it needs review whatever the rules say.
          action = Action.REQUIRE_REVIEW;
          ruleId = POLICY_FILE_RULE;
          ruleMessage = "";
        }
        long valid = validReviewers(claims, f, path);
        if (action == Action.REQUIRE_REVIEW && valid >= policy.review().required()
            && signedReviewers(claims, f, path) < policy.review().required()) {
          trailerOnly = true;
        }
        violation(ruleId, ruleMessage, action, path, who(tools, ai), valid, change, claims)
            .ifPresent(v -> violations.putIfAbsent(v.rule() + "\0" + v.path(), v));
      }
    }
    List<Violation> all = new ArrayList<>();
    undisclosed(change, tools).ifPresent(all::add);
    all.addAll(violations.values());
    if (trailerOnly && policy.review().evidence() == ReviewPolicy.Evidence.EITHER) {
      // Migration: the trailer still counts, and the report says what will be needed.
      all.add(new Violation(REVIEW_EVIDENCE_RULE, "", Action.WARN,
          "reviewed by trailer only; under review.evidence: signed this commit would need a signed review ("
              + signCommand(change) + ")", signCommand(change), false));
    }
    return new CommitVerdict(change, ai, claims, all);
  }

  /** Under {@code evidence: signed} a trailer is text anyone can type: it stays visible, and does not count. */
  private List<Review> underEvidenceRule(List<Review> claims) {
    if (policy.review().evidence() != ReviewPolicy.Evidence.SIGNED) {
      return claims;
    }
    List<Review> out = new ArrayList<>(claims.size());
    for (Review r : claims) {
      out.add(r.kind() == Review.Kind.TRAILER && r.valid()
          ? r.withOutcome(new Review.NotCounted(Review.Reason.NOT_SIGNED, "a " + r.key() + " trailer is not evidence"
              + " under review.evidence: signed; only a signed review counts"))
          : r);
    }
    return out;
  }

  /** The exact command a reviewer runs to sign a review of {@code change}. */
  private String signCommand(Change change) {
    String id = change.id() == null || change.id().isEmpty() ? "<commit>" : change.id();
    return "have a reviewer who is not the author run 'aigate review sign " + id
        + target.map(t -> " --target " + t).orElse("") + "' and 'aigate review push'";
  }

  /**
   * On a protected ref, a change to the policy file needs a valid human review whether or not it
   * carries AI evidence: where the gate reads the committed policy, an unreviewed human commit
   * could otherwise loosen the rules the next push is judged by.
   *
   * @param judged the change's verdict (it touches {@link #Policy.FILE_NAME})
   */
  public CommitVerdict requireReviewOfPolicyChange(CommitVerdict judged) {
    boolean alreadyJudged = judged.violations().stream().anyMatch(v -> v.path().equals(Policy.FILE_NAME));
    int required = Math.max(1, policy.review().required());
    FileChange policyFile = judged.change().files().stream().filter(f -> f.paths().contains(Policy.FILE_NAME))
        .findFirst().orElse(new FileChange(FileChange.Kind.MODIFY, Policy.FILE_NAME, null, FileChange.EntryType.FILE, List.of()));
    long found = validReviewers(judged.reviews(), policyFile, Policy.FILE_NAME);
    if (alreadyJudged || found >= required) {
      return judged;
    }
    List<Violation> all = new ArrayList<>(judged.violations());
    all.add(new Violation(POLICY_FILE_RULE, Policy.FILE_NAME, Action.REQUIRE_REVIEW,
        "a change to the policy file on a protected ref needs " + required + " human review"
            + (required == 1 ? "" : "s") + ", AI-attributed or not; found " + found + notSigned(judged.reviews()),
        reviewFix(judged.change()), policy.mode() == Mode.ENFORCE));
    return new CommitVerdict(judged.change(), judged.ai(), judged.reviews(), all, judged.ref());
  }

  /**
   * Distinct people among the valid reviews that cover {@code path} of {@code file}: principals
   * and e-mails, not keys or lines. A review scoped to paths covers an alias (a symlink, another
   * spelling) only if it also covers the tree path that holds the content: its patch digest and
   * the diff its reviewer was shown hold only the tree paths of its scope.
   */
  private long validReviewers(List<Review> reviews, FileChange file, String path) {
    return reviews.stream().filter(r -> r.valid() && covers(r, file, path)).map(this::person).distinct().count();
  }

  private long signedReviewers(List<Review> reviews, FileChange file, String path) {
    return reviews.stream().filter(r -> r.valid() && r.kind() == Review.Kind.SIGNED && covers(r, file, path))
        .map(this::person).distinct().count();
  }

  /** A symlink or submodule: a checkout shows other content below its path. */
  private static boolean isLink(FileChange f) {
    return f.entryType() == FileChange.EntryType.SYMLINK || f.entryType() == FileChange.EntryType.SUBMODULE;
  }

  private static boolean covers(Review r, FileChange file, String path) {
    return r.covers(path) && (file.aliasOf() == null || r.covers(file.aliasOf()));
  }

  private String person(Review r) {
    ReviewPolicy.PlusAddressing plus = policy.review().plusAddressing();
    if (r.kind() == Review.Kind.SIGNED) {
      return r.reviewer().contains("@") ? Addresses.canonical(r.reviewer(), plus)
          : "principal:" + r.reviewer().toLowerCase(Locale.ROOT);
    }
    return Addresses.canonical(Identity.parse(r.reviewer()).email(), plus);
  }

  /** Why trailers did not count, when they would have: the pusher should not wonder. */
  private String notSigned(List<Review> reviews) {
    return reviews.stream().anyMatch(r -> r.outcome() instanceof Review.NotCounted n && n.reason() == Review.Reason.NOT_SIGNED)
        ? " (Reviewed-by trailers are not evidence under review.evidence: signed)" : "";
  }

  /** An AI-attributed commit must say so itself when the policy asks for a disclosure trailer. */
  private Optional<Violation> undisclosed(Change change, List<ToolSignature> tools) {
    List<String> keys = policy.ai().disclosure();
    if (keys.isEmpty() || change.trailers().stream().anyMatch(t -> keys.stream().anyMatch(t::hasKey))) {
      return Optional.empty();
    }
    return Optional.of(new Violation(DISCLOSURE_RULE, "", Action.REQUIRE_DISCLOSURE,
        "AI-attributed change (" + describe(tools) + ") does not disclose it with a " + String.join(" or ", keys)
            + " trailer",
        "add the trailer '" + keys.get(0) + ": <tool>:<model>' (for example '" + keys.get(0)
            + ": Claude:claude-opus-4') as the message's last paragraph",
        policy.mode() == Mode.ENFORCE));
  }

  private Optional<Violation> violation(String rule, String ruleMessage, Action action, String path,
      String who, long validReviews, Change change, List<Review> claims) {
    boolean enforce = policy.mode() == Mode.ENFORCE;
    int required = policy.review().required();
    return switch (action) {
      case ALLOW, REQUIRE_DISCLOSURE -> Optional.empty();
      case WARN -> Optional.of(new Violation(rule, path, action,
          orDefault(ruleMessage, "AI-attributed change (" + who + ")"), "none needed; this rule only warns", false));
      case REQUIRE_REVIEW -> validReviews >= required ? Optional.empty()
          : Optional.of(new Violation(rule, path, action,
              orDefault(ruleMessage, "AI-attributed change (" + who + ") needs " + required
                  + " human review" + (required == 1 ? "" : "s") + ", found " + validReviews) + notSigned(claims),
              reviewFix(change), enforce));
      case DENY -> Optional.of(new Violation(rule, path, action,
          orDefault(ruleMessage, "AI-attributed changes (" + who + ") are not allowed here"),
          "take this path out of the AI-attributed change; a review does not lift a deny rule", enforce));
    };
  }

  private String reviewFix(Change change) {
    String key = policy.review().trailers().isEmpty() ? "Reviewed-by" : policy.review().trailers().get(0);
    String allowed = policy.review().reviewers().toString();
    String trailer = "add the trailer '" + key + ": Name <email>' of an allowed reviewer " + allowed
        + " who is not the author, as the message's last paragraph";
    return switch (policy.review().evidence()) {
      case TRAILER -> policy.review().signedReviews() ? trailer + ", or " + signCommand(change) : trailer;
      case EITHER -> signCommand(change) + " (a '" + key + ":' trailer still counts during migration)";
      case SIGNED -> signCommand(change);
    };
  }

  /** The tools, and for a change AI only by provenance, where its lines came from. */
  private static String who(List<ToolSignature> tools, List<Evidence> ai) {
    List<Evidence> moved = ai.stream().filter(e -> e.signal() == Signal.PROVENANCE).toList();
    if (moved.isEmpty() || moved.size() < ai.size()) {
      return describe(tools);
    }
    return describe(tools) + " by provenance: " + moved.get(0).evidence()
        + (moved.size() == 1 ? "" : " and " + (moved.size() - 1) + " more");
  }

  private static String describe(List<ToolSignature> tools) {
    Set<String> ids = new LinkedHashSet<>();
    // A model behind a named tool is an unknown tool of the model's vendor: say whose.
    tools.forEach(t -> ids.add(t.id().equals(ToolSignature.UNKNOWN) && !t.vendor().equals(ToolSignature.UNKNOWN)
        ? t.id() + " (" + t.vendor() + ")" : t.id()));
    return String.join(", ", ids);
  }

  private static String orDefault(String message, String fallback) {
    return message == null || message.isBlank() ? fallback : message;
  }

  /** The review claims of {@code change}, judged with this policy's rules. */
  public List<Review> reviewsOf(Change change, List<ReviewChecker.Ineligible> ineligible) {
    return reviews.check(change, ineligible);
  }

  /** A verified signed review of {@code change}, judged by the same independence rules as trailers. */
  public Review signedReview(Change change, List<String> principals, PathSet scope, String how,
      List<ReviewChecker.Ineligible> ineligible) {
    return reviews.checkSigned(change, principals, scope, how, ineligible);
  }

  public AiDetector detector() {
    return detector;
  }
}
