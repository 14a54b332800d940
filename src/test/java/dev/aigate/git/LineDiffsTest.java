package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aigate.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines git's diff-tree prints, read back exactly, whatever their length and the buffer's edges. */
class LineDiffsTest {
  @TempDir Path tmp;

  @Test
  void everyAddedLineComesBackWithItsNumberAcrossBufferEdgesAndOverlongLines() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("README.md", "base\n");
    repo.commitAll("base");
    List<String> lines = new ArrayList<>();
    // Lengths that straddle the 64 KiB read buffer at many offsets, empty lines, and lines longer
    // than the kept limit (in one buffer and across several).
    for (int i = 0; i < 3_000; i++) {
      lines.add(i % 7 == 0 ? "" : "line " + i + " " + "x".repeat(i % 97));
    }
    lines.add(1_000, "y".repeat(LineDiffs.MAX_LINE * 4 + 10));
    lines.add(2_000, "z".repeat(300_000));
    lines.add("é".repeat(LineDiffs.MAX_LINE + 5));
    repo.write("src/file.txt", String.join("\n", lines) + "\n");
    String commit = repo.commitAll("many lines");
    try (GitRepo git = GitRepo.open(repo.dir(), repo.env()); History history = git.history();
        LineDiffs diffs = history.lineDiffs(List.of(commit))) {
      LineDiffs.CommitLines got = diffs.next();
      assertFalse(got.truncated());
      assertEquals(1, got.files().size());
      LineDiffs.PathLines file = got.files().get(0);
      assertEquals("src/file.txt", file.path());
      assertEquals(lines.size(), file.added().size());
      for (int i = 0; i < lines.size(); i++) {
        String want = lines.get(i);
        String kept = want.substring(0, Math.min(want.length(), LineDiffs.MAX_LINE));
        assertEquals(i + 1, file.added().get(i).number(), "line number of line " + i);
        assertEquals(kept, file.added().get(i).text(), "text of line " + i);
      }
      assertFalse(diffs.hasNext());
    }
  }
}
