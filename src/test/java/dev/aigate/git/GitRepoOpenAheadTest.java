package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aigate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository opened ahead is used only for the very request it was opened for. */
class GitRepoOpenAheadTest {
  @TempDir Path tmp;

  @Test
  void theRepositoryOpenedAheadIsTheOneAskedFor() throws Exception {
    TestRepo a = TestRepo.init(Files.createDirectories(tmp.resolve("a")));
    GitRepo.openAhead(a.dir(), a.env());
    try (GitRepo repo = GitRepo.open(a.dir(), a.env())) {
      assertEquals(a.dir().toRealPath(), repo.root().toRealPath());
    }
  }

  @Test
  void anotherDirectoryIsOpenedAfresh() throws Exception {
    TestRepo a = TestRepo.init(Files.createDirectories(tmp.resolve("a")));
    TestRepo b = TestRepo.init(Files.createDirectories(tmp.resolve("b")));
    GitRepo.openAhead(a.dir(), a.env());
    try (GitRepo repo = GitRepo.open(b.dir(), b.env())) {
      assertEquals(b.dir().toRealPath(), repo.root().toRealPath());
    }
  }

  @Test
  void anotherEnvironmentIsOpenedAfresh() throws Exception {
    TestRepo a = TestRepo.init(Files.createDirectories(tmp.resolve("a")));
    TestRepo b = TestRepo.init(Files.createDirectories(tmp.resolve("b")));
    Map<String, String> elsewhere = a.env();
    elsewhere.put("GIT_DIR", b.dir().resolve(".git").toString());
    elsewhere.put("GIT_WORK_TREE", b.dir().toString());
    GitRepo.openAhead(a.dir(), elsewhere);
    try (GitRepo repo = GitRepo.open(a.dir(), a.env())) {
      assertEquals(a.dir().toRealPath(), repo.root().toRealPath());
    }
  }

  @Test
  void aFailureToOpenIsReportedAsOpeningThenWouldReportIt() throws Exception {
    Path nothing = Files.createDirectories(tmp.resolve("nothing"));
    Map<String, String> env = Map.of("GIT_CEILING_DIRECTORIES", tmp.toString(), "HOME", tmp.toString());
    String plain = assertThrows(RepositoryException.class, () -> GitRepo.open(nothing, env)).getMessage();
    GitRepo.openAhead(nothing, env);
    RepositoryException ahead = assertThrows(RepositoryException.class, () -> GitRepo.open(nothing, env));
    assertEquals(plain, ahead.getMessage());
  }
}
