package dev.aigate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.git.Change;
import dev.aigate.git.FileChange;
import dev.aigate.git.Identity;
import dev.aigate.git.Trailer;
import dev.aigate.git.TrailerParser;
import dev.aigate.git.TrailerSyntax;
import dev.aigate.policy.Action;
import dev.aigate.policy.Policy;
import dev.aigate.policy.PolicyLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final Identity JANE = new Identity("Jane Dev", "jane@example.com");
  private static final String CLAUDE = "Co-Authored-By: Claude <noreply@anthropic.com>";
  private static final String POLICY = """
      version: 1
      review:
        trailers: [Reviewed-by, Approved-by]
        reviewers: ["*@example.com"]
        required: 1
      rules:
        - {id: rival-data, paths: ["data/training/**"], vendors: [openai, anthropic], action: deny, message: "no rival output in training data"}
        - {id: generated, paths: ["src/generated/**"], action: allow}
        - {id: core, paths: ["src/**"], action: require-review}
        - {id: docs, paths: ["docs/**"], action: warn}
      default: allow
      """;

  private final Evaluator evaluator = new Evaluator(parse(POLICY));

  @Test
  void unreviewedAiChangeToAProtectedPathIsBlockedWithAFix() {
    CommitVerdict v = evaluate(message(CLAUDE), "src/Main.java");
    assertTrue(v.blocked());
    Violation only = v.violations().get(0);
    assertEquals("core", only.rule());
    assertEquals("src/Main.java", only.path());
    assertEquals(Action.REQUIRE_REVIEW, only.action());
    assertTrue(only.fix().contains("Reviewed-by: Name <email>"), only.fix());
  }

  @Test
  void reviewByAnAllowedHumanPasses() {
    CommitVerdict v = evaluate(message(CLAUDE, "Reviewed-by: Bob Lee <bob@example.com>"), "src/Main.java");
    assertFalse(v.blocked());
    assertTrue(v.reviews().get(0).valid());
  }

  @Test
  void anyConfiguredReviewKeyCountsCaseInsensitively() {
    assertFalse(evaluate(message(CLAUDE, "APPROVED-BY: Bob Lee <bob@example.com>"), "src/Main.java").blocked());
  }

  @Test
  void selfReviewAiReviewerOutsiderAndNamelessReviewsDoNotCount() {
    CommitVerdict v = evaluate(message(CLAUDE,
        "Reviewed-by: Jane Dev <JANE@example.com>",
        "Reviewed-by: Claude <noreply@anthropic.com>",
        "Reviewed-by: Mallory <mallory@evil.example>",
        "Reviewed-by: Bob Lee"), "src/Main.java");
    assertTrue(v.blocked());
    List<String> reasons = v.reviews().stream().map(Review::reason).toList();
    assertEquals(List.of(
        "the reviewer is the commit's author",
        "the reviewer is an AI identity (claude-code)",
        "<mallory@evil.example> is not an allowed reviewer (review.reviewers: [*@example.com])",
        "no e-mail address (write 'Reviewed-by: Name <email>')"), reasons);
  }

  @Test
  void committerCannotReviewEither() {
    Identity bob = new Identity("Bob Lee", "bob@example.com");
    String msg = message(CLAUDE, "Reviewed-by: Bob Lee <bob@example.com>");
    Change c = new Change("1".repeat(40), JANE, bob, msg, trailers(msg), files("src/Main.java"));
    CommitVerdict v = evaluator.evaluate(c, Map.of(), List.of());
    assertTrue(v.blocked());
    assertEquals("the reviewer is the commit's committer", v.reviews().get(0).reason());
  }

  @Test
  void reviewLineOutsideTheTrailerBlockIsReportedAsNotATrailer() {
    String msg = "Add x\n\n" + CLAUDE + "\nReviewed-by: Bob Lee <bob@example.com>\n\nA closing remark.\n";
    CommitVerdict v = evaluate(msg, "src/Main.java");
    assertTrue(v.blocked(), "git reads no trailers here, so there is no review");
    assertEquals(1, v.ai().size(), "but the attribution still counts");
    assertTrue(v.reviews().get(0).reason().startsWith("not a trailer"), v.reviews().get(0).reason());
  }

  @Test
  void theSameReviewerTwiceCountsOnce() throws Exception {
    Evaluator two = new Evaluator(parse(POLICY.replace("required: 1", "required: 2")));
    String msg = message(CLAUDE, "Reviewed-by: Bob <bob@example.com>", "Approved-by: Bob <BOB@example.com>");
    CommitVerdict v = two.evaluate(change(msg, "src/Main.java"), Map.of(), List.of());
    assertTrue(v.blocked());
    assertEquals("duplicate: this reviewer is already counted", v.reviews().get(1).reason());
  }

  @Test
  void denyBlocksEvenWhenReviewed() {
    CommitVerdict v = evaluate(message(CLAUDE, "Reviewed-by: Bob Lee <bob@example.com>"), "data/training/set.jsonl");
    assertTrue(v.blocked());
    assertEquals("rival-data", v.violations().get(0).rule());
    assertEquals("no rival output in training data", v.violations().get(0).message());
  }

  @Test
  void vendorFilteredRuleSkipsOtherVendorsAndTheNextRuleDecides() {
    // Gemini is not a listed vendor: data/training falls through to the default (allow).
    CommitVerdict v = evaluate(message("Co-authored-by: Gemini <gemini-cli@google.com>"), "data/training/set.jsonl");
    assertFalse(v.blocked());
    assertTrue(v.violations().isEmpty());
  }

  @Test
  void firstMatchingRuleDecides() {
    assertFalse(evaluate(message(CLAUDE), "src/generated/Parser.java").blocked());
  }

  @Test
  void warnRulePassesWithAWarning() {
    CommitVerdict v = evaluate(message(CLAUDE), "docs/guide.md");
    assertFalse(v.blocked());
    assertEquals(1, v.violations().size());
    assertFalse(v.violations().get(0).blocking());
  }

  @Test
  void warnModeReportsButNeverBlocks() throws Exception {
    Evaluator warn = new Evaluator(parse(POLICY.replace("version: 1", "version: 1\nmode: warn")));
    CommitVerdict v = warn.evaluate(change(message(CLAUDE), "src/Main.java"), Map.of(), List.of());
    assertFalse(v.blocked());
    assertEquals(1, v.violations().size());
  }

  @Test
  void humanChangesAlwaysPass() {
    CommitVerdict v = evaluate(message("Signed-off-by: Jane Dev <jane@example.com>"), "data/training/x", "src/A.java");
    assertFalse(v.isAi());
    assertTrue(v.violations().isEmpty());
  }

  @Test
  void renameOutOfAProtectedPathCountsAtBothEnds() {
    FileChange rename = new FileChange(FileChange.Kind.RENAME, "public/A.java", "src/A.java", FileChange.EntryType.FILE, List.of());
    String msg = message(CLAUDE);
    CommitVerdict v = evaluator.evaluate(new Change("2".repeat(40), JANE, JANE, msg, trailers(msg), List.of(rename)),
        Map.of(), List.of());
    assertTrue(v.blocked());
    assertEquals("src/A.java", v.violations().get(0).path());
  }

  @Test
  void agentEnvironmentAloneMakesTheChangeAi() {
    CommitVerdict v = evaluator.evaluate(change("Plain subject\n", "src/A.java"), Map.of("GEMINI_CLI", "1"), List.of());
    assertTrue(v.blocked());
  }

  @Test
  void extraIneligibleReviewersAreRejectedWithTheGivenReason() {
    String msg = message(CLAUDE, "Reviewed-by: Pat Pusher <pat@example.com>");
    CommitVerdict v = evaluator.evaluate(change(msg, "src/A.java"), Map.of(),
        List.of(new ReviewChecker.Ineligible(new Identity("Pat", "pat@example.com"), "the reviewer is the pusher")));
    assertTrue(v.blocked());
    assertEquals("the reviewer is the pusher", v.reviews().get(0).reason());
  }

  @Test
  void theAuthorReviewingUnderAnotherSpellingIsStillTheAuthor() {
    for (String alias : List.of("jane+review@example.com", "JANE@EXAMPLE.COM", "\uff4aane@example.com")) {
      CommitVerdict v = evaluate(message(CLAUDE, "Reviewed-by: Jane <" + alias + ">"), "src/Main.java");
      assertTrue(v.blocked(), alias);
      Review r = v.reviews().get(0);
      assertEquals(Review.Reason.AUTHOR, ((Review.NotCounted) r.outcome()).reason(), alias);
    }
  }

  @Test
  void aLookAlikeAddressNeverCounts() {
    // A Cyrillic 'а' in place of the Latin 'a': the address renders as jane@example.com.
    CommitVerdict v = evaluate(message(CLAUDE, "Reviewed-by: Jane <j\u0430ne@example.com>"), "src/Main.java");
    assertTrue(v.blocked());
    assertEquals(Review.Reason.NON_ASCII_ADDRESS, ((Review.NotCounted) v.reviews().get(0).outcome()).reason());
  }

  @Test
  void twoSpellingsOfOneReviewerCountOnce() {
    Evaluator two = new Evaluator(parse(POLICY.replace("required: 1", "required: 2")));
    CommitVerdict v = two.evaluate(change(message(CLAUDE, "Reviewed-by: Bob <bob@example.com>",
        "Reviewed-by: Bob <bob+again@example.com>"), "src/Main.java"), Map.of(), List.of());
    assertTrue(v.blocked());
    assertEquals(Review.Reason.DUPLICATE, ((Review.NotCounted) v.reviews().get(1).outcome()).reason());
  }

  @Test
  void withPlusAddressingDistinctATaggedAddressIsSomeoneElse() {
    Evaluator distinct = new Evaluator(parse(POLICY.replace("required: 1", "required: 1\n  plus-addressing: distinct")));
    CommitVerdict v = distinct.evaluate(change(message(CLAUDE, "Reviewed-by: Jane <jane+review@example.com>"),
        "src/Main.java"), Map.of(), List.of());
    assertFalse(v.blocked());
  }

  @Test
  void aDenyRuleOnThePolicyFileStaysADenyWithAReview() {
    Evaluator strict = new Evaluator(parse(POLICY.replace("rules:\n",
        "rules:\n  - {id: no-ai-policy, paths: [\".aigate.yml\"], action: deny}\n")));
    CommitVerdict v = strict.evaluate(change(message(CLAUDE, "Reviewed-by: Bob Lee <bob@example.com>"), ".aigate.yml"),
        Map.of(), List.of());
    assertTrue(v.blocked());
    assertEquals(Action.DENY, v.violations().get(0).action());
    assertEquals("no-ai-policy", v.violations().get(0).rule());
  }

  @Test
  void anAiChangeToThePolicyFileNeedsAReviewEvenWhereRulesAllow() {
    CommitVerdict v = evaluate(message(CLAUDE), ".aigate.yml");
    assertTrue(v.blocked());
    assertEquals(Evaluator.POLICY_FILE_RULE, v.violations().get(0).rule());
    assertEquals(Action.REQUIRE_REVIEW, v.violations().get(0).action());
  }

  @Test
  void aVendorRuleAppliesWhenAnyToolOfTheCommitIsListed() {
    // Claude (anthropic) plus a co-author the rule does not list: the deny still applies.
    CommitVerdict v = evaluate(message(CLAUDE, "Co-authored-by: aider (gpt-4o) <noreply@aider.chat>"),
        "data/training/set.jsonl");
    assertTrue(v.blocked());
    assertEquals("rival-data", v.violations().get(0).rule());
  }

  @Test
  void aHumanChangeToThePolicyFileNeedsAReviewWhenTheGateAsksForIt() {
    CommitVerdict human = evaluate(message("Signed-off-by: Jane Dev <jane@example.com>"), ".aigate.yml");
    assertFalse(human.blocked(), "without the gate's rule a human change passes");
    CommitVerdict guarded = evaluator.requireReviewOfPolicyChange(human);
    assertTrue(guarded.blocked());
    CommitVerdict reviewed = evaluator.requireReviewOfPolicyChange(
        evaluate(message("Reviewed-by: Bob Lee <bob@example.com>"), ".aigate.yml"));
    assertFalse(reviewed.blocked());
  }

  @Test
  void aVendorFilteredDenyCatchesAiOfUnknownVendorUnlessTheRuleExemptsIt() {
    CommitVerdict v = evaluate(message("Generated-by: some-new-agent"), "data/training/set.jsonl");
    assertTrue(v.blocked(), v.toString());
    assertEquals("rival-data", v.violations().get(0).rule());
    Evaluator exempt = new Evaluator(parse(POLICY.replace("action: deny, message:", "action: deny, unknown-vendor: exempt, message:")));
    CommitVerdict e = exempt.evaluate(change(message("Generated-by: some-new-agent"), "data/training/set.jsonl"),
        Map.of(), List.of());
    assertFalse(e.violations().stream().anyMatch(x -> x.rule().equals("rival-data")), e.toString());
  }

  @Test
  void everyToolOfAMultiToolCommitIsJudgedNotOnlyTheFirst() {
    // The rule lists only the second tool's vendor: it still decides.
    Evaluator onlyOpenAi = new Evaluator(parse(POLICY.replace("vendors: [openai, anthropic]", "vendors: [openai]")));
    CommitVerdict v = onlyOpenAi.evaluate(change(message(CLAUDE, "Co-authored-by: Codex <noreply@openai.com>"),
        "data/training/set.jsonl"), Map.of(), List.of());
    assertEquals("rival-data", v.violations().get(0).rule(), v.toString());
    assertTrue(v.violations().get(0).message().contains("no rival output"), v.toString());
    CommitVerdict core = evaluate(message(CLAUDE, "Co-authored-by: Codex <noreply@openai.com>"), "src/A.java");
    String text = core.violations().get(0).message();
    assertTrue(text.contains("claude-code") && text.contains("codex"), text);
  }

  @Test
  void twoDistinctReviewersMeetARequirementOfTwo() {
    Evaluator two = new Evaluator(parse(POLICY.replace("required: 1", "required: 2")));
    CommitVerdict v = two.evaluate(change(message(CLAUDE, "Reviewed-by: Bob <bob@example.com>",
        "Reviewed-by: Ann <ann@example.com>"), "src/Main.java"), Map.of(), List.of());
    assertFalse(v.blocked(), v.toString());
  }

  @Test
  void theReviewFixNamesThePolicysFirstReviewTrailer() {
    Evaluator approved = new Evaluator(parse(POLICY.replace("trailers: [Reviewed-by, Approved-by]",
        "trailers: [Approved-by, Reviewed-by]")));
    CommitVerdict v = approved.evaluate(change(message(CLAUDE), "src/Main.java"), Map.of(), List.of());
    assertTrue(v.violations().get(0).fix().startsWith("add the trailer 'Approved-by: Name <email>'"),
        v.violations().get(0).fix());
  }

  @Test
  void anAiCommitWithoutTheDisclosureTrailerIsReportedOnceAndADisclosedOneIsNot() {
    Evaluator disclose = new Evaluator(parse(POLICY + "ai: {disclosure: [Assisted-by]}\n"));
    CommitVerdict undisclosed = disclose.evaluate(change(message(CLAUDE, "Reviewed-by: Bob <bob@example.com>"),
        "src/Main.java"), Map.of(), List.of());
    assertEquals(1, undisclosed.violations().size(), undisclosed.toString());
    Violation d = undisclosed.violations().get(0);
    assertEquals(Evaluator.DISCLOSURE_RULE, d.rule());
    assertEquals(Action.REQUIRE_DISCLOSURE, d.action());
    assertTrue(d.message().contains("claude-code") && d.message().contains("Assisted-by"), d.message());
    CommitVerdict disclosed = disclose.evaluate(change(message(CLAUDE, "Assisted-by: Claude:claude-opus-4",
        "Reviewed-by: Bob <bob@example.com>"), "src/Main.java"), Map.of(), List.of());
    assertTrue(disclosed.violations().isEmpty(), disclosed.toString());
    CommitVerdict human = disclose.evaluate(change(message("Signed-off-by: Jane Dev <jane@example.com>"),
        "src/Main.java"), Map.of(), List.of());
    assertTrue(human.violations().isEmpty(), "only AI-attributed commits must disclose");
  }

  @Test
  void theGatesPolicyFileRuleDoesNotReportAnAlreadyJudgedPolicyChangeTwice() {
    CommitVerdict judged = evaluate(message(CLAUDE), ".aigate.yml");
    CommitVerdict guarded = evaluator.requireReviewOfPolicyChange(judged);
    assertEquals(1, guarded.violations().size(), guarded.toString());
  }

  @Test
  void aReviewerWhoseAddressHoldsTheAuthorsLookAlikeLettersIsTheAuthor() {
    // The author's address has a Cyrillic 'а' (the confusables table's first entry); the
    // reviewer's plain ASCII spelling of it is the same person.
    Identity lookAlike = new Identity("Jane", "j\u0430ne@example.com");
    String msg = message(CLAUDE, "Reviewed-by: Jane <jane@example.com>");
    CommitVerdict v = evaluator.evaluate(new Change("3".repeat(40), lookAlike, lookAlike, msg, trailers(msg),
        files("src/Main.java")), Map.of(), List.of());
    assertTrue(v.blocked(), v.toString());
    Review.NotCounted r = (Review.NotCounted) v.reviews().get(0).outcome();
    assertEquals(Review.Reason.AUTHOR, r.reason());
    assertTrue(v.reviews().get(0).reason().contains("once case, +tags and look-alike letters are normalised"),
        v.reviews().get(0).reason());
  }

  @Test
  void anIneligibleLoginMatchesTheReviewersNameOrLocalPartAndNobodyElse() {
    ReviewChecker.Ineligible pusher = new ReviewChecker.Ineligible(new Identity("Pat", "pat@corp.example"), "pat",
        "the reviewer is the pusher");
    for (String reviewer : List.of("Pat Other <pat@example.com>", "pat <p.smith@example.com>")) {
      CommitVerdict v = evaluator.evaluate(change(message(CLAUDE, "Reviewed-by: " + reviewer), "src/A.java"),
          Map.of(), List.of(pusher));
      assertTrue(v.blocked(), reviewer);
      assertTrue(v.reviews().get(0).reason().startsWith("the reviewer is the pusher"), reviewer);
    }
    CommitVerdict other = evaluator.evaluate(change(message(CLAUDE, "Reviewed-by: Bob Lee <bob@example.com>"),
        "src/A.java"), Map.of(), List.of(pusher));
    assertFalse(other.blocked(), other.toString());
    ReviewChecker.Ineligible noLogin = new ReviewChecker.Ineligible(new Identity("Pat", "pat@corp.example"),
        "the reviewer is the pusher");
    CommitVerdict byEmailOnly = evaluator.evaluate(change(message(CLAUDE, "Reviewed-by: Pat <pat@example.com>"),
        "src/A.java"), Map.of(), List.of(noLogin));
    assertFalse(byEmailOnly.blocked(), "without a login only the e-mail identifies the pusher");
  }

  private CommitVerdict evaluate(String message, String... paths) {
    return evaluator.evaluate(change(message, paths), Map.of(), List.of());
  }

  private static Change change(String message, String... paths) {
    return new Change("3".repeat(40), JANE, JANE, message, trailers(message), files(paths));
  }

  private static List<FileChange> files(String... paths) {
    return Arrays.stream(paths)
        .map(p -> new FileChange(FileChange.Kind.MODIFY, p, null, FileChange.EntryType.FILE, List.of())).toList();
  }

  private static List<Trailer> trailers(String message) {
    return new TrailerParser(TrailerSyntax.DEFAULT).parse(message, true);
  }

  private static String message(String... trailerLines) {
    return "Change something\n\nWhy it changes.\n\n" + String.join("\n", trailerLines) + "\n";
  }

  private static Policy parse(String text) {
    try {
      return PolicyLoader.parse(text, "test.yml");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
