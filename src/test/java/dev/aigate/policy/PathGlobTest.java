package dev.aigate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The glob table in docs/policy.md is the specification; every row is a case here. */
class PathGlobTest {

  static Stream<Arguments> documentedTable() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("docs/policy.md"));
    int start = lines.indexOf("<!-- glob-table:start -->");
    int end = lines.indexOf("<!-- glob-table:end -->");
    assertTrue(start >= 0 && end > start, "docs/policy.md lost its glob table markers");
    List<Arguments> rows = new ArrayList<>();
    for (String line : lines.subList(start + 3, end)) {
      String[] cells = line.split("\\|");
      String pattern = unbacktick(cells[1]);
      String path = unbacktick(cells[2]);
      boolean covered = cells[3].strip().equals("yes");
      rows.add(Arguments.of(pattern, path, covered));
    }
    assertTrue(rows.size() >= 30, "the table has at least 30 rows");
    return rows.stream();
  }

  private static String unbacktick(String cell) {
    String s = cell.strip();
    return s.substring(1, s.length() - 1);
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @MethodSource("documentedTable")
  void documentedExample(String pattern, String path, boolean covered) {
    assertEquals(covered, PathGlob.compile(pattern).covers(path));
  }

  static Stream<Arguments> linksAt() {
    return Stream.of(
        Arguments.of("evals/**", "evals", true),
        Arguments.of("evals/*.jsonl", "evals", true),
        Arguments.of("/evals/", "evals", true),
        Arguments.of("*.pem", "certs", true),
        Arguments.of("**/secrets/**", "app", true),
        Arguments.of("src/main/**", "src", true),
        Arguments.of("src/**", "srcs", false),
        Arguments.of("src/**", "docs", false),
        Arguments.of("evals/**", "evaluation", false),
        Arguments.of("/data/train/**", "other/data", false));
  }

  @ParameterizedTest(name = "{0} may cover a path below {1}: {2}")
  @MethodSource("linksAt")
  void whatALinkMayShowBelowItsPath(String pattern, String dir, boolean may) {
    assertEquals(may, PathGlob.compile(pattern).mayCoverBelow(dir));
  }

  @Test
  void lastMatchingPatternDecides() {
    PathSet set = new PathSet(List.of(PathGlob.compile("src/**"), PathGlob.compile("!src/generated/**")));
    assertTrue(set.matches("src/Main.java"));
    assertFalse(set.matches("src/generated/Parser.java"));
    assertFalse(set.matches("docs/x.md"));
    PathSet reincluded = new PathSet(List.of(PathGlob.compile("src/**"), PathGlob.compile("!src/generated/**"),
        PathGlob.compile("src/generated/keep.java")));
    assertTrue(reincluded.matches("src/generated/keep.java"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!", "/", "[abc", "x\\", "a[/]b", "[]"})
  void invalidPatternsAreRejected(String pattern) {
    assertThrows(IllegalArgumentException.class, () -> PathGlob.compile(pattern));
  }

  @Test
  void pathsWithNewlinesAreMatchedLiterally() {
    assertTrue(PathGlob.compile("src/**").covers("src/odd\nname.txt"));
    assertTrue(PathGlob.compile("*.txt").covers("dir/odd\nname.txt"));
  }
}
