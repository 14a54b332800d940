package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.aigate.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings the hooks read, as git itself resolves them. */
class WorkspaceTest {
  @TempDir Path tmp;

  @Test
  void theGitReaderSeesRepositoryConfigAndGitDashCSettings() throws Exception {
    TestRepo repo = TestRepo.init(tmp);
    repo.git("config", "trailer.coauthor.key", "Co-Authored-By");
    repo.git("config", "trailer.separators", ":#");
    repo.git("config", "commit.cleanup", "scissors");
    Map<String, String> env = repo.env();
    // What `git -c core.commentChar=; commit` passes to its hooks.
    env.put("GIT_CONFIG_COUNT", "1");
    env.put("GIT_CONFIG_KEY_0", "core.commentChar");
    env.put("GIT_CONFIG_VALUE_0", ";");
    env.put("GIT_AUTHOR_NAME", "Ada Author");
    env.put("GIT_AUTHOR_EMAIL", "ada@example.com");
    try (Workspace w = Workspace.open(repo.dir(), env)) {
      assertInstanceOf(GitWorkspace.class, w);
      assertEquals(new TrailerSyntax(";", ":#", List.of(new TrailerSyntax.ConfiguredKey("coauthor", "Co-Authored-By"))),
          w.trailerSyntax());
      assertEquals(MessageCleanup.Mode.SCISSORS, w.cleanupMode());
      assertEquals(new Identity("Ada Author", "ada@example.com"), w.pendingAuthor());
      assertEquals(new Identity("Jane Dev", "jane@example.com"), w.pendingCommitter());
      assertEquals(repo.dir().toRealPath(), w.root().toRealPath());
    }
  }

  @Test
  void configListParsingKeepsSubsectionsAndTheLastValue() {
    GitWorkspace.Config c = GitWorkspace.Config.parse(
        "core.commentchar\n#\0core.commentchar\n;\0trailer.my.key.with.dots.key\nX-Key\0core.bare\0".getBytes());
    assertEquals(";", c.get("core", null, "commentChar"));
    assertEquals("X-Key", c.get("trailer", "my.key.with.dots", "key"));
    assertEquals("true", c.get("core", null, "bare"), "a key without a value is boolean true");
    assertEquals(Set.of("my.key.with.dots"), c.subsections("trailer"));
  }
}
