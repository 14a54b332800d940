package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ref shortcut answers exactly what JGit's exactRef answers, loose or packed. */
class RefFilesTest {
  @TempDir Path tmp;

  private static final List<String> NAMES = List.of("HEAD", "refs/heads/main", "refs/heads/main2", "refs/heads/mai",
      "refs/heads/loose", "refs/heads/alias", "refs/heads/chain", "refs/heads/gone", "refs/tags/v1", "refs/tags/light",
      "refs/notes/ai", "refs/heads/x/refs/heads/main", "refs/changes/01/1/1", "refs/heads/unborn");

  @Test
  void answersAsJGitDoesForLoosePackedSymbolicAndAbsentRefs() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("r"));
    String one = repo.write("a", "1").commitAll("one");
    String two = repo.write("a", "2").commitAll("two");
    repo.git("branch", "main2", one);
    repo.git("branch", "x/refs/heads/main", one);
    repo.git("update-ref", "refs/changes/01/1/1", one);
    repo.git("tag", "-a", "-m", "v1", "v1", one);
    repo.git("tag", "light", two);
    repo.git("branch", "gone", one);
    repo.git("pack-refs", "--all");
    // Loose after packing: the loose value wins over the packed one, as in git.
    repo.git("update-ref", "refs/heads/main2", two);
    repo.git("branch", "loose", two);
    repo.git("branch", "-D", "gone");
    repo.git("symbolic-ref", "refs/heads/alias", "refs/heads/main");
    repo.git("symbolic-ref", "refs/heads/chain", "refs/heads/alias");
    compare(repo);
    repo.git("symbolic-ref", "HEAD", "refs/heads/unborn");
    compare(repo);
    repo.git("update-ref", "--no-deref", "HEAD", one);
    compare(repo);
  }

  @Test
  void aBareRepositoryWithEverythingPackedAndNoPackedRefsFile() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("r"));
    repo.write("a", "1").commitAll("one");
    compare(repo);
    repo.git("pack-refs", "--all");
    assertFalse(Files.exists(repo.dir().resolve(".git/refs/heads/main")));
    compare(repo);
  }

  private static void compare(TestRepo repo) throws Exception {
    try (Repository jgit = new FileRepositoryBuilder().setGitDir(repo.dir().resolve(".git").toFile()).build()) {
      RefFiles files = RefFiles.of(jgit).orElseThrow();
      for (String name : NAMES) {
        Ref r = jgit.exactRef(name);
        RefFiles.Answer a = files.exact(name);
        if (r == null) {
          assertInstanceOf(RefFiles.Answer.Absent.class, a, name);
        } else {
          RefFiles.Answer.Found f = assertInstanceOf(RefFiles.Answer.Found.class, a, name);
          assertEquals(r.getObjectId(), f.id(), name);
          assertEquals(r.isSymbolic() ? r.getTarget().getName() : null, f.target(), name);
        }
      }
      assertTrue(files.exact("refs/../HEAD") instanceof RefFiles.Answer.Unknown, "path tricks go to JGit");
    }
  }
}
