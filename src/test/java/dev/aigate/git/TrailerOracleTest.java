package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.TestRepo;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the trailer oracle in {@code src/test/resources/trailer-cases}, judged by the git on
 * this machine: the commit-object view must equal {@code git log %(trailers:only,unfold)} of the
 * message stored verbatim with {@code commit-tree}, and the message-file view must equal {@code git
 * interpret-trailers --parse}. git is asked at test time, so the test holds for whatever git runs
 * the hooks, not for the version that once produced a file.
 */
class TrailerOracleTest {
  @TempDir static Path tmp;
  private static TestRepo repo;
  private static String emptyTree;

  @BeforeAll
  static void repository() {
    repo = TestRepo.init(tmp);
    emptyTree = repo.git("hash-object", "-t", "tree", "-w", "/dev/null").strip();
  }

  static Stream<Arguments> cases() throws IOException {
    Path dir = Path.of(System.getProperty("user.dir"), "src/test/resources/trailer-cases");
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
    String commit = git(dir, null, "commit-tree", emptyTree, "-F", dir.resolve("message").toString()).strip();
    String log = git(dir, null, "log", "-1", "--format=%(trailers:only=true,unfold=true)", commit);
    assertEquals(expected(log, syntax), render(actual));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void messageFileViewMatchesInterpretTrailers(String name, Path dir) throws IOException {
    TrailerSyntax syntax = syntax(dir);
    String message = read(dir.resolve("message"));
    List<String> args = Files.exists(dir.resolve("args"))
        ? read(dir.resolve("args")).lines().filter(l -> !l.isBlank()).toList() : List.of();
    List<Trailer> actual = new TrailerParser(syntax).parse(message, args.contains("--no-divider"));
    List<String> command = new ArrayList<>(List.of("interpret-trailers", "--parse"));
    command.addAll(args);
    String parsed = git(dir, dir.resolve("message"), command.toArray(String[]::new));
    assertEquals(expected(parsed, syntax), render(actual));
  }

  /** git with the case's {@code config} as {@code -c} options, optionally reading a file on stdin. */
  private static String git(Path dir, Path stdin, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("git"));
    for (String line : configLines(dir)) {
      cmd.add("-c");
      cmd.add(line);
    }
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.dir().toFile());
    pb.environment().putAll(Map.of("HOME", tmp.resolve("home").toString(), "GIT_CONFIG_NOSYSTEM", "1", "LC_ALL", "C"));
    pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
        : ProcessBuilder.Redirect.from(stdin.toFile()));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertEquals(0, p.waitFor(), () -> "git " + cmd + " failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return out;
  }

  private static List<String> configLines(Path dir) throws IOException {
    Path config = dir.resolve("config");
    return Files.exists(config) ? read(config).lines().filter(l -> !l.isBlank()).toList() : List.of();
  }

  private static TrailerSyntax syntax(Path dir) throws IOException {
    String comment = "#";
    String separators = ":";
    List<TrailerSyntax.ConfiguredKey> keys = new ArrayList<>();
    for (String line : configLines(dir)) {
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
    return new TrailerSyntax(comment, separators, keys);
  }

  /** Tokens and values, not the rendered separator (git 2.39 and 2.55 render case 53 differently). */
  private static List<String> expected(String gitOutput, TrailerSyntax syntax) {
    List<String> out = new ArrayList<>();
    for (String line : gitOutput.split("\n")) {
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
