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
    List<Evidence> ai = detector.detect(change, environment);
    List<Review> claims = reviews.check(change, ineligible);
    if (ai.isEmpty()) {
      return new CommitVerdict(change, ai, claims, List.of());
    }
    List<ToolSignature> tools = new ArrayList<>(new LinkedHashSet<>(ai.stream().map(Evidence::tool).toList()));
    long valid = claims.stream().filter(Review::valid).count();
    Map<String, Violation> violations = new LinkedHashMap<>();
    for (FileChange f : change.files()) {
      for (String path : f.paths()) {
        Optional<Rule> rule = policy.ruleFor(path, tools);
        Action action = rule.map(Rule::action).orElse(policy.defaultAction());
        String ruleId = rule.map(Rule::id).orElse(DEFAULT_RULE);
        String ruleMessage = rule.map(Rule::message).orElse("");
        violation(ruleId, ruleMessage, action, path, tools, valid)
            .ifPresent(v -> violations.putIfAbsent(v.rule() + "\0" + v.path(), v));
      }
    }
    return new CommitVerdict(change, ai, claims, new ArrayList<>(violations.values()));
  }

  private Optional<Violation> violation(
      String rule, String ruleMessage, Action action, String path, List<ToolSignature> tools, long validReviews) {
    boolean enforce = policy.mode() == Mode.ENFORCE;
    String who = describe(tools);
    int required = policy.review().required();
    return switch (action) {
      case ALLOW -> Optional.empty();
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
    return "have a reviewer who is not the author add the trailer '" + key + ": Name <email>' as the last paragraph"
        + " of the message (allowed reviewers: " + allowed + ")";
  }

  private static String describe(List<ToolSignature> tools) {
    Set<String> ids = new LinkedHashSet<>();
    tools.forEach(t -> ids.add(t.id()));
    return String.join(", ", ids);
  }

  private static String orDefault(String message, String fallback) {
    return message == null || message.isBlank() ? fallback : message;
  }

  public AiDetector detector() {
    return detector;
  }
}
