package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-ref lookups answered by the git binary ({@link GitRefs}) must say exactly what JGit says:
 * each case is asked twice, once through git and once with git out of reach (no PATH), where JGit
 * answers alone.
 */
class HistoryRefsTest {
  @TempDir Path tmp;

  private record Answers(Optional<String> head, Optional<String> branch, Optional<String> main, Optional<String> notes,
      Optional<String> tag, Optional<String> alias) {}

  private static Answers ask(TestRepo repo, Map<String, String> env) throws Exception {
    try (GitRepo git = GitRepo.open(repo.dir(), env); History h = git.history()) {
      Optional<String> head;
      try {
        head = h.headCommit();
      } catch (RepositoryException e) {
        head = Optional.of("error");
      }
      return new Answers(head, h.defaultBranch(), h.refCommit("refs/heads/main"), h.refCommit("refs/notes/ai"),
          h.refCommit("refs/tags/t"), h.symrefTarget("refs/heads/alias"));
    }
  }

  private static void sameBothWays(TestRepo repo, Answers expected) throws Exception {
    assertEquals(expected, ask(repo, repo.env()), "answered by git");
    Map<String, String> noGit = new HashMap<>(repo.env());
    noGit.put("PATH", "/nonexistent");
    assertEquals(expected, ask(repo, noGit), "answered by JGit");
  }

  @Test
  void looseAndPackedRefsSymbolicRefsAndAbsentOnes() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("r"));
    repo.write("a", "a\n");
    String c = repo.commitAll("one");
    repo.git("tag", "-a", "-m", "t", "t");
    repo.git("symbolic-ref", "refs/heads/alias", "refs/heads/main");
    Answers loose = new Answers(Optional.of(c), Optional.of("refs/heads/main"), Optional.of(c), Optional.empty(),
        Optional.of(c), Optional.of("refs/heads/main"));
    sameBothWays(repo, loose);
    repo.git("pack-refs", "--all");
    sameBothWays(repo, loose);
  }

  @Test
  void anUnbornHeadIsNotGuessedFromATagOrBranchNamedHead() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("r"));
    repo.write("a", "a\n");
    String c = repo.commitAll("one");
    repo.git("update-ref", "refs/tags/HEAD", c);
    repo.git("update-ref", "refs/heads/HEAD", c);
    repo.git("symbolic-ref", "HEAD", "refs/heads/unborn");
    // git rev-parse HEAD would answer refs/tags/HEAD's commit here.
    sameBothWays(repo, new Answers(Optional.empty(), Optional.of("refs/heads/unborn"), Optional.of(c), Optional.empty(),
        Optional.empty(), Optional.empty()));
  }

  @Test
  void aDetachedHeadAndAHeadNamingATree() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("r"));
    repo.write("a", "a\n");
    String c = repo.commitAll("one");
    repo.git("checkout", "-q", "--detach");
    repo.git("update-ref", "refs/tags/t", repo.git("rev-parse", "HEAD^{tree}").strip());
    sameBothWays(repo, new Answers(Optional.of(c), Optional.empty(), Optional.of(c), Optional.empty(), Optional.empty(),
        Optional.empty()));
    // git refuses to write it; a hand-edited or damaged repository has it.
    Files.writeString(repo.dir().resolve(".git/HEAD"), repo.git("rev-parse", "HEAD^{tree}"));
    sameBothWays(repo, new Answers(Optional.of("error"), Optional.empty(), Optional.of(c), Optional.empty(),
        Optional.empty(), Optional.empty()));
  }

  @Test
  void afterItsBudgetEveryLookupIsLeftToJgit() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("r"));
    repo.write("a", "a\n");
    String c = repo.commitAll("one");
    try (GitRepo git = GitRepo.open(repo.dir(), repo.env()); History h = git.history()) {
      GitRefs refs = new GitRefs(repo.dir().resolve(".git"), repo.env());
      for (int i = 0; i < GitRefs.LOOKUPS; i++) {
        assertEquals(new GitRefs.Answer.Names(ObjectId.fromString(c)), refs.id("refs/heads/main"));
      }
      assertEquals(new GitRefs.Answer.Unknown(), refs.id("refs/heads/main"));
      for (int i = 0; i < 3 * GitRefs.LOOKUPS; i++) {
        assertEquals(Optional.of(c), h.refCommit("refs/heads/main"));
      }
    }
  }
}
