package dev.aigate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evaluator;
import dev.aigate.detect.Violation;
import dev.aigate.git.Change;
import dev.aigate.git.FileChange;
import dev.aigate.git.Identity;
import dev.aigate.git.TrailerParser;
import dev.aigate.git.TrailerSyntax;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each example policy in policies/ blocks and passes what its comments claim. */
class ExamplePolicyScenariosTest {
  private static final Identity DEV = new Identity("Dana Dev", "dana@example.com");
  private static final String CLAUDE = "Co-Authored-By: Claude <noreply@anthropic.com>";
  private static final String CODEX = "Co-authored-by: Codex <noreply@openai.com>";
  private static final String INHOUSE = "Co-authored-by: Assistant <assistant@example.com>";

  private static String verdict(String policy, String message, String... paths) throws Exception {
    return verdict(policy, message, Map.of(), paths);
  }

  /** "pass", or the blocking rules, sorted ("deny:no-rival-ai-in-training-data"). */
  private static String verdict(String policy, String message, Map<String, String> env, String... paths) throws Exception {
    Policy p = PolicyLoader.load(Path.of("policies", policy));
    List<FileChange> files = Arrays.stream(paths)
        .map(x -> new FileChange(FileChange.Kind.MODIFY, x, null, FileChange.EntryType.FILE, List.of())).toList();
    Change c = new Change("a".repeat(40), DEV, DEV, message, new TrailerParser(TrailerSyntax.DEFAULT).parse(message, true), files);
    CommitVerdict v = new Evaluator(p).evaluate(c, env, List.of());
    String blocking = v.violations().stream().filter(Violation::blocking).map(x -> x.rule()).distinct().sorted()
        .collect(Collectors.joining(","));
    return blocking.isEmpty() ? "pass" : blocking;
  }

  private static String msg(String... trailers) {
    return "Change\n\nWhy.\n\n" + String.join("\n", trailers) + "\n";
  }

  @Test
  void defaultPolicyRequiresReviewForAnyAiChange() throws Exception {
    assertEquals("default", verdict("default.yml", msg(CLAUDE), "README.md"));
    assertEquals("pass", verdict("default.yml", msg(CLAUDE, "Reviewed-by: Rita <rita@anywhere.example>"), "README.md"));
    assertEquals("pass", verdict("default.yml", msg("Signed-off-by: Dana Dev <dana@example.com>"), "src/A.java"));
  }

  @Test
  void distillationGuardKeepsRivalOutputOutOfTrainingDataEvenWhenReviewed() throws Exception {
    String reviewed = "Reviewed-by: Rita Reviewer <rita@example.com>";
    assertEquals("no-rival-ai-in-training-data", verdict("distillation-guard.yml", msg(CLAUDE, reviewed), "data/training/x.jsonl"));
    assertEquals("no-rival-ai-in-training-data", verdict("distillation-guard.yml", msg(CODEX, reviewed), "evals/set/q.json"));
    assertEquals("no-rival-ai-in-training-data", verdict("distillation-guard.yml", msg("Assisted-by: Foo:bar-model"), "tests/tasks/t1.md"));
  }

  @Test
  void distillationGuardAllowsTheInHouseAssistantInDataButNotAlongsideARival() throws Exception {
    assertEquals("pass", verdict("distillation-guard.yml", msg(INHOUSE), "data/training/x.jsonl"));
    assertEquals("no-rival-ai-in-training-data", verdict("distillation-guard.yml", msg(INHOUSE, CLAUDE), "data/training/x.jsonl"));
  }

  @Test
  void distillationGuardRequiresReviewForCoreCodeFromAnyAi() throws Exception {
    assertEquals("core-review", verdict("distillation-guard.yml", msg(INHOUSE), "src/Main.java"));
    assertEquals("pass", verdict("distillation-guard.yml", msg(INHOUSE, "Reviewed-by: Rita <rita@example.com>"), "src/Main.java"));
    assertEquals("pass", verdict("distillation-guard.yml", msg(CLAUDE), "src/generated/Parser.java", "docs/x.md"));
  }

  @Test
  void disclosurePolicyWantsAssistedByAndAMaintainersReview() throws Exception {
    String maintainer = "Reviewed-by: Max Maintainer <max@project.example>";
    assertEquals("default,disclosure", verdict("assisted-by-disclosure.yml", msg(CLAUDE), "src/a.c"));
    assertEquals("disclosure", verdict("assisted-by-disclosure.yml", msg(CLAUDE, maintainer), "src/a.c"));
    assertEquals("default", verdict("assisted-by-disclosure.yml", msg("Assisted-by: Claude:claude-opus-4"), "src/a.c"));
    assertEquals("pass", verdict("assisted-by-disclosure.yml", msg("Assisted-by: Claude:claude-opus-4", maintainer), "src/a.c"));
    assertEquals("disclosure", verdict("assisted-by-disclosure.yml", msg("Plain"), Map.of("GEMINI_CLI", "1"), "docs/x.md"));
    assertEquals("pass", verdict("assisted-by-disclosure.yml", msg("Assisted-by: Jane Doe"), "src/a.c"), "a human's credit is not AI");
  }

  @Test
  void noAiPolicyRejectsAiEverywhereReviewedOrNot() throws Exception {
    assertEquals("default", verdict("no-ai.yml", msg(CLAUDE, "Reviewed-by: Rita <rita@example.com>"), "docs/README.md"));
    assertEquals("default", verdict("no-ai.yml", msg("Assisted-by: Cursor"), "anything.txt"));
    assertEquals("pass", verdict("no-ai.yml", msg("Signed-off-by: Dana Dev <dana@example.com>"), "src/a.c"));
  }
}
