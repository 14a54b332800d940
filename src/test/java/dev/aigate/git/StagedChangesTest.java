package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staged change must be what git will commit: checked against {@code git diff --cached} on
 * repositories in the states that trip hook tools.
 */
class StagedChangesTest {
  @TempDir Path tmp;

  private Map<String, String> env(TestRepo repo) {
    Map<String, String> env = repo.env();
    return env;
  }

  private List<FileChange> staged(TestRepo repo) throws RepositoryException {
    try (Workspace git = Workspace.open(repo.dir(), env(repo))) {
      return git.staged(true);
    }
  }

  /** What git says, as "K path" / "R old -> new" lines, to compare with ours. */
  private static Set<String> gitView(TestRepo repo) {
    String[] f = repo.git("diff", "--cached", "-z", "--name-status", "-M").split("\0");
    Set<String> out = new TreeSet<>();
    for (int i = 0; i + 1 < f.length; ) {
      char k = f[i].charAt(0);
      if (k == 'R' || k == 'C') {
        out.add(k + " " + f[i + 1] + " -> " + f[i + 2]);
        i += 3;
      } else {
        out.add(k + " " + f[i + 1]);
        i += 2;
      }
    }
    return out;
  }

  private static Set<String> ourView(List<FileChange> changes) {
    return changes.stream().map(c -> switch (c.kind()) {
      case RENAME -> "R " + c.oldPath() + " -> " + c.path();
      case COPY -> "C " + c.oldPath() + " -> " + c.path();
      default -> c.kind().name().charAt(0) + " " + c.path();
    }).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void firstCommitWithoutHead() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write("src/A.java", "class A {}\n").write("README.md", "hi\n");
    repo.git("add", "-A");
    List<FileChange> changes = staged(repo);
    assertEquals(gitView(repo), ourView(changes));
    try (Workspace git = Workspace.open(repo.dir(), env(repo))) {
      assertTrue(!git.hasHead());
    }
    FileChange a = changes.stream().filter(c -> c.path().equals("src/A.java")).findFirst().orElseThrow();
    assertEquals(List.of(new FileChange.AddedLine(1, "class A {}")), a.addedLines());
  }

