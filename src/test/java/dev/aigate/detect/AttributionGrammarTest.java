package dev.aigate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.git.Change;
import dev.aigate.git.FileChange;
import dev.aigate.git.Identity;
import dev.aigate.git.TrailerParser;
import dev.aigate.git.TrailerSyntax;
import dev.aigate.policy.Action;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.Policy;
import dev.aigate.policy.PolicyLoader;
import dev.aigate.policy.PolicyWriter;
import dev.aigate.policy.ToolSignature;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attribution grammar (docs/detection.md, ADR 0011), one case per convention and per trap.
 * Every line here is written from a documented convention (ai-signatures.tsv, vendors' docs) or
 * made up to have the shape; none is copied from a fetched history.
 */
class AttributionGrammarTest {
  private static final Identity JANE = new Identity("Jane Dev", "jane@example.com");
  private final AiDetector detector = new AiDetector(PolicyLoader.embeddedDefault().ai());

  /** Message body line -> "tool/kind/confidence" of each detection, sorted; "" for none. */
  static Stream<Arguments> lines() {
    return Stream.of(
        // Co-author trailers: the tool by e-mail, by name, or by the vendor's noreply address.
        Arguments.of("Co-authored-by: GPT-5 Codex <codex@openai.com>", "codex/co-author/attribution"),
        Arguments.of("Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>", "claude-code/co-author/attribution"),
        Arguments.of("Co-authored-by: Claude Code <support@anthropic.com>", "claude-code/co-author/attribution"),
        Arguments.of("Co-authored-by: Cursor Agent <cursor-agent@cursor.sh>", "cursor/co-author/attribution"),
        Arguments.of("Co-authored-by: x-ai/grok-4.5 <noreply@opencode.ai>", "opencode/co-author/attribution unknown/co-author/attribution"),
        Arguments.of("Co-authored-by: Antigravity (Google DeepMind) <noreply@google.com>", "antigravity/co-author/attribution"),
        Arguments.of("Co-authored-by: Crush <crush@charm.land>", "crush/co-author/attribution"),
        Arguments.of("Co-authored-by: Firebender <help@firebender.com>", "firebender/co-author/attribution"),
        Arguments.of("Co-authored-by: Copilot Autofix powered by AI <62310815+github-advanced-security[bot]@users.noreply.github.com>", "copilot/co-author/attribution"),
        Arguments.of("Co-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>", "coderabbit/co-author/attribution"),
        Arguments.of("Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>", "gemini-code-assist/co-author/attribution"),
        Arguments.of("coauthored by: Claude Sonnet 4.5 <noreply@anthropic.com>", "claude-code/co-author/attribution"),
        // aider names models in brackets: the tool is aider, not Codex or Gemini.
        Arguments.of("Co-authored-by: aider (gpt-5.2-codex) <aider@aider.chat>", "aider/co-author/attribution unknown/co-author/attribution"),
        Arguments.of("Co-authored-by: aider (gemini/gemini-2.5-pro) <aider@aider.chat>", "aider/co-author/attribution unknown/co-author/attribution"),
        // A tool nobody catalogued still writes from noreply@: unknown, heuristic.
        Arguments.of("Co-authored-by: Hopper <noreply@hopper-agent.dev>", "unknown/co-author/heuristic"),
        Arguments.of("Co-authored-by: brand-new-agent[bot] <123+brand-new-agent[bot]@users.noreply.github.com>", "unknown/co-author/heuristic"),
        // A model-shaped name is AI whatever the address.
        Arguments.of("Co-authored-by: GPT-4o <bot@example.com>", "unknown/co-author/attribution"),
        // Disclosures: a tool, a model, both, or only "AI".
        Arguments.of("Assisted-by: glm-5.1 via Crush <crush@charm.land>", "crush/disclosure-trailer/disclosure unknown/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: Claude Sonnet 4.5 via Crush", "crush/disclosure-trailer/disclosure unknown/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: crush:qwen3.7-max", "crush/disclosure-trailer/disclosure unknown/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: GPT-4o (Copilot)", "copilot/disclosure-trailer/disclosure unknown/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: OpenCode (Claude Opus 4)", "opencode/disclosure-trailer/disclosure unknown/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: OpenCode.ai <Opus 4.6>", "opencode/disclosure-trailer/disclosure unknown/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: Claude Code (claude-opus-4-5-20251101)", "claude-code/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: Google Gemini https://gemini.google.com", "gemini/disclosure-trailer/disclosure"),
        Arguments.of("AI-Tools: GitLab Duo, OpenCode", "opencode/disclosure-trailer/disclosure"),
        Arguments.of("AI_Assisted_By: Cursor", "cursor/disclosure-trailer/disclosure"),
        Arguments.of("Assisted By: Windsurf", "windsurf/disclosure-trailer/disclosure"),
        // A model, not the tool: unknown of its vendor (see modelNamesGiveTheirVendor).
        Arguments.of("Made-with: Qwen3-Coder", "unknown/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: Kimi K2", "unknown/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: ChatGPTv5", "unknown/disclosure-trailer/disclosure"),
        Arguments.of("Co-developed-by: deepseek-v3", "unknown/disclosure-trailer/disclosure"),
        Arguments.of("AI-Assisted: yes", "unknown/disclosure-trailer/disclosure"),
        Arguments.of("Assisted-by: AI", "unknown/disclosure-trailer/disclosure"),
        Arguments.of("LLM-Usage: o3 for the tests", "unknown/disclosure-trailer/disclosure"),
        // Trailers that name a tool by their key, or link an agent's session.
        Arguments.of("Copilot-Session: 0b7c2f1e-1111-4222-8333-944445555666", "copilot/session-trailer/attribution"),
        Arguments.of("Agent-Logs-Url: https://github.com/o/r/sessions/0b7c2f1e", "copilot/session-trailer/attribution"),
        Arguments.of("Junior-Conversation-Id: slack:C0:123", "sentry-junior/session-trailer/attribution"),
        Arguments.of("Cursor-Session: https://cursor.com/agents/bc-1", "cursor/session-trailer/attribution"),
        Arguments.of("Signed-off-by: Claude <noreply@anthropic.com>", "claude-code/other-trailer/attribution"),
        // Markers: the shape, then the tool it names (or unknown, for a link nobody catalogued).
        Arguments.of("💘 Generated with Crush", "crush/marker/attribution"),
        Arguments.of("🤖 Generated with [Hopper](https://hopper-agent.dev)", "unknown/marker/attribution"),
        Arguments.of("🤖 Generated with [Claude Code](https://claude.com/claude-code)", "claude-code/marker/attribution"),
        Arguments.of("Generated with [Devin](https://devin.ai)", "devin/marker/attribution"),
        Arguments.of("_Created with Claude Code_", "claude-code/marker/disclosure"),
        Arguments.of("Generated with the assistance of Claude", "claude-code/marker/disclosure"),
        Arguments.of("Commit message generated by Cursor", "cursor/marker/disclosure"),
        Arguments.of("Tests written by Claude Code (Opus)", "claude-code/marker/disclosure"),
        Arguments.of("Created with GPT-4.5 and Canvas", "unknown/marker/disclosure"),
        Arguments.of("Made with Cursor", "cursor/marker/disclosure"),
        // Links to cloud agents' task and session pages.
        Arguments.of("https://chatgpt.com/codex/tasks/task_e_0123", "codex/agent-link/attribution"),
        Arguments.of("Task: https://jules.google.com/task/1234", "jules/agent-link/attribution"),
        Arguments.of("Devin run: https://app.devin.ai/sessions/abc", "devin/agent-link/attribution"),
        Arguments.of("<a href=\"https://cursor.com/agents/bc-12\">Open in Cursor</a>", "cursor/agent-link/attribution"),
        Arguments.of("https://claude.ai/code/session_01abc", "claude-code/agent-link/attribution"),
        // Transcripts.
        Arguments.of("# Aider chat conversation:", "aider/transcript/attribution"),
        Arguments.of("# Hopper chat transcript", "unknown/transcript/attribution"),
        // Not AI: people, products named in prose, automation, templates.
        Arguments.of("Co-authored-by: Jane Doe <jane@example.com>", ""),
        Arguments.of("Co-authored-by: Claude Shannon <claude@bell-labs.example>", ""),
        Arguments.of("Co-authored-by: Devin Smith <devin@example.com>", ""),
        Arguments.of("Co-authored-by: Kimi Räikkönen <kimi@example.com>", ""),
        Arguments.of("Co-authored-by: Jane <jane@anthropic.com>", ""),
        Arguments.of("Co-authored-by: GitHub <noreply@github.com>", ""),
        Arguments.of("Co-authored-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>", ""),
        Arguments.of("Co-authored-by: pre-commit-ci[bot] <66853113+pre-commit-ci[bot]@users.noreply.github.com>", ""),
        Arguments.of("Assisted-by: Claude Paroz", ""),
        Arguments.of("Co-developed-by: Jane Doe <jane@example.com>", ""),
        Arguments.of("AI-Assisted: no", ""),
        Arguments.of("Reviewed-by: Claude <noreply@anthropic.com>", ""),
        Arguments.of("Assisted-by: AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]", ""),
        Arguments.of("Assisted-by: <tool>", ""),
        Arguments.of("Generated by Django 4.2 on 2024-05-01 10:00", ""),
        Arguments.of("Generated with protoc", ""),
        Arguments.of("Made with love", ""),
        Arguments.of("Generated with Crush line, including validation and default preservation.", ""),
        Arguments.of("Built with Claude API support", ""),
        Arguments.of("Add support for code generated with Cursor", ""),
        Arguments.of("Model: gpt-4o is the default now", ""),
        Arguments.of("llm: add gpt-5 to the model list", ""),
        Arguments.of("AI Agent Detection:", ""),
        Arguments.of("Generated docs: claude-token-counter", ""),
        Arguments.of("<img src=\"https://static.devin.ai/assets/gh-open-in-devin-review.svg\" alt=\"Open with Devin\">", ""));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("lines")
  void line(String line, String expected) {
    assertEquals(expected, found(change("Subject\n\n" + line + "\n", JANE, JANE), Map.of()));
  }

  static Stream<Arguments> subjects() {
    return Stream.of("fix Claude API client", "bump openai sdk", "add gpt-5 to the model list", "Fix cursor position",
        "Update Cursor installation link", "added claude 37", "gpt-4o-mini default model", "Support Gemini 2.5 Pro",
        "docs: how to use Copilot with this repo", "Remove the Devin integration", "jules: rename the scheduler")
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subjects")
  void aSubjectThatNamesAProductOrModelIsNotAi(String subject) {
    assertEquals("", found(change(subject + "\n\nMore about " + subject + ".\n", JANE, JANE), Map.of()));
  }

  @Test
  void modelNamesGiveTheirVendor() {
    for (String[] c : new String[][] {{"Made-with: Qwen3-Coder", "alibaba"}, {"Assisted-by: ChatGPTv5", "openai"},
        {"Assisted-by: Kimi K2", "moonshot"}, {"Co-developed-by: deepseek-v3", "deepseek"}, {"AI-Model: glm-4.7", "zhipu"},
        {"Assisted-by: grok-4", "xai"}, {"Assisted-by: Llama 3.1 70B", "meta"}, {"Assisted-by: devstral-small", "mistral"},
        {"Assisted-by: o4-mini", "openai"}, {"Co-authored-by: GPT-4o <bot@example.com>", "openai"}}) {
      List<Evidence> ai = detector.detect(change("Add x\n\n" + c[0] + "\n", JANE, JANE), Map.of());
      assertEquals(1, ai.size(), c[0] + " " + ai);
      assertEquals(c[1], ai.get(0).tool().vendor(), c[0]);
      assertEquals(ToolSignature.UNKNOWN, ai.get(0).tool().id(), c[0]);
    }
  }

  @Test
  void aTemplateQuotedAsAnExampleIsNotAnAttribution() {
    String indented = "Follow the spec:\n\n    Assisted-by: Crush:kimi-k2.6\n\nSee the kernel docs.\n";
    String fenced = "Follow the spec:\n\n```\nCo-authored-by: Claude <noreply@anthropic.com>\n```\n";
    String quoted = "As asked:\n\n> Generated with [Claude Code](https://claude.com/claude-code)\n";
    assertEquals("", found(change("Fix\n\n" + indented, JANE, JANE), Map.of()));
    assertEquals("", found(change("Fix\n\n" + fenced, JANE, JANE), Map.of()));
    assertEquals("", found(change("Fix\n\n" + quoted, JANE, JANE), Map.of()));
  }

  @Test
  void anEscapedNewlineDoesNotHideATrailer() {
    String m = "Fix\n\nMerged.\\n\\nCo-authored-by: Copilot App <223556219+Copilot@users.noreply.github.com>\n";
    assertEquals("copilot/co-author/attribution", found(change(m, JANE, JANE), Map.of()));
  }

  static Stream<Arguments> identities() {
    return Stream.of(
        Arguments.of(new Identity("Devin AI", "158243242+devin-ai-integration[bot]@users.noreply.github.com"), "devin/identity/attribution"),
        Arguments.of(new Identity("Codex", "codex@openai.com"), "codex/identity/attribution"),
        Arguments.of(new Identity("chatgpt-codex-connector[bot]", "199175422+chatgpt-codex-connector[bot]@users.noreply.github.com"), "codex/identity/attribution"),
        Arguments.of(new Identity("seer-by-sentry[bot]", "157164994+seer-by-sentry[bot]@users.noreply.github.com"), "sentry-seer/bot/attribution"),
        Arguments.of(new Identity("coderabbitai[bot]", "136622811+coderabbitai[bot]@users.noreply.github.com"), "coderabbit/bot/attribution"),
        Arguments.of(new Identity("Composer", "noreply@cursor.com"), "cursor/identity/attribution"),
        Arguments.of(new Identity("brand-new-agent[bot]", "1+brand-new-agent[bot]@users.noreply.github.com"), "unknown/bot/heuristic"),
        // Automation and people: never AI.
        Arguments.of(new Identity("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"), ""),
        Arguments.of(new Identity("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com"), ""),
        Arguments.of(new Identity("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"), ""),
        Arguments.of(new Identity("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com"), ""),
        Arguments.of(new Identity("GitHub", "noreply@github.com"), ""),
        Arguments.of(new Identity("Jane Doe", "jane@anthropic.com"), ""),
        Arguments.of(new Identity("Paul Gauthier", "aider@paulg.example"), ""),
        Arguments.of(new Identity("Jane Doe", "12345+jane@users.noreply.github.com"), ""));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("identities")
  void authorIdentity(Identity who, String expected) {
    assertEquals(expected, found(change("Plain subject\n", who, JANE), Map.of()));
  }

  @Test
  void aToolIdentityAsCommitterCounts() {
    Identity claude = new Identity("Claude", "noreply@anthropic.com");
    List<Evidence> ai = detector.detect(change("Plain\n", JANE, claude), Map.of());
    assertEquals(1, ai.size());
    assertEquals(Signal.COMMITTER, ai.get(0).signal());
    assertEquals("claude-code", ai.get(0).tool().id());
  }

  @Test
  void everyToolOfAMultiToolCommitIsReportedAndCounted() {
    String m = "Add x\n\nAssisted-by: OpenCode (Claude Opus 4)\nCo-authored-by: Cursor <cursoragent@cursor.com>\n"
        + "Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\n";
    Change c = change(m, JANE, JANE);
    List<Evidence> ai = detector.detect(c, Map.of());
    Set<String> tools = new TreeSet<>();
    ai.forEach(e -> tools.add(e.tool().id()));
    assertEquals(Set.of("copilot", "cursor", "opencode", "unknown"), tools, "the Claude model behind OpenCode too");
    assertTrue(ai.stream().anyMatch(e -> e.tool().id().equals("unknown") && e.tool().vendor().equals("anthropic")));
    CommitVerdict v = new Evaluator(PolicyLoader.embeddedDefault()).evaluateWith(c, ai, List.of(), List.of());
    Statistics s = Statistics.of(List.of(v));
    assertEquals(Map.of("copilot", 1, "cursor", 1, "opencode", 1), s.byTool());
  }

  @Test
  void anUnknownBotAloneWarnsAndDoesNotBlock() {
    Identity bot = new Identity("brand-new-agent[bot]", "1+brand-new-agent[bot]@users.noreply.github.com");
    Change c = new Change("0".repeat(40), bot, bot, "Update\n", List.of(),
        List.of(new FileChange(FileChange.Kind.ADD, "src/A.java", null, FileChange.EntryType.FILE, List.of())));
    CommitVerdict v = new Evaluator(PolicyLoader.embeddedDefault()).evaluate(c, Map.of(), List.of());
    assertEquals(1, v.violations().size(), v.violations().toString());
    assertEquals(Evaluator.HEURISTIC_RULE, v.violations().get(0).rule());
    assertEquals(Action.WARN, v.violations().get(0).action());
    assertFalse(v.blocked());
  }

  @Test
  void aHeuristicNextToAStrongSignalStillRequiresReview() {
    Identity bot = new Identity("brand-new-agent[bot]", "1+brand-new-agent[bot]@users.noreply.github.com");
    Change c = new Change("0".repeat(40), bot, bot, "Update\n\nCo-authored-by: Claude <noreply@anthropic.com>\n",
        new TrailerParser(TrailerSyntax.DEFAULT).parse("Update\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", true),
        List.of(new FileChange(FileChange.Kind.ADD, "src/A.java", null, FileChange.EntryType.FILE, List.of())));
    CommitVerdict v = new Evaluator(PolicyLoader.embeddedDefault()).evaluate(c, Map.of(), List.of());
    assertTrue(v.blocked(), v.violations().toString());
  }

  @Test
  void aPolicyMarksABotNotAiAndAddsAToolWithBotsAndLinks() throws Exception {
    Policy p = PolicyLoader.parse("""
        version: 1
        ai:
          not-ai: ["coderabbitai[bot]", "ci-helper[bot]"]
          tools:
            - id: hopper
              vendor: hopper-labs
              bots: ["hopper-agent[bot]"]
              links: ["hopper-agent.dev/runs/"]
              aliases: [hopper]
              source: "https://hopper-agent.dev/docs/attribution"
        """, "t.yml");
    AiDetector d = new AiDetector(p.ai());
    Identity rabbit = new Identity("coderabbitai[bot]", "136622811+coderabbitai[bot]@users.noreply.github.com");
    Identity helper = new Identity("ci-helper[bot]", "9+ci-helper[bot]@users.noreply.github.com");
    Identity hopper = new Identity("hopper-agent[bot]", "7+hopper-agent[bot]@users.noreply.github.com");
    assertEquals(List.of(), d.detect(change("Fix\n", rabbit, JANE), Map.of()));
    assertEquals(List.of(), d.detect(change("Fix\n", helper, JANE), Map.of()));
    assertEquals("hopper", d.detect(change("Fix\n", hopper, JANE), Map.of()).get(0).tool().id());
    assertEquals("hopper", d.detect(change("Fix\n\nRun: https://hopper-agent.dev/runs/42\n", JANE, JANE), Map.of())
        .get(0).tool().id());
    assertEquals("hopper", d.detect(change("Fix\n\nAssisted-by: Hopper\n", JANE, JANE), Map.of()).get(0).tool().id());
    String shown = PolicyWriter.write(p);
    assertTrue(shown.contains("not-ai: [") && shown.contains("\"ci-helper[bot]\""), shown);
    assertTrue(shown.contains("source: \"https://hopper-agent.dev/docs/attribution\""), shown);
    assertTrue(shown.contains("bots: [\"copilot-swe-agent\""), shown);
  }

  @Test
  void anInvalidBotLoginOrLinkIsAPolicyError() {
    Exception e = Assertions.assertThrows(Exception.class, () -> PolicyLoader.parse(
        "version: 1\nai:\n  tools:\n    - id: x\n      vendor: y\n      bots: [\"not a login\"]\n      links: [\"x\"]\n", "t.yml"));
    String msg = ((InvalidPolicyException) e).render();
    assertTrue(msg.contains("not a GitHub App login") && msg.contains("not a URL fragment"), msg);
  }

  @Test
  void theCatalogueHasFiftyToolsWithStableIdsVendorsAndSources() {
    List<ToolSignature> c = PolicyLoader.builtinCatalogue();
    Set<String> ids = new HashSet<>();
    for (ToolSignature t : c) {
      assertTrue(ids.add(t.id()), "duplicate " + t.id());
      assertFalse(t.source().isBlank(), t.id() + " has no source");
      assertTrue(t.vendor().matches("[a-z0-9][a-z0-9._-]*"), t.id());
    }
    assertTrue(c.size() - 1 >= 50, "only " + (c.size() - 1) + " tools");
    assertTrue(PolicyLoader.builtinNotAi().size() >= 20);
  }

  @Test
  void everyDetectionCarriesItsKindAndConfidenceIntoTheText() {
    Evidence e = detector.detect(change("Fix\n\nAssisted-by: Cursor\n", JANE, JANE), Map.of()).get(0);
    assertEquals("cursor (cursor) via trailer [disclosure-trailer, disclosure]: Assisted-by: Cursor", e.toString());
    Evidence env = detector.detect(change("Fix\n", JANE, JANE), Map.of("CLAUDECODE", "1")).get(0);
    assertEquals(Confidence.ENVIRONMENT, env.confidence());
    assertEquals(Kind.ENVIRONMENT, env.kind());
  }

  @Test
  void markerAndValueMatchingStayLinearOnHostileLines() {
    String prefixes = "this was ".repeat(400) + "generated with " + "x".repeat(400);
    String words = "Assisted-by: " + "claude ".repeat(580);
    String brackets = "Co-authored-by: " + "(".repeat(2000) + "x" + ")".repeat(2000);
    String message = "Fix\n\n" + (prefixes + "\n" + words + "\n" + brackets + "\n").repeat(50);
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> detector.detect(change(message, JANE, JANE), Map.of()));
  }

  private String found(Change c, Map<String, String> env) {
    Set<String> out = new TreeSet<>();
    for (Evidence e : detector.detect(c, env)) {
      out.add(e.tool().id() + "/" + e.kind().label() + "/" + e.confidence().label());
    }
    return String.join(" ", out);
  }

  static Change change(String message, Identity author, Identity committer) {
    return new Change("0".repeat(40), author, committer, message,
        new TrailerParser(TrailerSyntax.DEFAULT).parse(message, true), List.of());
  }
}
