package dev.aigate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.git.Change;
import dev.aigate.git.Identity;
import dev.aigate.policy.PolicyLoader;
import dev.aigate.policy.ToolSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The message pre-filter: never a line the regexes or keyword searches would have matched. */
class KeywordFilterTest {
  private static final Identity JANE = new Identity("Jane Dev", "jane@example.com");

  @Test
  void holdsExactlyTheLinesThatContainAKeywordIgnoringAsciiCase() {
    List<String> keywords = List.of("generated", "made ", "he", "she", "hers", "chatgpt.com/codex/tasks/", "aider: ");
    KeywordFilter f = KeywordFilter.of(keywords).orElseThrow();
    Random r = new Random(13);
    String alphabet = "ehrsGENaidr: made/.cotkHS";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder line = new StringBuilder();
      for (int i = r.nextInt(24); i > 0; i--) {
        line.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String lower = line.toString().toLowerCase(Locale.ROOT);
      boolean naive = keywords.stream().anyMatch(lower::contains);
      assertEquals(naive, f.mayHold(line), line.toString());
    }
  }

  @Test
  void nonAsciiLettersThatFoldToAsciiAreAlwaysHits() {
    KeywordFilter f = KeywordFilter.of(List.of("zzz")).orElseThrow();
    for (int c = 128; c < 0x10000; c++) {
      char ch = (char) c;
      String lower = String.valueOf(ch).toLowerCase(Locale.ROOT);
      boolean folds = lower.chars().anyMatch(x -> x < 128) || Character.toLowerCase(c) < 128
          || Character.toUpperCase(c) < 128 || Character.toLowerCase(Character.toUpperCase(c)) < 128;
      assertEquals(folds, KeywordFilter.foldsToAscii(ch), Integer.toHexString(c));
      if (folds) {
        assertTrue(f.mayHold("a" + ch + "b"), Integer.toHexString(c));
      }
    }
    assertEquals(false, f.mayHold("zz\u00e9z"));
  }

  @Test
  void keywordsItCannotFoldTurnItOff() {
    assertEquals(Optional.empty(), KeywordFilter.of(List.of()));
    assertEquals(Optional.empty(), KeywordFilter.of(List.of("ok", "")));
    assertEquals(Optional.empty(), KeywordFilter.of(List.of("ok", "grüße")));
  }

  @Test
  void requiredLiteralsAreOnlyWhatEveryMatchHolds() {
    String[][] cases = {
        {"^aider: \\S", "aider: "},
        {"(?i)generated with metacode", "generated with metacode"},
        {"ab?cd", "cd"},
        {"abc*d", "ab"},
        {"x(abc)?yzw", "yzw"},
        {"x(a|b)yz", "yz"},
        {"[abc]+def", "def"},
        {"[]a]defg", "defg"},
        {"a{2,3}bcd", "bcd"},
        {"foo\\.bar", "foo.bar"},
        {"\\bword\\b", "word"},
        {"ab+c", "ab"},
        {"a|bcd", null},
        {"(?x) a b c", null},
        {"a(?x: b )cd", null},
        {"\\Qabc\\E", null},
        {"\\x41bcd", null},
        {"(a)\\1bc", null},
        {"[^x]", null},
        {".*", null},
    };
    for (String[] c : cases) {
      assertEquals(Optional.ofNullable(c[1]), KeywordFilter.requiredLiteral(Pattern.compile(c[0])), c[0]);
    }
    assertEquals(Optional.empty(), KeywordFilter.requiredLiteral(Pattern.compile("a b c", Pattern.COMMENTS)));
    assertEquals(Optional.empty(), KeywordFilter.requiredLiteral(Pattern.compile("abc", Pattern.CANON_EQ)));
  }

