package dev.aigate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape rules of the code (README "Shape of the code") that a compiler does not check. */
class CodeShapeTest {
  private static final Path MAIN = Path.of("src/main/java/dev/aigate");
  /** A qualified type name in code: lower-case package segments, then a capitalised type. */
  private static final Pattern INLINE_NAME =
      Pattern.compile("(?<![\\w.\"])(?:java|javax|org|com|dev|picocli)\\.(?:[a-z]\\w*\\.)+[A-Z]\\w*");

  @Test
  void onlyTheGitPackageImportsJGit() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path f : sources()) {
      if (!f.startsWith(MAIN.resolve("git")) && Files.readString(f).contains("import org.eclipse.jgit")) {
        offenders.add(f.toString());
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void noInlineFullyQualifiedNames() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path f : sources()) {
      int n = 0;
      for (String line : Files.readAllLines(f)) {
        n++;
        String code = line.strip();
        if (code.startsWith("import ") || code.startsWith("package ") || code.startsWith("*")
            || code.startsWith("/*") || code.startsWith("//")) {
          continue;
        }
        // Strings and trailing comments may name classes.
        String bare = code.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "");
        if (INLINE_NAME.matcher(bare).find()) {
          offenders.add(f + ":" + n + ": " + code);
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }
}
