package dev.aigate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.detect.AiLineIndex.Line;
import dev.aigate.detect.AiLineIndex.PathLines;
import dev.aigate.detect.AiLineIndex.Thresholds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AiLineIndexTest {
  private static final List<String> AI_CODE = List.of(
      "def parse_config_file(path_name):",
      "    with open(path_name) as handle:",
      "        raw_config = handle.read()",
      "    parsed_values = tokenize(raw_config)",
      "    validate_parsed(parsed_values)",
      "    return build_config(parsed_values)");

  private static PathLines add(String path, List<String> lines, int from) {
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      out.add(new Line(from + i, lines.get(i)));
    }
    return new PathLines(path, out, List.of());
  }

  @Test
  void humanMoveOfAiLinesIntoAnotherPathIsFlaggedWithItsOrigin() {
    AiLineIndex index = new AiLineIndex();
    index.record("a1", List.of(add("scratch/cfg.py", AI_CODE, 1)), "aider");
    var score = index.score(List.of(add("src/cfg.py", AI_CODE, 1)), Thresholds.defaults());
    assertTrue(score.isPresent());
    var m = score.get().matches().get(0);
    assertEquals("src/cfg.py", m.path());
    assertEquals(1, m.firstLine());
    assertEquals(6, m.lastLine());
    assertEquals("a1", m.origins().iterator().next().commit());
    assertEquals("aider", m.origins().iterator().next().tool());
  }

  @Test
  void reindentedMoveStillMatches() {
    AiLineIndex index = new AiLineIndex();
    index.record("a1", List.of(add("scratch/cfg.py", AI_CODE, 1)), "aider");
    List<String> reindented = AI_CODE.stream().map(l -> "\t\t" + l.strip()).toList();
    assertTrue(index.score(List.of(add("src/cfg.py", reindented, 10)), Thresholds.defaults()).isPresent());
  }

  @Test
  void sameHumanMoveWithoutAnAiOriginIsNotFlagged() {
    AiLineIndex index = new AiLineIndex();
    index.record("h1", List.of(add("scratch/cfg.py", AI_CODE, 1)), null);
    assertTrue(index.score(List.of(add("src/cfg.py", AI_CODE, 1)), Thresholds.defaults()).isEmpty());
  }

  @Test
  void humanFirstLinesThatAnAgentLaterMovedAreNotAiCode() {
    AiLineIndex index = new AiLineIndex();
    index.record("h1", List.of(add("lib/cfg.py", AI_CODE, 1)), null);
    index.record("a1", List.of(add("scratch/cfg.py", AI_CODE, 1)), "aider");
    assertEquals(0, index.size());
  }

  @Test
  void smallSharedIdiomNeverTriggers() {
    AiLineIndex index = new AiLineIndex();
    List<String> idiom = List.of("    return None", "    return None", "    return None", "    return None",
        "    return None", "    return None");
    index.record("a1", List.of(add("scratch/x.py", idiom, 1)), "aider");
    assertEquals(0, index.size());
    assertTrue(index.score(List.of(add("src/x.py", idiom, 1)), Thresholds.defaults()).isEmpty());
  }

  @Test
  void restoringAiLinesInTheSamePathIsNotLaundering() {
    AiLineIndex index = new AiLineIndex();
    index.record("a1", List.of(add("src/cfg.py", AI_CODE, 1)), "claude-code");
    // A revert of the revert: the same lines come back where the AI commit put them.
    assertTrue(index.score(List.of(add("src/cfg.py", AI_CODE, 1)), Thresholds.defaults()).isEmpty());
  }

  @Test
  void linesDeletedFromTheSameFileInTheCommitAreAnInPlaceEdit() {
    AiLineIndex index = new AiLineIndex();
    index.record("a1", List.of(add("scratch/cfg.py", AI_CODE, 1)), "aider");
    PathLines reordered = new PathLines("src/cfg.py", add("src/cfg.py", AI_CODE, 1).added(), AI_CODE);
    assertTrue(index.score(List.of(reordered), Thresholds.defaults()).isEmpty());
  }

  @Test
  void shortRunBelowTheRunThresholdButAboveTheShareIsFlaggedOnlyWithEnoughDistinctLines() {
    AiLineIndex index = new AiLineIndex();
    index.record("a1", List.of(add("scratch/cfg.py", AI_CODE, 1)), "aider");
    // Two matched lines of two non-trivial ones: 100 % share, but fewer than 5 distinct.
    assertTrue(index.score(List.of(add("src/cfg.py", AI_CODE.subList(0, 2), 1)), Thresholds.defaults()).isEmpty());
    Thresholds loose = new Thresholds(50, 0, 0.5, 2, 0);
    assertTrue(index.score(List.of(add("src/cfg.py", AI_CODE.subList(0, 2), 1)), loose).isPresent());
  }

  @Test
  void originsOutsideTheWindowDoNotMatch() {
    AiLineIndex index = new AiLineIndex();
    index.record("a1", List.of(add("scratch/cfg.py", AI_CODE, 1)), "aider");
    for (int i = 0; i < 5; i++) {
      index.record("h" + i, List.of(), null);
    }
    assertTrue(index.score(List.of(add("src/cfg.py", AI_CODE, 1)), new Thresholds(5, 100, 0.5, 5, 3)).isEmpty());
    assertTrue(index.score(List.of(add("src/cfg.py", AI_CODE, 1)), new Thresholds(5, 100, 0.5, 5, 10)).isPresent());
  }

  @Test
  void lineHashesArePinnedBecauseStoredIndexesHoldThem() {
    // A stored index ($GIT_DIR/aigate/ai-lines.idx) is keyed by the catalogue, not by the hash
    // function: a change of normalisation or hash would make every stored line miss, silently.
    assertEquals(-727432731364309724L, AiLineIndex.hashOrZero("    return build_config(parsed_values)"));
    assertEquals(-727432731364309724L, AiLineIndex.hashOrZero("\treturn build_config( parsed_values )\r"));
    assertEquals(9150767917570853573L, AiLineIndex.hashOrZero("x = abc123"));
  }

  @Test
  void theIdentifierFloorCountsSixCharactersAfterWhitespaceIsGone() {
    assertEquals(0, AiLineIndex.hashOrZero("  x = ab12  "));
    assertEquals(0, AiLineIndex.hashOrZero("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 = \u00e9"));
    assertTrue(AiLineIndex.hashOrZero("x = abc12") != 0);
    assertEquals(0, AiLineIndex.hashOrZero("        return None"));
    assertEquals(0, AiLineIndex.hashOrZero("from collections import OrderedDict"));
  }
}
