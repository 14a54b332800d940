package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

  @Test
  void editorCommitStripsCommentsAndEverythingBelowTheScissors() {
    assertEquals("Add feature\n\nBody line.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
        MessageCleanup.apply(EDITED, MessageCleanup.Mode.DEFAULT, true, TrailerSyntax.DEFAULT));
  }

  @Test
  void messageGivenWithDashMKeepsHashLines() {
    String raw = "subj\n\n# not a comment with -m\nReviewed-by: J <j@example.com>\n\n";
    assertEquals("subj\n\n# not a comment with -m\nReviewed-by: J <j@example.com>\n",
        MessageCleanup.apply(raw, MessageCleanup.Mode.DEFAULT, false, TrailerSyntax.DEFAULT));
  }

  @Test
  void verbatimKeepsEverything() {
    assertEquals(EDITED, MessageCleanup.apply(EDITED, MessageCleanup.Mode.VERBATIM, true, TrailerSyntax.DEFAULT));
  }

  @Test
  void customCommentCharIsHonoured() {
    TrailerSyntax semicolon = new TrailerSyntax(";", ":", List.of());
    assertEquals("subj\n\n# kept\n", MessageCleanup.apply("subj\n\n# kept\n; dropped\n", MessageCleanup.Mode.STRIP, true, semicolon));
  }

  @Test
  void unknownCleanupValueFallsBackToDefault() {
    assertEquals(MessageCleanup.Mode.DEFAULT, MessageCleanup.Mode.fromConfig("bogus"));
    assertEquals(MessageCleanup.Mode.SCISSORS, MessageCleanup.Mode.fromConfig("scissors"));
  }
}