  @Test
  void modificationsGiveOnlyTheAddedLines() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write("a.txt", "one\ntwo\nthree\n");
    repo.commitAll("base");
    repo.write("a.txt", "one\nTWO\nthree\nfour\n");
    repo.git("add", "a.txt");
    FileChange a = staged(repo).get(0);
    assertEquals(List.of(new FileChange.AddedLine(2, "TWO"), new FileChange.AddedLine(4, "four")), a.addedLines());
  }

  @Test
  void detachedHeadIsJustAnotherHead() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write("a.txt", "1\n");
    repo.commitAll("one");
    repo.write("a.txt", "2\n");
    repo.commitAll("two");
    repo.git("checkout", "-q", "--detach", "HEAD~1");
    repo.write("b.txt", "b\n");
    repo.git("add", "b.txt");
    assertEquals(Set.of("A b.txt"), ourView(staged(repo)));
  }

  @Test
  void awkwardPathsSurviveIntact() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write("base.txt", "x\n");
    repo.commitAll("base");
    repo.write("dir with space/f i.txt", "a\n").write("données/é.txt", "b\n").write("odd\nname.txt", "c\n");
    repo.git("add", "-A");
    Set<String> ours = ourView(staged(repo));
    assertEquals(Set.of("A dir with space/f i.txt", "A données/é.txt", "A odd\nname.txt"), ours);
    assertEquals(gitView(repo), ours);
  }

  @Test
  void nonUtf8PathIsReadNotDropped() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write("base.txt", "x\n");
    repo.commitAll("base");
    // A Latin-1 file name, staged straight into the index as old tools and other systems leave them.
    TestRepo.Result r = repo.exec(List.of("sh", "-c",
        "git update-index --add --cacheinfo 100644,$(git hash-object -w base.txt),\"$(printf 'caf\\351.txt')\""),
        Map.of(), repo.dir());
    assertEquals(0, r.exitCode(), r.output());
    List<FileChange> changes = staged(repo);
    assertEquals(1, changes.size());
    assertTrue(changes.get(0).path().startsWith("caf"), changes.get(0).path());
  }

  @Test
  void binaryFilesAreTouchedPathsWithoutLines() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write("base.txt", "x\n");
    repo.commitAll("base");
    repo.writeBytes("img.bin", new byte[] {1, 2, 0, 3, '\n', 4});
    repo.git("add", "-A");
    FileChange bin = staged(repo).get(0);
    assertEquals(FileChange.EntryType.BINARY, bin.entryType());
    assertEquals(List.of(), bin.addedLines());
  }

  @Test
  void intentToAddIsNotPartOfTheCommit() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write("base.txt", "x\n");
    repo.commitAll("base");
    repo.write("src/new.java", "class N {}\n");
    repo.git("add", "-N", "src/new.java");
    assertEquals(Set.of(), gitView(repo));
    assertEquals(Set.of(), ourView(staged(repo)));
  }

  @Test
  void renamesIntoAndOutOfProtectedPathsCarryBothPaths() throws Exception {
    TestRepo repo = TestRepo.init(tmp);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      body.append("line ").append(i).append('\n');
    }
    repo.write("src/Secret.java", body.toString()).write("public/In.java", body.toString().replace("line", "row"));
    repo.commitAll("base");
    repo.git("mv", "src/Secret.java", "public/Secret.java");
    repo.git("mv", "public/In.java", "src/In.java");
    List<FileChange> changes = staged(repo);
    assertEquals(gitView(repo), ourView(changes));
    Set<String> allPaths = changes.stream().flatMap(c -> c.paths().stream()).collect(Collectors.toSet());
    assertEquals(Set.of("src/Secret.java", "public/Secret.java", "public/In.java", "src/In.java"), allPaths);
  }

  @Test
  void symlinkAndSubmoduleAreTouchedPaths() throws Exception {
    TestRepo sub = TestRepo.init(tmp.resolve("sub"));
    sub.write("s.txt", "s\n");
    sub.commitAll("sub");
    TestRepo repo = TestRepo.init(tmp.resolve("super")).write("target.txt", "t\n");
    repo.commitAll("base");
    Files.createSymbolicLink(repo.dir().resolve("link"), Path.of("target.txt"));
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir().toString(), "vendor/sub");
    repo.git("add", "-A");
    List<FileChange> changes = staged(repo);
    assertEquals(gitView(repo), ourView(changes));
    FileChange link = changes.stream().filter(c -> c.path().equals("link")).findFirst().orElseThrow();
    assertEquals(FileChange.EntryType.SYMLINK, link.entryType());
    assertEquals(List.of(new FileChange.AddedLine(1, "target.txt")), link.addedLines());
    FileChange gitlink = changes.stream().filter(c -> c.path().equals("vendor/sub")).findFirst().orElseThrow();
    assertEquals(FileChange.EntryType.SUBMODULE, gitlink.entryType());
  }

  /** The JGit reader this replaced agreed with git here; git with this config alone does not. */
  @Test
  void ignoreSubmodulesConfigDoesNotHideAStagedGitlink() throws Exception {
    TestRepo sub = TestRepo.init(tmp.resolve("sub"));
    sub.write("s.txt", "s\n");
    sub.commitAll("sub");
    TestRepo repo = TestRepo.init(tmp.resolve("super")).write("target.txt", "t\n");
    repo.commitAll("base");
    repo.git("config", "diff.ignoreSubmodules", "all");
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir().toString(), "core/sub");
    assertEquals("", repo.git("diff", "--cached", "--name-only", "--", "core/sub").strip(),
        "precondition: git itself hides the gitlink under this config");
    Set<String> paths = staged(repo).stream().map(FileChange::path).collect(Collectors.toSet());
    assertTrue(paths.contains("core/sub"), paths.toString());
  }

  @Test
  void theStagedPolicyIsReadNotTheWorkTreeOne() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write(".aigate.yml", "staged: yes\n");
    repo.git("add", ".aigate.yml");
    repo.write(".aigate.yml", "work tree: yes\n");
    try (Workspace w = Workspace.open(repo.dir(), env(repo))) {
      assertEquals(Optional.of("staged: yes\n"), w.stagedFile(".aigate.yml"));
      assertEquals(Optional.empty(), w.stagedFile("absent.yml"));
    }
  }

  @Test
  void theStagedPolicyFollowsGitIndexFile() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write(".aigate.yml", "main index\n");
    repo.git("add", ".aigate.yml");
    repo.commitAll("base");
    repo.write(".aigate.yml", "other index\n");
    Map<String, String> env = env(repo);
    Path other = tmp.resolve("other-index");
    Files.copy(repo.dir().resolve(".git/index"), other);
    env.put("GIT_INDEX_FILE", other.toString());
    assertEquals(0, repo.run(Map.of("GIT_INDEX_FILE", other.toString()), "add", ".aigate.yml").exitCode());
    try (Workspace w = Workspace.open(repo.dir(), env)) {
      assertEquals(Optional.of("other index\n"), w.stagedFile(".aigate.yml"));
    }
  }

  @Test
  void anUnmergedPolicyIsAnErrorNotAnAbsence() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write(".aigate.yml", "version: 1\n");
    repo.commitAll("base");
    repo.git("checkout", "-q", "-b", "other");
    repo.write(".aigate.yml", "version: 1\nmode: warn\n").commitAll("other");
    repo.git("checkout", "-q", "-");
    repo.write(".aigate.yml", "version: 1\nmode: enforce\n").commitAll("mine");
    assertEquals(1, repo.run(Map.of(), "merge", "-q", "other").exitCode(), "precondition: a conflict");
    try (Workspace w = Workspace.open(repo.dir(), env(repo))) {
      RepositoryException e = assertThrows(RepositoryException.class, () -> w.stagedFile(".aigate.yml"));
      assertTrue(e.getMessage().contains("unresolved merge conflicts"), e.getMessage());
    }
  }

  @Test
  void splitIndexIsReadAsGitReadsIt() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write("a.txt", "a\n");
    repo.commitAll("base");
    repo.git("update-index", "--split-index");
    repo.write("b.txt", "b\nb2\n").write("a.txt", "a\nmore\n");
    repo.git("add", "-A");
    assertTrue(Arrays.stream(repo.dir().resolve(".git").toFile().list()).anyMatch(n -> n.startsWith("sharedindex.")));
    List<FileChange> changes = staged(repo);
    assertEquals(gitView(repo), ourView(changes));
    FileChange b = changes.stream().filter(c -> c.path().equals("b.txt")).findFirst().orElseThrow();
    assertEquals(List.of(new FileChange.AddedLine(1, "b"), new FileChange.AddedLine(2, "b2")), b.addedLines());
  }

  @Test
  void sparseIndexIsReadAsGitReadsIt() throws Exception {
    TestRepo repo = TestRepo.init(tmp).write("d1/x.txt", "x\n").write("d2/y.txt", "y\n");
    repo.commitAll("base");
    repo.git("sparse-checkout", "set", "--cone", "--sparse-index", "d2");
    repo.write("d2/z.txt", "z\n");
    repo.git("add", "d2/z.txt");
    assertEquals(Set.of("A d2/z.txt"), ourView(staged(repo)));
  }

  @Test
  void sha256RepositoriesAreRefusedClearly() {
    TestRepo repo = TestRepo.init(tmp, "--object-format=sha256");
    RepositoryException e = assertThrows(RepositoryException.class, () -> Workspace.open(repo.dir(), env(repo)));
    assertTrue(e.getMessage().contains("sha256 object format"), e.getMessage());
  }

  @Test
  void notARepositoryIsSaidSo() {
    Map<String, String> env = TestRepo.baseEnv(tmp);
    RepositoryException e = assertThrows(RepositoryException.class, () -> Workspace.open(tmp, env));
    assertTrue(e.getMessage().startsWith("not a git repository"), e.getMessage());
  }
}
