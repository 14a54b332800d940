package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.SharedReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the trailer oracle in {@code shared/reference/trailer-cases}, produced by real git:
 * the commit-object view must equal {@code git log %(trailers:only,unfold)} and the message-file
 * view must equal {@code git interpret-trailers --parse}.
 */
class TrailerOracleTest {

  static Stream<Arguments> cases() throws IOException {
    Path dir = SharedReference.path("trailer-cases/cases");
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.sorted().forEach(c -> out.add(Arguments.of(c.getFileName().toString(), c)));
    }
    assertTrue(out.size() >= 70, "the oracle has 70 cases, found " + out.size());
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void commitObjectViewMatchesGitLog(String name, Path dir) throws IOException {
    TrailerSyntax syntax = syntax(dir);
    String message = read(dir.resolve("message"));
    List<Trailer> actual = new TrailerParser(syntax).parse(message, true);
    assertEquals(expected(dir.resolve("log-trailers-only-unfold.git-2.55.0"), syntax), render(actual));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void messageFileViewMatchesInterpretTrailers(String name, Path dir) throws IOException {
    TrailerSyntax syntax = syntax(dir);
    String message = read(dir.resolve("message"));
    boolean noDivider = Files.exists(dir.resolve("args")) && read(dir.resolve("args")).contains("--no-divider");
    List<Trailer> actual = new TrailerParser(syntax).parse(message, noDivider);
    assertEquals(expected(dir.resolve("interpret-trailers-parse.git-2.55.0"), syntax), render(actual));
  }

  private static TrailerSyntax syntax(Path dir) throws IOException {
    Path config = dir.resolve("config");
    String comment = "#";
    String separators = ":";
    List<TrailerSyntax.ConfiguredKey> keys = new ArrayList<>();
    if (Files.exists(config)) {
      for (String line : read(config).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        int eq = line.indexOf('=');
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1);
        if (key.equals("core.commentChar")) {
          comment = value;
        } else if (key.equals("trailer.separators")) {
          separators = value;
        } else if (key.startsWith("trailer.") && key.endsWith(".key")) {
          keys.add(new TrailerSyntax.ConfiguredKey(key.substring(8, key.length() - 4), value));
        } else {
          throw new IllegalStateException("config the test does not know: " + line);
        }
      }
    }
    return new TrailerSyntax(comment, separators, keys);
  }

  /** Tokens and values, not the rendered separator (git 2.39 and 2.55 render case 53 differently). */
  private static List<String> expected(Path file, TrailerSyntax syntax) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : read(file).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int sep = -1;
      for (int i = 0; i < line.length(); i++) {
        if (syntax.separators().indexOf(line.charAt(i)) >= 0 || line.charAt(i) == ':') {
          sep = i;
          break;
        }
      }
      out.add(line.substring(0, sep).strip() + "|" + line.substring(sep + 1).strip());
    }
    return out;
  }

  private static List<String> render(List<Trailer> trailers) {
    return trailers.stream().map(t -> t.key() + "|" + t.value().strip()).toList();
  }

  private static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }
}
