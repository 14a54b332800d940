package dev.aigate.policy;

import java.util.List;
import java.util.Optional;

/**
 * An immutable, validated policy.
 *
 * @param version schema version (1)
 * @param mode enforce or warn
 * @param review who counts as a human reviewer
 * @param ai what counts as AI provenance
 * @param rules ordered rules; for each path the first rule that covers it and applies decides
 * @param defaultAction what happens to paths no rule covers
 * @param server how the server-side gate applies it
 * @param origin where the policy came from (a file path, or {@code <embedded default>})
 */
public record Policy(
    int version, Mode mode, ReviewPolicy review, AiPolicy ai, List<Rule> rules, Action defaultAction,
    ServerPolicy server, String origin) {
  /**
   * The policy file's name at a repository's root: read by the hooks (from the index), by CI
   * (at the base), and by the server gate (as committed before the push) unless pinned; any change
   * to it on a protected ref needs a human review.
   */
  public static final String FILE_NAME = ".aigate.yml";

  public Policy {
    rules = List.copyOf(rules);
  }

  /**
   * This policy without provenance across commits: for re-judging commits that are already in
   * history, whose lines the AI line index already holds.
   */
  public Policy withoutProvenance() {
    ProvenancePolicy p = ai.provenance();
    AiPolicy off = new AiPolicy(ai.builtin(), ai.tools(), ai.content(), ai.environment(), ai.catalogue(),
        ai.disclosure(), ai.notAi(), new ProvenancePolicy(false, p.minRun(), p.minRunChars(), p.minShare(),
            p.minDistinct(), p.window()));
    return new Policy(version, mode, review, off, rules, defaultAction, server, origin);
  }

  /** The rule that decides {@code path} for an AI change by {@code tools}, if any. */
  public Optional<Rule> ruleFor(String path, List<ToolSignature> tools) {
    for (Rule r : rules) {
      if (r.paths().matches(path) && r.appliesTo(tools)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * The rule that decides a symlink or submodule at {@code path}, if any (else the default):
   * a checkout shows what it points at below {@code path}, so the strictest of the rule (or
   * default) for {@code path} itself and of every rule that may cover a path below it.
   * {@code evals/**: deny} holds for a link named {@code evals}.
   */
  public Optional<Rule> ruleForLink(String path, List<ToolSignature> tools) {
    Optional<Rule> chosen = ruleFor(path, tools);
    if (chosen.isPresent() && chosen.get().paths().decidesBelow(path)) {
      // The first rule covers the path as a directory: every path below it is that rule's too.
      return chosen;
    }
    Action strictest = chosen.map(Rule::action).orElse(defaultAction);
    for (Rule r : rules) {
      if (r.action().compareTo(strictest) > 0 && r.appliesTo(tools) && r.paths().mayMatchBelow(path)) {
        strictest = r.action();
        chosen = Optional.of(r);
      }
    }
    return chosen;
  }
}
