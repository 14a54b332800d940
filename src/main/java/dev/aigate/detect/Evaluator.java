package dev.aigate.detect;

import dev.aigate.git.Change;
import dev.aigate.git.FileChange;
import dev.aigate.policy.Action;
import dev.aigate.policy.Mode;
import dev.aigate.policy.Policy;
import dev.aigate.policy.Rule;
import dev.aigate.policy.ToolSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Applies a policy to changes: pure, no I/O, the same for every entry point. */
public final class Evaluator {
  public static final String DEFAULT_RULE = "default";
  public static final String POLICY_FILE_RULE = "policy-file";
  public static final String DISCLOSURE_RULE = "disclosure";
  public static final String HEURISTIC_RULE = "unknown-automation";

  private final Policy policy;
  private final AiDetector detector;
  private final ReviewChecker reviews;

  public Evaluator(Policy policy) {
    this.policy = policy;
    this.detector = new AiDetector(policy.ai());
    this.reviews = new ReviewChecker(policy.review(), detector);
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
    long valid = validReviewers(claims);
    Map<String, Violation> violations = new LinkedHashMap<>();
    for (FileChange f : change.files()) {
      for (String path : f.paths()) {
        Optional<Rule> rule = policy.ruleFor(path, tools);
        Action action = rule.map(Rule::action).orElse(policy.defaultAction());
        String ruleId = rule.map(Rule::id).orElse(DEFAULT_RULE);
        String ruleMessage = rule.map(Rule::message).orElse("");
        if (path.equals(Policy.FILE_NAME) && (action == Action.ALLOW || action == Action.WARN)) {
          // The policy guards itself: an AI change to it needs review whatever the rules say.
          action = Action.REQUIRE_REVIEW;
          ruleId = POLICY_FILE_RULE;
          ruleMessage = "";
        }
        violation(ruleId, ruleMessage, action, path, who(tools, ai), valid)
            .ifPresent(v -> violations.putIfAbsent(v.rule() + "\0" + v.path(), v));
      }
    }
    List<Violation> all = new ArrayList<>();
    undisclosed(change, tools).ifPresent(all::add);
    all.addAll(violations.values());
    return new CommitVerdict(change, ai, claims, all);
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
    if (alreadyJudged || validReviewers(judged.reviews()) >= required) {
      return judged;
    }
    List<Violation> all = new ArrayList<>(judged.violations());
    all.add(new Violation(POLICY_FILE_RULE, Policy.FILE_NAME, Action.REQUIRE_REVIEW,
        "a change to the policy file on a protected ref needs " + required + " human review"
            + (required == 1 ? "" : "s") + ", AI-attributed or not; found " + validReviewers(judged.reviews()),
        reviewFix(), policy.mode() == Mode.ENFORCE));
    return new CommitVerdict(judged.change(), judged.ai(), judged.reviews(), all, judged.ref());
  }

  private long validReviewers(List<Review> reviews) {
    return reviews.stream().filter(Review::valid)
        .map(r -> Addresses.canonical(dev.aigate.git.Identity.parse(r.reviewer()).email(), policy.review().plusAddressing()))
        .distinct().count();
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

  private Optional<Violation> violation(
      String rule, String ruleMessage, Action action, String path, String who, long validReviews) {
    boolean enforce = policy.mode() == Mode.ENFORCE;
    int required = policy.review().required();
    return switch (action) {
      case ALLOW, REQUIRE_DISCLOSURE -> Optional.empty();
      case WARN -> Optional.of(new Violation(rule, path, action,
          orDefault(ruleMessage, "AI-attributed change (" + who + ")"), "none needed; this rule only warns", false));
      case REQUIRE_REVIEW -> validReviews >= required ? Optional.empty()
          : Optional.of(new Violation(rule, path, action,
              orDefault(ruleMessage, "AI-attributed change (" + who + ") needs " + required
                  + " human review" + (required == 1 ? "" : "s") + ", found " + validReviews),
              reviewFix(), enforce));
      case DENY -> Optional.of(new Violation(rule, path, action,
          orDefault(ruleMessage, "AI-attributed changes (" + who + ") are not allowed here"),
          "take this path out of the AI-attributed change; a review does not lift a deny rule", enforce));
    };
  }

  private String reviewFix() {
    String key = policy.review().trailers().isEmpty() ? "Reviewed-by" : policy.review().trailers().get(0);
    String allowed = policy.review().reviewers().toString();
    return "add the trailer '" + key + ": Name <email>' of an allowed reviewer " + allowed
        + " who is not the author, as the message's last paragraph";
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
    tools.forEach(t -> ids.add(t.id()));
    return String.join(", ", ids);
  }

  private static String orDefault(String message, String fallback) {
    return message == null || message.isBlank() ? fallback : message;
  }

  /** The review claims of {@code change}, judged with this policy's rules. */
  public List<Review> reviewsOf(Change change, List<ReviewChecker.Ineligible> ineligible) {
    return reviews.check(change, ineligible);
  }

  public AiDetector detector() {
    return detector;
  }
}
