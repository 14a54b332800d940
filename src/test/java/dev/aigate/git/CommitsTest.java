package dev.aigate.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading commit headers from raw objects, and the byte scan that lets merges skip theirs. */
class CommitsTest {
  private static final String HEADER = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
      + "parent 1111111111111111111111111111111111111111\nparent 2222222222222222222222222222222222222222\n"
      + "author A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\n";

  private static byte[] commit(String extraHeader, String message) {
    return (HEADER + extraHeader + "\n" + message).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void findsAWordInAnyAsciiCase() {
    List<String> keys = List.of("Reviewed-by", "Approved-by");
    assertTrue(Commits.mayMention(commit("", "Merge x\n\nReviewed-by: Bob <b@example.com>\n"), keys));
    assertTrue(Commits.mayMention(commit("", "Merge x\n\nREVIEWED-BY: Bob <b@example.com>\n"), keys));
    assertTrue(Commits.mayMention(commit("", "Merge x\n\napproved-By: Bob\n"), keys));
    assertTrue(Commits.mayMention(commit("", "Reviewed-by"), keys), "at the very end");
  }

  @Test
  void saysNoOnlyWhenTheMessageCannotHoldIt() {
    List<String> keys = List.of("Reviewed-by");
    assertFalse(Commits.mayMention(commit("", "Merge branch 'topic'\n\nSigned-off-by: A <a@example.com>\n"), keys));
    // Near misses: a letter changed, and '-' is not matched as another character.
    assertFalse(Commits.mayMention(commit("", "Reviewed_by: Bob\nReviewed-bx: Bob\nReviewe\n"), keys));
    // The header is not the message: a word only there is not a trailer.
    assertFalse(Commits.mayMention(commit("mergetag Reviewed-by\n", "Merge\n"), keys));
  }

  @Test
  void aDeclaredEncodingOrAWordBeyondAsciiIsAlwaysMaybe() {
    assertTrue(Commits.mayMention(commit("encoding UTF-7\n", "Merge +AFI-eviewed-by\n"), List.of("Reviewed-by")));
    assertTrue(Commits.mayMention(commit("", "Merge\n"), List.of("Geprüft-von")));
    assertTrue(Commits.mayMention(commit("", "Merge\n"), List.of("")));
  }

  @Test
  void identityHeadersInAnotherOrderThanGitWritesThemAreRefused() {
    byte[] raw = ("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
        + "committer Jane Dev <jane@example.com> 1700000000 +0000\n"
        + "author Claude <noreply@anthropic.com> 1700000000 +0000\n\nAdd x\n").getBytes(StandardCharsets.UTF_8);
    RepositoryException e = assertThrows(RepositoryException.class,
        () -> Commits.header("1".repeat(40), raw, TrailerSyntax.DEFAULT));
    assertTrue(e.getMessage().contains("committer header comes before its author header"), e.getMessage());
  }

  @Test
  void theAuthorAndCommitterAreReadFromTheirHeaders() throws RepositoryException {
    byte[] raw = ("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
        + "author Claude <noreply@anthropic.com> 1700000000 +0000\n"
        + "committer Jane Dev <jane@example.com> 1700000100 +0000\n\nAdd x\n").getBytes(StandardCharsets.UTF_8);
    Change c = Commits.header("1".repeat(40), raw, TrailerSyntax.DEFAULT);
    assertEquals("noreply@anthropic.com", c.author().email());
    assertEquals("jane@example.com", c.committer().email());
    assertEquals(1700000000L, c.authorTime());
    assertEquals(1700000100L, c.commitTime());
  }
}
