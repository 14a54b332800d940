package dev.aigate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.detect.AiLineIndex.Line;
import dev.aigate.detect.AiLineIndex.PathLines;
import dev.aigate.detect.AiLineIndex.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
    assertEquals(AI_CODE.size(), index.size(), "each distinct AI line is indexed");
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
    // The AI commit is the 1st recorded, the scored one would be the 7th: 6 commits back.
    assertTrue(index.score(List.of(add("src/cfg.py", AI_CODE, 1)), new Thresholds(5, 100, 0.5, 5, 6)).isPresent());
    assertTrue(index.score(List.of(add("src/cfg.py", AI_CODE, 1)), new Thresholds(5, 100, 0.5, 5, 5)).isEmpty());
  }

  @Test
  void lineHashesArePinnedBecauseStoredIndexesHoldThem() {
    // A stored index ($GIT_DIR/aigate/ai-lines.idx) holds these hashes: a change of normalisation
    // or hash makes every stored line miss, silently, unless LineIndexStore.VERSION changes too.
    // Format 2: MurmurHash3 (x64, 128-bit, seed 0), first 64 bits, of the UTF-8 of the line
    // without whitespace.
    assertEquals(-3626702279876760075L, AiLineIndex.hashOrZero("    return build_config(parsed_values)"));
    assertEquals(-3626702279876760075L, AiLineIndex.hashOrZero("\treturn build_config( parsed_values )\r"));
    assertEquals(2846560416237902676L, AiLineIndex.hashOrZero("x = abc123"));
  }

  @Test
  void theIdentifierFloorCountsSixCharactersAfterWhitespaceIsGone() {
    assertEquals(0, AiLineIndex.hashOrZero("  x = ab12  "));
    assertEquals(0, AiLineIndex.hashOrZero("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 = \u00e9"));
    assertTrue(AiLineIndex.hashOrZero("x = abc12") != 0);
    assertEquals(0, AiLineIndex.hashOrZero("        return None"));
    assertEquals(0, AiLineIndex.hashOrZero("from collections import OrderedDict"));
  }

  @Test
  void theFastPathHashesEveryLineAsTheGeneralOneDoes() throws IOException {
    List<String> lines = new ArrayList<>(List.of("Return None", "  ELSE:", "None", "} else {", "self.this.end()",
        "Copyright (C) 2026 Someone Else", "SPDX-License-Identifier: MIT", "FROM os IMPORT path_join",
        "#Include <stdio.h>", "packageFoo = 1", "using_namespace = True", "breakcontinue",
        "x\u000b=\u001cabc_def", "\treturn build_config(parsed_values)\r", "default: pass", "brea\u212A",
        "\u0130mport thing_here", "valeur = \u00e9t\u00e9_pass\u00e9", ""));
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    int nonZero = 0;
    for (String line : lines) {
      long h = AiLineIndex.hashOrZero(line);
      assertEquals(AiLineIndex.hashOrZeroGeneral(line), h, () -> "line: " + line);
      nonZero += h == 0 ? 0 : 1;
    }
    assertTrue(nonZero > 1000 && nonZero < lines.size() - 1000, "both kinds of line were tried: " + nonZero);
  }

  /** AI_CODE's six lines have 164 identifier characters (29 + 25 + 20 + 31 + 28 + 31). */
  private static final int AI_CODE_ALNUM = 164;

  private static Optional<AiLineIndex.Score> scoreOfMove(List<PathLines> human, Thresholds t) {
    AiLineIndex index = new AiLineIndex();
    index.record("a1", List.of(add("scratch/cfg.py", AI_CODE, 1)), "aider");
    return index.score(human, t);
  }

  @Test
  void theRunRuleFlagsAtItsThresholdsAndNotBelowThem() {
    List<PathLines> move = List.of(add("src/cfg.py", AI_CODE, 1));
    // The share rule is out of reach (more distinct lines than there are), so only the run counts.
    assertTrue(scoreOfMove(move, new Thresholds(6, AI_CODE_ALNUM, 1.0, 1000, 0)).isPresent());
    assertTrue(scoreOfMove(move, new Thresholds(7, AI_CODE_ALNUM, 1.0, 1000, 0)).isEmpty(), "6 lines, not 7");
    assertTrue(scoreOfMove(move, new Thresholds(6, AI_CODE_ALNUM + 1, 1.0, 1000, 0)).isEmpty(),
        "164 identifier characters, not 165");
    // A gap in the new file's line numbers ends a run: two runs of three are not one of six.
    List<Line> gapped = new ArrayList<>(add("src/cfg.py", AI_CODE.subList(0, 3), 1).added());
    gapped.addAll(add("src/cfg.py", AI_CODE.subList(3, 6), 10).added());
    assertTrue(scoreOfMove(List.of(new PathLines("src/cfg.py", gapped, List.of())),
        new Thresholds(6, 0, 1.0, 1000, 0)).isEmpty());
    assertTrue(scoreOfMove(List.of(new PathLines("src/cfg.py", gapped, List.of())),
        new Thresholds(3, 0, 1.0, 1000, 0)).isPresent());
  }

  @Test
  void theShareRuleFlagsAtItsThresholdsAndNotBelowThem() {
    // Six AI lines and six new human lines, not adjacent to them: a share of exactly one half.
    List<String> human = List.of("total_amount = compute_total(order_items)", "shipping_fee = lookup_fee(region_code)",
        "discount_rate = promotion_rate(customer_id)", "invoice_number = next_invoice(ledger_book)",
        "tax_amount = apply_tax(total_amount)", "receipt_text = render_receipt(invoice_number)");
    List<PathLines> commit = List.of(add("src/cfg.py", AI_CODE, 1), add("src/other.py", human, 1));
    Thresholds noRun = new Thresholds(1000, 0, 0.5, 6, 0);
    assertTrue(scoreOfMove(commit, noRun).isPresent(), "6 of 12 is one half");
    assertTrue(scoreOfMove(commit, new Thresholds(1000, 0, 0.51, 6, 0)).isEmpty(), "one half is not 51 %");
    assertTrue(scoreOfMove(commit, new Thresholds(1000, 0, 0.5, 7, 0)).isEmpty(), "6 distinct lines, not 7");
  }

  @Test
  void importAndLicenceLinesAreTrivialWhateverTheirCase() {
    assertEquals(0, AiLineIndex.hashOrZero("import numpy_as_numerical"));
    assertEquals(0, AiLineIndex.hashOrZero("package dev.aigate.detect;"));
    assertEquals(0, AiLineIndex.hashOrZero("#include <stdio_helpers.h>"));
    assertEquals(0, AiLineIndex.hashOrZero("using System.Collections.Generic;"));
    assertEquals(0, AiLineIndex.hashOrZero(" * Copyright 2026 Example Corporation"));
    assertEquals(0, AiLineIndex.hashOrZero("# Licensed under the Apache License, Version 2.0"));
    assertEquals(0, AiLineIndex.hashOrZero("    Return None"), "keywords only, any case");
  }

  @Test
  void longLinesAndTheFirstCharacterPastAsciiTakeTheRightPath() {
    String longLine = "value_" + "x".repeat(600) + " = compute(" + "y".repeat(300) + ")";
    assertEquals(AiLineIndex.hashOrZeroGeneral(longLine), AiLineIndex.hashOrZero(longLine));
    String c1 = "control_\u0080_character = value_here";
    assertEquals(AiLineIndex.hashOrZeroGeneral(c1), AiLineIndex.hashOrZero(c1));
    String apache = "LicensedUnder = ApacheLicense_terms_here";
    assertEquals(0, AiLineIndex.hashOrZero(apache), "capitals fold before the licence words are sought");
  }

  @Test
  void oneQualifyingRunAmongShorterOnesFlagsTheCommit() {
    // A run of six, then a separate run of two: the first alone crosses min-run.
    List<Line> lines = new ArrayList<>(add("src/cfg.py", AI_CODE, 1).added());
    lines.addAll(add("src/cfg.py", AI_CODE.subList(0, 2), 20).added());
    Thresholds runOnly = new Thresholds(6, 0, 1.0, 1000, 0);
    assertTrue(scoreOfMove(List.of(new PathLines("src/cfg.py", lines, List.of())), runOnly).isPresent());
    List<Line> reversed = new ArrayList<>(add("src/cfg.py", AI_CODE.subList(0, 2), 1).added());
    reversed.addAll(add("src/cfg.py", AI_CODE, 20).added());
    assertTrue(scoreOfMove(List.of(new PathLines("src/cfg.py", reversed, List.of())), runOnly).isPresent());
    // A run that a new human line right after it ends, with nothing after.
    List<Line> ended = new ArrayList<>(add("src/cfg.py", AI_CODE, 1).added());
    ended.add(new Line(7, "closing_summary = summarize_config(parsed_values)"));
    assertTrue(scoreOfMove(List.of(new PathLines("src/cfg.py", ended, List.of())), runOnly).isPresent());
  }

  @Test
  void linesCommonToManyCommitsDoNotCountTowardsTheShare() {
    AiLineIndex index = new AiLineIndex();
    index.record("a1", List.of(add("scratch/cfg.py", AI_CODE, 1)), "aider");
    List<String> common = List.of("logger_instance = get_logger(module_name)", "config_values = load_settings(env_name)");
    for (int i = 0; i < AiLineIndex.DF_CAP; i++) {
      index.record("h" + i, List.of(add("lib/m" + i + ".py", common, 1)), null);
    }
    // Six AI lines and two lines eight human commits added: 6 of 6 counted, not 6 of 8.
    List<PathLines> commit = List.of(add("src/cfg.py", AI_CODE, 1), add("src/other.py", common, 1));
    assertTrue(index.score(commit, new Thresholds(1000, 0, 0.8, 6, 0)).isPresent());
  }
}
