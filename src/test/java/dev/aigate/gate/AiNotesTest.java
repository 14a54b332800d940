package dev.aigate.gate;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git-ai notes ({@code refs/notes/ai}) as AI evidence, through the real audit and pre-receive entry points. */
class AiNotesTest {
  private static final String POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      rules:
        - {id: core, paths: ["src/**"], action: require-review}
      default: allow
      """;
  private static final String CLAUDE_NOTE = """
      src/A.java
        s_0123456789abcd::t_0123456789abcd 1-3
      ---
      {"schema_version": "authorship/3.0.0", "prompts": {},
       "sessions": {"s_0123456789abcd": {"agent_id": {"tool": "claude", "id": "x", "model": "claude-opus-4-6"}}}}
      """;
  private static final String HUMAN_NOTE = """
      src/A.java
        h_aaaaaaaaaaaaaa 1-3
      ---
      {"schema_version": "authorship/3.0.0", "prompts": {}, "humans": {"h_aaaaaaaaaaaaaa": {"author": "Jane"}}}
      """;

  @TempDir Path tmp;
  TestRepo repo;
  Path server;
  String base;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".aigate.yml", POLICY).write("README.md", "project\n");
    base = repo.commitAll("base");
    server = tmp.resolve("server.git");
    repo.git("init", "-q", "--bare", "-b", "main", server.toString());
    repo.git("remote", "add", "origin", server.toString());
    repo.git("push", "-q", "origin", "main");
  }

  private String note(String commit, String text) throws Exception {
    Path f = tmp.resolve("note.txt");
    Files.writeString(f, text);
    repo.git("notes", "--ref=ai", "add", "-f", "-F", f.toString(), commit);
    return repo.git("rev-parse", "refs/notes/ai").strip();
  }

  private Run preReceive(String stdin) {
    Map<String, String> env = new HashMap<>(repo.env());
    env.put("GIT_DIR", ".");
    return Runs.aigateWithInput(server, env, stdin, "hook", "pre-receive");
  }

  private void stage(String rev) {
    repo.git("push", "-q", "-f", "origin", rev + ":refs/staging/" + Integer.toHexString(rev.hashCode()));
  }

  @Test
  void aHumanLookingCommitThatAGitAiNoteAttributesIsAiInTheAudit() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A");
    note(c, CLAUDE_NOTE);
    Run audit = aigate(repo, "audit", "--format", "json");
    assertEquals(1, audit.exitCode(), audit.output());
    assertTrue(audit.out().contains("git-ai note"), audit.out());
    assertTrue(audit.out().contains("claude-code"), "the note's tool is the catalogue's: " + audit.out());
  }

  @Test
  void aNoteClaimingHumanLinesForAnAiAttributedCommitChangesNothing() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A\n\n" + Fixtures.CLAUDE);
    note(c, HUMAN_NOTE);
    Run audit = aigate(repo, "audit");
    assertEquals(1, audit.exitCode(), audit.output());
  }

  @Test
  void aNotePushedAtomicallyWithTheBranchIsJudgedWithIt() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A");
    String notes = note(c, CLAUDE_NOTE);
    stage(c);
    stage(notes);
    String zero = "0".repeat(40);
    Run r = preReceive(base + " " + c + " refs/heads/main\n" + zero + " " + notes + " refs/notes/ai\n");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("git-ai note"), r.output());
  }

  @Test
  void aNoteAlreadyOnTheServerIsReadForTheCommitsItAnnotates() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A");
    note(c, CLAUDE_NOTE);
    repo.git("push", "-q", "origin", "refs/notes/ai");
    stage(c);
    Run r = preReceive(base + " " + c + " refs/heads/main\n");
    assertEquals(1, r.exitCode(), r.output());
  }

  @Test
  void deletingOrRewritingGitAiNotesIsRefused() throws Exception {
    String first = note(base, CLAUDE_NOTE.replace("src/A.java", "README.md"));
    repo.git("push", "-q", "origin", "refs/notes/ai");
    Run delete = preReceive(first + " " + "0".repeat(40) + " refs/notes/ai\n");
    assertEquals(1, delete.exitCode(), delete.output());
    assertTrue(delete.output().contains("take AI evidence away"), delete.output());
    repo.git("update-ref", "-d", "refs/notes/ai");
    String other = note(base, HUMAN_NOTE);
    stage(other);
    Run rewrite = preReceive(first + " " + other + " refs/notes/ai\n");
    assertEquals(1, rewrite.exitCode(), rewrite.output());
    assertTrue(rewrite.output().contains("non-fast-forward"), rewrite.output());
  }

  @Test
  void aFastForwardOfTheNotesIsAccepted() throws Exception {
    String first = note(base, HUMAN_NOTE.replace("src/A.java", "README.md"));
    repo.git("push", "-q", "origin", "refs/notes/ai");
    repo.write("docs/x.md", "x\n");
    String c = repo.commitAll("docs");
    String next = note(c, HUMAN_NOTE.replace("src/A.java", "docs/x.md"));
    stage(next);
    Run r = preReceive(first + " " + next + " refs/notes/ai\n");
    assertEquals(0, r.exitCode(), r.output());
  }
}
