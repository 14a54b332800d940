package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCleanupTest {
  private static final String EDITED = """
      Add feature

      Body line.   \n\n\n# Please enter the commit message for your changes. Lines starting
      # with '#' will be ignored.

      Co-Authored-By: Claude <noreply@anthropic.com>
      # ------------------------ >8 ------------------------
      # Do not modify or remove the line above.
      diff --git a/x b/x
      +Reviewed-by: Not A Trailer <x@example.com>
      """;

  private static final MessageCleanup.Editing EDITOR = new MessageCleanup.Editing(true, false);
  private static final MessageCleanup.Editing VERBOSE = new MessageCleanup.Editing(true, true);
  private static final MessageCleanup.Editing NO_EDITOR = new MessageCleanup.Editing(false, false);

  @Test
  void aVerboseCommitStripsCommentsAndEverythingBelowTheScissors() {
    assertEquals("Add feature\n\nBody line.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
        MessageCleanup.apply(EDITED, MessageCleanup.Mode.DEFAULT, VERBOSE, TrailerSyntax.DEFAULT));
    String scissors = MessageCleanup.apply(EDITED, MessageCleanup.Mode.SCISSORS, EDITOR, TrailerSyntax.DEFAULT);
    assertTrue(scissors.contains("Co-Authored-By") && !scissors.contains("diff --git"), scissors);
  }

  @Test
  void withoutVerboseOrScissorsGitKeepsWhatFollowsATypedScissorsLine() {
    String typed = "Tune parser\n\n# ------------------------ >8 ------------------------\n"
        + "Co-authored-by: Claude <noreply@anthropic.com>\n";
    assertEquals("Tune parser\n\nCo-authored-by: Claude <noreply@anthropic.com>\n",
        MessageCleanup.apply(typed, MessageCleanup.Mode.DEFAULT, EDITOR, TrailerSyntax.DEFAULT));
    assertEquals("Tune parser\n\nCo-authored-by: Claude <noreply@anthropic.com>\n",
        MessageCleanup.apply(typed, MessageCleanup.Mode.STRIP, EDITOR, TrailerSyntax.DEFAULT));
  }

  @Test
  void messageGivenWithDashMKeepsHashLines() {
    String raw = "subj\n\n# not a comment with -m\nReviewed-by: J <j@example.com>\n\n";
    assertEquals("subj\n\n# not a comment with -m\nReviewed-by: J <j@example.com>\n",
        MessageCleanup.apply(raw, MessageCleanup.Mode.DEFAULT, NO_EDITOR, TrailerSyntax.DEFAULT));
  }

  @Test
  void verbatimKeepsEverything() {
    assertEquals(EDITED, MessageCleanup.apply(EDITED, MessageCleanup.Mode.VERBATIM, EDITOR, TrailerSyntax.DEFAULT));
  }

  @Test
  void customCommentCharIsHonoured() {
    TrailerSyntax semicolon = new TrailerSyntax(";", ":", List.of());
    assertEquals("subj\n\n# kept\n", MessageCleanup.apply("subj\n\n# kept\n; dropped\n", MessageCleanup.Mode.STRIP, EDITOR, semicolon));
  }

  @Test
  void unknownCleanupValueFallsBackToDefault() {
    assertEquals(MessageCleanup.Mode.DEFAULT, MessageCleanup.Mode.fromConfig("bogus"));
    assertEquals(MessageCleanup.Mode.SCISSORS, MessageCleanup.Mode.fromConfig("scissors"));
  }

  @Test
  void underCommentCharAutoNoLineIsTakenForAComment() {
    GitWorkspace.Config auto = GitWorkspace.Config.parse("core.commentchar\nauto\0".getBytes());
    assertEquals(MessageCleanup.Mode.WHITESPACE, auto.cleanupMode());
    GitWorkspace.Config plain = GitWorkspace.Config.parse("core.commentchar\n;\0".getBytes());
    assertEquals(MessageCleanup.Mode.DEFAULT, plain.cleanupMode());
  }

  @Test
  void commitVerboseIsReadAsGitReadsIt() {
    assertEquals(true, GitWorkspace.Config.parse("commit.verbose\ntrue\0".getBytes()).verboseByConfig());
    assertEquals(true, GitWorkspace.Config.parse("commit.verbose\n2\0".getBytes()).verboseByConfig());
    assertEquals(false, GitWorkspace.Config.parse("commit.verbose\n0\0".getBytes()).verboseByConfig());
  }
}
