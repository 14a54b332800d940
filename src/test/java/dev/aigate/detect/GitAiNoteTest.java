package dev.aigate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** git-ai authorship notes (authorship/3.0.0), written here from the standard's grammar. */
class GitAiNoteTest {
  static final String NOTE = """
      src/billing.py
        s_0123456789abcd::t_0123456789abcd 10-19,3
        h_aaaaaaaaaaaaaa 1-2
      "docs/read me.md"
        s_0123456789abcd::t_ffffffffffffff 5
      ---
      {
        "schema_version": "authorship/3.0.0",
        "base_commit_sha": "0000000000000000000000000000000000000000",
        "prompts": {},
        "sessions": {
          "s_0123456789abcd": {
            "agent_id": {"tool": "claude", "id": "x", "model": "claude-opus-4-6"},
            "human_author": "Jane Doe <jane@example.com>"
          }
        },
        "humans": {"h_aaaaaaaaaaaaaa": {"author": "Jane Doe <jane@example.com>"}}
      }
      """;

  @Test
  void sessionKeysAreAiLinesOfTheirToolAndHumanKeysAreNot() {
    List<GitAiNote.Attribution> a = GitAiNote.parse(NOTE);
    assertEquals(List.of(new GitAiNote.Attribution("src/billing.py", "claude", "claude-opus-4-6", 11),
        new GitAiNote.Attribution("docs/read me.md", "claude", "claude-opus-4-6", 1)), a);
  }

  @Test
  void aLegacyPromptKeyResolvesInPrompts() {
    String note = "a.py\n  0123456789abcdef 1-4\n---\n{\"prompts\": {\"0123456789abcdef\": "
        + "{\"agent_id\": {\"tool\": \"cursor\", \"model\": \"\"}}}}\n";
    assertEquals(List.of(new GitAiNote.Attribution("a.py", "cursor", "", 4)), GitAiNote.parse(note));
  }

  @Test
  void aSessionKeyWithoutReadableMetadataIsStillAiOfAnUnknownTool() {
    String note = "a.py\n  s_0123456789abcd::t_0123456789abcd 1-3\n---\n{not json at all: [\n";
    assertEquals(List.of(new GitAiNote.Attribution("a.py", "unknown", "", 3)), GitAiNote.parse(note));
  }

  @Test
  void onlyHumanKeysOrNoAttestationsMeanNothing() {
    assertTrue(GitAiNote.parse("a.py\n  h_aaaaaaaaaaaaaa 1-9\n---\n{}\n").isEmpty());
    assertTrue(GitAiNote.parse("---\n{\"schema_version\": \"authorship/3.0.0\"}\n").isEmpty());
    assertTrue(GitAiNote.parse("").isEmpty());
  }

  @Test
  void unknownKeysCountOnlyWhenTheyResolve() {
    String note = "a.py\n  ai_agent 1-3\n  stray 4\n---\n{\"sessions\": {\"ai_agent\": "
        + "{\"agent_id\": {\"tool\": \"codex\"}}}}\n";
    assertEquals(List.of(new GitAiNote.Attribution("a.py", "codex", "", 3)), GitAiNote.parse(note));
  }

  @Test
  void hostileRangesAreBounded() {
    String note = "a.py\n  s_0123456789abcd 1-999999999999,x-y,,7-3\n---\n{}\n";
    assertEquals(1_000_000, GitAiNote.parse(note).get(0).lines());
  }
}
