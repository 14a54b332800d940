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
import java.util.List;
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
    // A generous deadline: a loaded CI machine must not turn a verdict into a timeout.
    return Runs.aigateWithInput(server, env, stdin, "hook", "pre-receive", "--deadline", "60s");
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
  void aFastForwardThatRemovesOrRewritesAnAiNoteIsRefused() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A");
    String noted = note(c, CLAUDE_NOTE);
    stage(c);
    repo.git("push", "-q", "origin", "refs/notes/ai");
    // 'git notes remove' commits on top: a fast-forward that takes the evidence away.
    repo.git("notes", "--ref=ai", "remove", c);
    String removed = repo.git("rev-parse", "refs/notes/ai").strip();
    stage(removed);
    Run r = preReceive(base + " " + c + " refs/heads/main\n" + noted + " " + removed + " refs/notes/ai\n");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("the note on " + c.substring(0, 12) + " is removed and no longer attributes"
        + " src/A.java to claude"), r.output());
    // Rewritten to claim the lines for a human: the same.
    String human = note(c, HUMAN_NOTE);
    stage(human);
    Run rewritten = preReceive(base + " " + c + " refs/heads/main\n" + noted + " " + human + " refs/notes/ai\n");
    assertEquals(1, rewritten.exitCode(), rewritten.output());
    assertTrue(rewritten.output().contains("is rewritten and no longer attributes"), rewritten.output());
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

  @Test
  void aNoteArrivingAfterItsCommitIsOnMainIsReportedAndLogged() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A");
    repo.git("push", "-q", "origin", "main");
    String notes = note(c, CLAUDE_NOTE);
    stage(notes);
    Run r = preReceive("0".repeat(40) + " " + notes + " refs/notes/ai\n");
    // Too late to block the commit, and refusing the notes would throw the evidence away.
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("LATE AI EVIDENCE: commit " + c.substring(0, 12) + " on refs/heads/main"),
        r.output());
    Path log = server.resolve("aigate").resolve("late-ai-notes.log");
    assertTrue(Files.readString(log).contains("\"commit\":\"" + c + "\""), Files.readString(log));
  }

  @Test
  void aLateNoteOnAReviewedOrAlreadyAiCommitIsNoNews() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String reviewed = repo.commitAll("Add A\n\nReviewed-by: Rita Reviewer <rita@example.com>");
    repo.write("src/B.java", "class B {\n  int b;\n}\n");
    String trailer = repo.commitAll("Add B\n\nCo-authored-by: Claude <noreply@anthropic.com>");
    repo.git("push", "-q", "origin", "main");
    note(reviewed, CLAUDE_NOTE);
    String notes = note(trailer, CLAUDE_NOTE.replace("src/A.java", "src/B.java"));
    stage(notes);
    Run r = preReceive("0".repeat(40) + " " + notes + " refs/notes/ai\n");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(!r.output().contains("LATE AI EVIDENCE"), r.output());
  }

  @Test
  void aLateHumanNoteOrANoteOnAnUnprotectedCommitRaisesNothing() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A");
    repo.git("push", "-q", "origin", "main");
    repo.git("checkout", "-q", "-b", "topic");
    repo.write("src/C.java", "class C {\n  int c;\n}\n");
    String topic = repo.commitAll("Add C");
    repo.git("push", "-q", "origin", "topic");
    note(c, HUMAN_NOTE);
    String notes = note(topic, CLAUDE_NOTE.replace("src/A.java", "src/C.java"));
    stage(notes);
    Run r = preReceive("0".repeat(40) + " " + notes + " refs/notes/ai\n");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(!r.output().contains("LATE AI EVIDENCE"), r.output());
  }

  @Test
  void withLateAiNotesRejectANoteThatRevealsAiInADenyPathIsRefused() throws Exception {
    repo.write(".aigate.yml", POLICY.replace("rules:\n", "rules:\n  - {id: evals, paths: [\"evals/**\"], action: deny}\n")
        + "late-ai-notes: reject\n");
    repo.commitAll("policy\n\nReviewed-by: Jane <jane@example.com>");
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String review = repo.commitAll("Add A");
    repo.write("evals/task.txt", "solve it\nthen this\nand that\n");
    String eval = repo.commitAll("Add task");
    repo.git("push", "-q", "origin", "main");
    // require-review only: reported, the notes land.
    String first = note(review, CLAUDE_NOTE);
    stage(first);
    Run reported = preReceive("0".repeat(40) + " " + first + " refs/notes/ai\n");
    assertEquals(0, reported.exitCode(), reported.output());
    assertTrue(reported.output().contains("LATE AI EVIDENCE"), reported.output());
    repo.git("push", "-q", "origin", "refs/notes/ai");
    // deny: refused until someone deals with the commit.
    String second = note(eval, CLAUDE_NOTE.replace("src/A.java", "evals/task.txt"));
    stage(second);
    Run refused = preReceive(first + " " + second + " refs/notes/ai\n");
    assertEquals(1, refused.exitCode(), refused.output());
    assertTrue(refused.output().contains("refs/notes/ai: refused: these notes show commit " + eval.substring(0, 12)),
        refused.output());
  }

  @Test
  void lateAiNotesTakesOnlyKnownValues() throws Exception {
    repo.write(".aigate.yml", POLICY + "late-ai-notes: block\n");
    Run r = aigate(repo, "policy", "validate", ".aigate.yml");
    assertEquals(2, r.exitCode(), r.output());
    assertTrue(r.output().contains("late-ai-notes: unknown value 'block' (expected report or reject)"), r.output());
  }

  /** A commit on main that no judge reads: its object is over {@link HistoryEvaluation#MAX_COMMIT_BYTES}. */
  private String landUnreadableCommit() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    repo.git("add", "-A");
    Path message = tmp.resolve("huge-message.txt");
    Files.writeString(message, "Add A\n\n" + "padding line\n".repeat(HistoryEvaluation.MAX_COMMIT_BYTES / 12 + 1));
    repo.git("commit", "-q", "-F", message.toString());
    String commit = repo.git("rev-parse", "HEAD").strip();
    repo.git("push", "-q", "origin", "main");
    return commit;
  }

  @Test
  void aLateNoteOnACommitThatCannotBeReJudgedIsReportedAndWithRejectRefused() throws Exception {
    repo.write(".aigate.yml", POLICY + "late-ai-notes: reject\n");
    repo.commitAll("policy\n\nReviewed-by: Jane <jane@example.com>");
    String unreadable = landUnreadableCommit();
    String notes = note(unreadable, CLAUDE_NOTE);
    stage(notes);
    Run refused = preReceive("0".repeat(40) + " " + notes + " refs/notes/ai\n");
    assertEquals(1, refused.exitCode(), refused.output());
    assertTrue(refused.output().contains("cannot all be re-judged (late-ai-notes: reject)"), refused.output());
    assertTrue(refused.output().contains(unreadable.substring(0, 12)), refused.output());

    repo.write(".aigate.yml", POLICY);
    repo.commitAll("policy: report late notes\n\nReviewed-by: Jane <jane@example.com>");
    repo.git("push", "-q", "origin", "main");
    Run reported = preReceive("0".repeat(40) + " " + notes + " refs/notes/ai\n");
    assertEquals(0, reported.exitCode(), reported.output());
    assertTrue(reported.output().contains("refs/notes/ai: not re-judged: commit " + unreadable.substring(0, 12)),
        reported.output());
  }

  /** A notes commit on top of the current one that adds a second note on {@code commit}, in a fan-out directory. */
  private String fannedOutDuplicate(String commit, String text) throws Exception {
    Path f = tmp.resolve("dup.txt");
    Files.writeString(f, text);
    String blob = repo.git("hash-object", "-w", f.toString()).strip();
    String sub = repo.execWithInput(List.of("git", "mktree"), "100644 blob " + blob + "\t" + commit.substring(2) + "\n").strip();
    String old = repo.git("rev-parse", "refs/notes/ai").strip();
    String entries = repo.git("ls-tree", old + "^{tree}") + "040000 tree " + sub + "\t" + commit.substring(0, 2) + "\n";
    String tree = repo.execWithInput(List.of("git", "mktree"), entries).strip();
    String notes = repo.git("commit-tree", tree, "-p", old, "-m", "duplicate").strip();
    repo.git("update-ref", "refs/notes/ai", notes);
    return notes;
  }

  @Test
  void aSecondNoteOnTheSameCommitInAFanOutDirectoryIsRefused() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A");
    String noted = note(c, CLAUDE_NOTE);
    repo.git("push", "-q", "origin", "refs/notes/ai");
    String twice = fannedOutDuplicate(c, HUMAN_NOTE);
    assertTrue(repo.git("notes", "--ref=ai", "show", c).contains("claude"), "git still shows the AI note");
    stage(c);
    stage(twice);
    Run r = preReceive(base + " " + c + " refs/heads/main\n" + noted + " " + twice + " refs/notes/ai\n");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("refs/notes/ai: refused"), r.output());
    assertTrue(r.output().contains("two notes on " + c), r.output());
  }

  @Test
  void anAuditDoesNotReadACommitThatHasTwoNotesAsHuman() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A");
    note(c, CLAUDE_NOTE);
    fannedOutDuplicate(c, HUMAN_NOTE);
    Run audit = aigate(repo, "audit");
    assertEquals(3, audit.exitCode(), audit.output());
    assertTrue(audit.output().contains("two git-ai notes on it"), audit.output());
  }

  @Test
  void aNoteNamedInUpperCaseHexIsReadAsGitReadsIt() throws Exception {
    repo.write("src/A.java", "class A {\n  int a;\n}\n");
    String c = repo.commitAll("Add A");
    Path f = tmp.resolve("upper.txt");
    Files.writeString(f, CLAUDE_NOTE);
    String blob = repo.git("hash-object", "-w", f.toString()).strip();
    String tree = repo.execWithInput(List.of("git", "mktree"), "100644 blob " + blob + "\t" + c.toUpperCase() + "\n").strip();
    String notes = repo.git("commit-tree", tree, "-m", "notes").strip();
    repo.git("update-ref", "refs/notes/ai", notes);
    assertTrue(repo.git("notes", "--ref=ai", "show", c).contains("claude"), "git reads the note");
    stage(c);
    stage(notes);
    String zero = "0".repeat(40);
    Run r = preReceive(base + " " + c + " refs/heads/main\n" + zero + " " + notes + " refs/notes/ai\n");
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("git-ai note"), r.output());
    // And as a late note, once the commit is on main.
    repo.git("push", "-q", "origin", "main");
    Run late = preReceive(zero + " " + notes + " refs/notes/ai\n");
    assertTrue(late.output().contains("LATE AI EVIDENCE: commit " + c.substring(0, 12) + " on refs/heads/main"), late.output());
  }
}
