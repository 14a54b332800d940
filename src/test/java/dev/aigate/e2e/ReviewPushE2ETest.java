package dev.aigate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Fixtures;
import dev.aigate.testing.SshKeygen;
import dev.aigate.testing.TestRepo;
import dev.aigate.testing.TestRepo.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed reviews over real pushes: a bare repository whose pre-receive hook runs the real jar,
 * keys and signatures from the real ssh-keygen, the branch and the notes ref pushed atomically,
 * the notes ref alone before the branch, and notes updates the hook refuses.
 */
class ReviewPushE2ETest {
  private static final String CLAUDE = Fixtures.CLAUDE;
  private static final String NOTES = "refs/notes/aigate/reviews";

  @TempDir Path tmp;
  TestRepo work;
  Path server;
  Path alice;
  Path policy;

  @BeforeEach
  void setUp() throws Exception {
    SshKeygen kg = new SshKeygen(Files.createDirectories(tmp.resolve("keys")));
    alice = kg.key("alice", "-t", "ed25519");
    Path allowed = tmp.resolve("allowed_signers");
    Files.writeString(allowed, "alice@example.com " + kg.publicKey(alice) + "\n");
    Path policy = tmp.resolve("server.yml");
    Files.writeString(policy, "version: 1\nreview:\n  evidence: signed\n  repo-id: acme/payments\n"
        + "  signatures: {allowed-signers: " + allowed + "}\n"
        + "rules:\n  - {id: core, paths: [\"src/**\"], action: require-review}\ndefault: allow\n");
    work = TestRepo.init(tmp.resolve("work"), RealJar.HOME);
    server = tmp.resolve("server.git");
    work.git("init", "-q", "--bare", "-b", "main", server.toString());
    work.git("remote", "add", "origin", server.toString());
    Result install = RealJar.aigate(work, "-C", server.toString(), "--policy", policy.toString(), "install", "--server");
    assertEquals(0, install.exitCode(), install.output());
    // The client reads the same policy; committing it would need a signed review of its own.
    this.policy = policy;
    work.write("src/A.java", "class A {}\n");
    work.commitAll("base");
    assertEquals(0, push("main").exitCode());
    work.git("fetch", "-q", "origin");
  }

  private Result push(String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "push";
    full[1] = "origin";
    System.arraycopy(args, 0, full, 2, args.length);
    return work.run(RealJar.hookEnv(), full);
  }

  private String aiCommitSigned() {
    work.write("src/A.java", "class A { int ai; }\n");
    String ai = work.commitAll("Tune A\n\n" + CLAUDE);
    Result sign = RealJar.aigate(work, "review", "sign", "--yes", "--key", alice.toString(), "--target", "main",
        "--policy", policy.toString());
    assertEquals(0, sign.exitCode(), sign.output());
    return ai;
  }

  private String onServer(String ref) {
    return work.git("--git-dir", server.toString(), "rev-parse", ref).strip();
  }

  @Test
  void theBranchAndItsReviewPushedAtomicallyAreAccepted() {
    String ai = aiCommitSigned();
    Result r = push("--atomic", "main", NOTES);
    assertEquals(0, r.exitCode(), r.output());
    assertEquals(ai, onServer("main"));
    assertEquals(work.git("rev-parse", NOTES).strip(), onServer(NOTES));
  }

  @Test
  void withoutItsReviewTheBranchIsRejectedThenTheReviewPushedAloneLetsItIn() {
    String ai = aiCommitSigned();
    Result bare = push("main");
    assertEquals(1, bare.exitCode(), bare.output());
    assertTrue(bare.stderr().contains("aigate review sign " + ai + " --target refs/heads/main"), bare.stderr());
    Result notes = push(NOTES);
    assertEquals(0, notes.exitCode(), notes.output());
    Result branch = push("main");
    assertEquals(0, branch.exitCode(), branch.output());
  }

  @Test
  void aigateReviewPushSendsTheNotesThroughTheHook() {
    aiCommitSigned();
    Result p = work.exec(List.of(RealJar.java(), "-jar", RealJar.JAR.toString(), "review", "push", "--policy",
        policy.toString()), RealJar.hookEnv(),
        work.dir());
    assertEquals(0, p.exitCode(), p.output());
    assertEquals(work.git("rev-parse", NOTES).strip(), onServer(NOTES));
  }

  @Test
  void theHookRefusesRewritingOrDeletingTheReviewNotes() {
    aiCommitSigned();
    assertEquals(0, push(NOTES).exitCode());
    String tree = work.git("rev-parse", NOTES + "^{tree}").strip();
    String orphan = work.git("commit-tree", tree, "-m", "rewritten").strip();
    Result rewrite = push("-f", orphan + ":" + NOTES);
    assertEquals(1, rewrite.exitCode(), rewrite.output());
    assertTrue(rewrite.stderr().contains("not a fast-forward"), rewrite.stderr());
    Result delete = push(":" + NOTES);
    assertEquals(1, delete.exitCode(), delete.output());
    assertTrue(delete.stderr().contains("deleting the review notes ref would take review records away"), delete.stderr());
    assertEquals(work.git("rev-parse", NOTES).strip(), onServer(NOTES));
  }
}