  /** Every catalogue pattern and some tricky ones: a line the pattern finds, the filter holds. */
  @Test
  void neverDropsALineAMessagePatternFinds() {
    List<Pattern> patterns = new ArrayList<>();
    for (ToolSignature t : PolicyLoader.embeddedDefault().ai().catalogue()) {
      patterns.addAll(t.message());
    }
    patterns.addAll(List.of(Pattern.compile("(?iu)assisted by kode"), Pattern.compile("(?i)^made with \\w+"),
        Pattern.compile("Generated\\s+by (Foo|Bar)"), Pattern.compile("(?iu)sentinel")));
    Random r = new Random(7);
    for (Pattern p : patterns) {
      String literal = KeywordFilter.requiredLiteral(p).orElseThrow(() -> new AssertionError(p.pattern()));
      KeywordFilter f = KeywordFilter.of(List.of(literal)).orElseThrow();
      for (String sample : samples(literal, r)) {
        if (p.matcher(sample).find()) {
          assertTrue(f.mayHold(sample), p.pattern() + " finds " + sample);
        }
      }
    }
  }

  /** Lines around {@code literal}: random ASCII case, Unicode look-alikes that fold to it. */
  private static List<String> samples(String literal, Random r) {
    List<String> out = new ArrayList<>();
    for (int n = 0; n < 300; n++) {
      StringBuilder b = new StringBuilder(n % 3 == 0 ? "" : "x ");
      for (char c : literal.toCharArray()) {
        int pick = r.nextInt(6);
        if (c == 'i' && pick == 0) {
          b.append(r.nextBoolean() ? '\u0130' : '\u0131');
        } else if (c == 's' && pick == 0) {
          b.append('\u017f');
        } else if (c == 'k' && pick == 0) {
          b.append('\u212a');
        } else {
          b.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
      }
      b.append(n % 2 == 0 ? " Foo" : "x");
      out.add(b.toString());
    }
    return out;
  }

  /**
   * The detector with the filter and the detector without it (a policy pattern with no literal
   * turns it off) find the same evidence on every catalogue marker, link and pattern, cased and
   * folded every way.
   */
  @Test
  void theDetectorFindsTheSameEvidenceWithAndWithoutTheFilter() throws Exception {
    AiDetector with = new AiDetector(PolicyLoader.embeddedDefault().ai());
    // [\x00]{3} has no literal; it never matches a commit message.
    AiDetector without = new AiDetector(PolicyLoader.parse(
        "version: 1\nai:\n  tools:\n    - {id: nul, vendor: nul, message: ['[\\x00]{3}']}\n", "t.yml").ai());
    assertTrue(with.filtersMessages());
    assertEquals(false, without.filtersMessages());
    List<String> lines = new ArrayList<>(List.of("aider: fix it", "AIDER: fix it", "a\u0131der: fix it",
        "🤖 Generated with [Claude Code](https://claude.com/claude-code)", "GENERATED WITH [CLAUDE CODE](HTTPS://CLAUDE.AI/CODE)",
        "Made with Cursor", "MADE WITH CURSOR", "made with cur\u017for", "Generated by Copilot", "written by ChatGPT",
        "Created using Gemini", "This PR was built with Devin", "See https://chatgpt.com/codex/tasks/task_e_123",
        "HTTPS://CHATGPT.COM/CODEX/TASKS/TASK_E_123", "# Claude chat transcript", "USER: hi", "ASSISTANT: hello",
        "Co-authored-by: Claude <noreply@anthropic.com>", "plain line", "généré avec Claude", "see https://chatgpt.com/codex/tas\u212As/task_e_1"));
    for (ToolSignature t : PolicyLoader.embeddedDefault().ai().catalogue()) {
      for (String l : t.links()) {
        lines.add("see https://" + l + "x1");
        lines.add("SEE HTTPS://" + l.toUpperCase(Locale.ROOT) + "X1");
      }
      for (String a : t.aliases()) {
        lines.add("Generated with " + a);
        lines.add("Co-developed with " + a.toUpperCase(Locale.ROOT));
      }
    }
    for (String line : lines) {
      String message = "Subject\n\n" + line + "\n";
      Change c = AiDetectorTest.change(message, JANE, JANE);
      assertEquals(String.valueOf(without.detect(c, Map.of())), String.valueOf(with.detect(c, Map.of())), line);
    }
  }
}
