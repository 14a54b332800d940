package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths as bytes: kept through a String, and handed to the real git exactly. */
class GitPathsTest {
  @TempDir Path tmp;

  @Test
  void everyByteSequenceSurvivesTheRoundTrip() {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[random.nextInt(24)];
      random.nextBytes(b);
      String s = GitPaths.decode(b, 0, b.length);
      assertArrayEquals(b, GitPaths.encode(s), () -> "bytes " + Arrays.toString(b));
    }
    String utf8 = "src/naïve/日本.py";
    byte[] bytes = utf8.getBytes(StandardCharsets.UTF_8);
    assertEquals(utf8, GitPaths.decode(bytes, 0, bytes.length), "valid UTF-8 is plain text");
    assertFalse(GitPaths.hasEscapes(utf8));
    String latin1 = GitPaths.decode(new byte[] {'c', (byte) 0xe9}, 0, 2);
    assertTrue(GitPaths.hasEscapes(latin1));
    assertEquals("c\uFFFD", GitPaths.text(latin1));
  }

  @Test
  void gitReceivesThePathsExactBytesWhateverTheyHold() {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    // A newline at the end, printf's own metacharacters, a quote, and a byte that is not UTF-8.
    repo.exec(List.of("sh", "-c", "printf x > \"$(printf 'odd %%s \\\\ \" 100%%\\351\\n.')\"; git add -A"), Map.of(),
        repo.dir());
    byte[] name = "odd %s \\ \" 100%\u00e9\n.".getBytes(StandardCharsets.ISO_8859_1);
    String path = GitPaths.decode(name, 0, name.length);
    List<String> cmd = GitPaths.argv(List.of("ls-files", "-z", "--error-unmatch"), path);
    assertEquals("sh", cmd.get(0), "not ASCII: through sh");
    TestRepo.Result r = repo.exec(cmd, Map.of(), repo.dir());
    assertEquals(0, r.exitCode(), r.output());
    assertEquals(List.of("git", "ls-files", "--", "plain.txt"),
        GitPaths.argv(List.of("ls-files"), "plain.txt"), "ASCII goes straight to git");
  }
}
