package dev.aigate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigate.git.Change;
import dev.aigate.git.FileChange;
import dev.aigate.git.Identity;
import dev.aigate.git.TrailerParser;
import dev.aigate.git.TrailerSyntax;
import dev.aigate.policy.PolicyLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Signatures of ai-signatures.tsv, one case each, and the look-alikes that must not count. */
class AiDetectorTest {
  private static final Identity JANE = new Identity("Jane Dev", "jane@example.com");
  private final AiDetector detector = new AiDetector(PolicyLoader.embeddedDefault().ai());

  static Stream<Arguments> messages() {
    return Stream.of(
        Arguments.of("Add x\n\nCo-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n", "claude-code/trailer"),
        Arguments.of("Add x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n\nMore prose after it.\n", "claude-code/message"),
        Arguments.of("Add x\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n", "claude-code/message"),
        Arguments.of("Add x\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nSigned-off-by: J <j@x>\n", "claude-code/message"),
        Arguments.of("Add x\n\nClaude-Session: https://claude.ai/code/session_abc\n", "claude-code/trailer"),
        Arguments.of("Add x\n\nCo-authored-by: Codex <noreply@openai.com>\n", "codex/trailer"),
        Arguments.of("Add x\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\n", "copilot/trailer"),
        Arguments.of("Add x\n\nCo-authored-by: Copilot <copilot@github.com>\n", "copilot/trailer"),
        Arguments.of("Add x\n\nCo-authored-by: aider (gpt-4o) <aider@aider.chat>\n", "aider/trailer unknown/trailer"),
        Arguments.of("aider: fix the parser\n", "aider/message"),
        Arguments.of("Add x\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n", "cursor/trailer"),
        Arguments.of("Add x\n\nMade with Cursor\n", "cursor/message"),
        Arguments.of("Add x\n\nCo-Authored-By: Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>\n", "devin/trailer"),
        Arguments.of("Add x\n\nGenerated with [Devin](https://devin.ai)\n", "devin/message"),
        Arguments.of("Add x\n\nCo-authored-by: openhands <openhands@all-hands.dev>\n", "openhands/trailer"),
        Arguments.of("Add x\n\nAmp-Thread-ID: https://ampcode.com/threads/T-123\nCo-authored-by: Amp <amp@ampcode.com>\n", "amp/trailer"),
        Arguments.of("Add x\n\n🤖 Generated with [opencode](https://opencode.ai)\n\nCo-Authored-By: opencode <noreply@opencode.ai>\n", "opencode/message opencode/trailer"),
        Arguments.of("Add x\n\nCo-authored-by: Qwen-Coder <qwen-coder@alibabacloud.com>\n", "qwen-code/trailer"),
        Arguments.of("Add x\n\nCo-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>\n", "jules/trailer"),
        Arguments.of("Add x\n\nReplit-Commit-Author: Agent\n", "replit/trailer"),
        Arguments.of("Add x\n\nAssisted-by: Foo:bar-model\n", "unknown/trailer"),
        Arguments.of("Add x\n\nGenerated-by: SomeInHouseTool\n", "unknown/trailer"),
        Arguments.of("Add x\n\nGenerated-by: Claude\n", "claude-code/trailer"),
        Arguments.of("Add x\n\nAssisted-by: Claude:claude-3-opus [coccinelle]\n", "claude-code/trailer"),
        Arguments.of("Add x\n\nAssisted-by: GitHub Copilot\n", "copilot/trailer"),
        Arguments.of("Add x\n\nAssisted-by: Cursor\n", "cursor/trailer"),
        Arguments.of("Add x\n\nCO-AUTHORED-BY: Claude <NoReply@Anthropic.com>\n", "claude-code/trailer"),
        // git reads no trailer here, a person reads a co-author.
        Arguments.of("Add x\n\nCo-authored-by\u200b: Claude <noreply@anthropic.com>\n", "claude-code/message"),
        Arguments.of("Add x\n\nCo-author\u00aded-by: Claude <noreply@anthropic.com>\n", "claude-code/message"),
        Arguments.of("Add x\n\n\u200bCo-authored-by: Claude <noreply@anthropic.com>\n", "claude-code/message"),
        // Not AI.
        Arguments.of("Add x\n\nCo-authored-by: Bob Smith <bob@example.com>\n", ""),
        Arguments.of("Add x\n\nCo-authored-by: Claude Shannon <claude@bell-labs.example>\n", ""),
        Arguments.of("Add x\n\nAssisted-by: Jane Doe\n", ""),
        Arguments.of("Add x\n\nAssisted-by: Jane Roe <jane.roe@example.com>\n", ""),
        Arguments.of("fix cursor pagination\n", ""),
        Arguments.of("add claude 3.7 to the model list\n\nWe compared Copilot, Gemini and Codex output.\n", ""),
        Arguments.of("Support aider's config file format\n", ""));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("messages")
  void message(String message, String expected) {
    assertEquals(expected, found(change(message, JANE, JANE), Map.of()));
  }

  static Stream<Arguments> identities() {
    return Stream.of(
        Arguments.of(new Identity("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"), "copilot/author copilot/committer"),
        Arguments.of(new Identity("Jane Dev (aider)", "jane@example.com"), "aider/author aider/committer"),
        Arguments.of(new Identity("Cursor Agent", "cursoragent@cursor.com"), "cursor/author cursor/committer"),
        Arguments.of(new Identity("google-labs-jules[bot]", "161369871+google-labs-jules[bot]@users.noreply.github.com"), "jules/author jules/committer"),
        Arguments.of(new Identity("devin-ai-integration[bot]", "158243242+devin-ai-integration[bot]@users.noreply.github.com"), "devin/author devin/committer"),
        Arguments.of(new Identity("Claude", "noreply@anthropic.com"), "claude-code/author claude-code/committer"),
        // A display name alone never makes an AI: "Claude" is a human name too.
        Arguments.of(new Identity("Claude", "claude@example.com"), ""));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("identities")
  void identity(Identity who, String expected) {
    assertEquals(expected, found(change("Plain subject\n", who, who), Map.of()));
  }

  static Stream<Arguments> environments() {
    return Stream.of(
        Arguments.of(Map.of("CLAUDECODE", "1"), "claude-code/environment"),
        Arguments.of(Map.of("GEMINI_CLI", "1"), "gemini/environment"),
        Arguments.of(Map.of("CODEX_THREAD_ID", "t-1"), "codex/environment"),
        Arguments.of(Map.of("CURSOR_AGENT", "1"), "cursor/environment"),
        Arguments.of(Map.of("OPENCODE", "1"), "opencode/environment"),
        Arguments.of(Map.of("AGENT", "amp"), "amp/environment"),
        Arguments.of(Map.of("AI_AGENT", "claude-code_2.1.120_agent"), "claude-code/environment"),
        Arguments.of(Map.of("AI_AGENT", "some-new-agent"), "unknown/environment"),
        Arguments.of(Map.of("AWS_EXECUTION_ENV", "amazonq-cli"), "amazon-q/environment"),
        // IDE variables: a human typing in the editor's terminal sets them too.
        Arguments.of(Map.of("TERM_PROGRAM", "vscode", "CURSOR_TRACE_ID", "abc", "GIT_PAGER", "cat"), ""),
        Arguments.of(Map.of("CLAUDECODE", ""), ""));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("environments")
  void environment(Map<String, String> env, String expected) {
    assertEquals(expected, found(change("Plain subject\n", JANE, JANE), env));
  }

  @Test
  void environmentIsIgnoredWhenThePolicyTurnsItOff() throws Exception {
    AiDetector off = new AiDetector(PolicyLoader.parse("version: 1\nai: {environment: false}\n", "t.yml").ai());
    assertEquals(List.of(), off.detect(change("Plain\n", JANE, JANE), Map.of("CLAUDECODE", "1")));
  }

  @Test
  void contentMarkersNameTheFileAndLine() throws Exception {
    AiDetector d = new AiDetector(PolicyLoader.parse("version: 1\nai: {content: ['(?i)generated by chatgpt']}\n", "t.yml").ai());
    FileChange f = new FileChange(FileChange.Kind.ADD, "src/A.java", null, FileChange.EntryType.FILE,
        List.of(new FileChange.AddedLine(1, "class A {}"), new FileChange.AddedLine(2, "// Generated by ChatGPT")));
    Change c = new Change(Change.STAGED, JANE, JANE, "Add A\n", List.of(), List.of(f));
    List<Evidence> ai = d.detect(c, Map.of());
    assertEquals(1, ai.size());
    assertEquals("src/A.java", ai.get(0).path());
    assertEquals("// Generated by ChatGPT (line 2)", ai.get(0).evidence());
  }

  @Test
  void aTrailerFoldedOntoAContinuationLineIsMatchedOnItsUnfoldedValue() {
    Change c = change("Add x\n\nCo-Authored-By: Claude\n <noreply@anthropic.com>\n", JANE, JANE);
    assertEquals("claude-code/trailer", found(c, Map.of()));
  }

  @Test
  void modelNamesInDisclosureTrailersAreAiWithTheirVendor() {
    for (String[] c : new String[][] {{"Assisted-by: claude-opus-4", "anthropic"}, {"Assisted-by: GPT-4o", "openai"},
        {"Assisted-by: Claude-3.5-Sonnet", "anthropic"}, {"Generated-by: Gemini-2.5-Pro", "google"},
        {"AI-Tool: o3", "openai"}, {"ai-assisted: Qwen3-Coder", "alibaba"}, {"Made-with: deepseek-v3", "deepseek"}}) {
      List<Evidence> ai = detector.detect(change("Add x\n\n" + c[0] + "\n", JANE, JANE), Map.of());
      assertEquals(1, ai.stream().map(e -> e.tool().vendor()).distinct().count(), c[0] + " " + ai);
      assertEquals(c[1], ai.get(0).tool().vendor(), c[0]);
    }
  }

  @Test
  void aDisclosureTrailerNamingAHumanOrProseNamingAModelIsNotAi() {
    assertEquals("", found(change("Add x\n\nAssisted-by: Jane Doe\n", JANE, JANE), Map.of()));
    assertEquals("", found(change("Add gpt-5 to the model list\n\nAlso bump claude sdk.\n", JANE, JANE), Map.of()));
    assertEquals("", found(change("Fix cursor position\n", JANE, JANE), Map.of()));
  }

  @Test
  void claudeGithubActionsBotIsClaudeCode() {
    Identity bot = new Identity("claude[bot]", "41898282+claude[bot]@users.noreply.github.com");
    assertEquals("claude-code/author", found(change("Fix\n", bot, JANE), Map.of()));
  }

  @Test
  void hostileLongLinesAreReadOnlyUpToTheLineCap() {
    // The cap is what bounds matching cost on pushed text; past it nothing is read.
    String padded = "x".repeat(MessageLines.MAX_LINE) + " Co-Authored-By: Claude <noreply@anthropic.com>";
    assertEquals("", found(change("Add x\n\n" + padded + "\n", JANE, JANE), Map.of()));
    assertEquals(MessageLines.MAX_LINE, MessageLines.of(" ".repeat(10) + "y".repeat(200_000)).get(0).length() + 10);
  }

  @Test
  void anIdentityOfManySpacesParsesAsAName() {
    Identity who = Identity.parse(" ".repeat(20_000) + "x");
    assertEquals("", who.email());
    Identity both = Identity.parse("Jane  Doe   <jane@example.com>");
    assertEquals("Jane  Doe", both.name());
    assertEquals("jane@example.com", both.email());
  }

  private String found(Change c, Map<String, String> env) {
    Set<String> out = new TreeSet<>();
    for (Evidence e : detector.detect(c, env)) {
      out.add(e.tool().id() + "/" + e.signal().label());
    }
    return String.join(" ", out);
  }

  /** The strongest confidence among a co-author line's evidence, with its tool: "claude-code ATTRIBUTION". */
  private String strongest(String coAuthor) {
    List<Evidence> ai = detector.detect(change("Add x\n\nCo-authored-by: " + coAuthor + "\n", JANE, JANE), Map.of());
    return ai.stream().min((a, b) -> a.confidence().compareTo(b.confidence()))
        .map(e -> e.tool().id() + " " + e.confidence()).orElse("");
  }

  static Stream<Arguments> addressesThatAddEvidenceButNeverTakeItAway() {
    return Stream.of(
        // A model's name stands at an address nobody catalogued, noreply or not.
        Arguments.of("Claude Opus 4.5 <someone@example.com>", "claude-code ATTRIBUTION"),
        Arguments.of("Claude Opus 4.5 <noreply@example.com>", "claude-code ATTRIBUTION"),
        // A vendor's noreply domain, however it is dressed up.
        Arguments.of("Someone <noreply@anthropic.com.>", "claude-code ATTRIBUTION"),
        Arguments.of("Someone <noreply@mail.anthropic.com>", "claude-code ATTRIBUTION"),
        Arguments.of("Someone <noreply@anthropic.com\u200b>", "claude-code ATTRIBUTION"),
        Arguments.of("Someone <noreply@anthr\u00adopic.com>", "claude-code ATTRIBUTION"),
        Arguments.of("Someone <noreply@anthropic\uff0ecom>", "claude-code ATTRIBUTION"),
        Arguments.of("Someone <noreply@anthropic\u3002com>", "claude-code ATTRIBUTION"),
        Arguments.of("Someone <noreply@anthropic\uff61com>", "claude-code ATTRIBUTION"),
        Arguments.of("Helper <noreply+bot@anthropic.com>", "claude-code ATTRIBUTION"),
        Arguments.of("Helper <noreply+x@corp.example>", "unknown HEURISTIC"),
        Arguments.of("Jane <\"noreply\"@anthropic.com>", "claude-code ATTRIBUTION"),
        Arguments.of("Jane <noreply(c)@anthropic.com>", "claude-code ATTRIBUTION"),
        Arguments.of("Cl\u0430ude Opus 4.5 <someone@example.com>", "claude-code ATTRIBUTION"),
        // Nothing but a noreply address stays a question, not a verdict.
        Arguments.of("Release Robot <noreply@example.com>", "unknown HEURISTIC"),
        // Another domain that merely ends in a vendor's name is not the vendor's.
        Arguments.of("Someone <noreply@notanthropic.com>", "unknown HEURISTIC"));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("addressesThatAddEvidenceButNeverTakeItAway")
  void anAddressAddsEvidenceButNeverTakesItAway(String coAuthor, String expected) {
    assertEquals(expected, strongest(coAuthor));
  }

  static Change change(String message, Identity author, Identity committer) {
    return new Change("0".repeat(40), author, committer, message,
        new TrailerParser(TrailerSyntax.DEFAULT).parse(message, true), List.of());
  }
}
