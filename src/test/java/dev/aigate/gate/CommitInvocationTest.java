package dev.aigate.gate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommitInvocationTest {
  @Test
  void recognisesAmendAndItsAbbreviations() {
    assertTrue(CommitInvocation.isAmend(List.of("git", "commit", "--amend", "-m", "x")));
    assertTrue(CommitInvocation.isAmend(List.of("git", "-c", "a=b", "commit", "-q", "--amen")));
    assertTrue(CommitInvocation.isAmend(List.of("git", "commit", "-m", "x", "--am")));
  }

  @Test
  void ignoresEverythingElse() {
    assertFalse(CommitInvocation.isAmend(List.of("git", "commit", "-m", "--amend")));
    assertFalse(CommitInvocation.isAmend(List.of("git", "commit", "--all")));
    assertFalse(CommitInvocation.isAmend(List.of("git", "commit", "--", "--amend")));
    assertFalse(CommitInvocation.isAmend(List.of("git", "merge", "--amend")));
  }

  @Test
  void signingOptionsTakeNoSeparateValue() {
    assertTrue(CommitInvocation.isAmend(List.of("git", "commit", "-S", "--amend", "-m", "x")));
    assertTrue(CommitInvocation.isAmend(List.of("git", "commit", "--gpg-sign", "--amend")));
  }

  @Test
  void verboseIsReadFromLongAndBundledShortOptions() {
    assertTrue(CommitInvocation.isVerbose(List.of("git", "commit", "-v")));
    assertTrue(CommitInvocation.isVerbose(List.of("git", "commit", "-av")));
    assertTrue(CommitInvocation.isVerbose(List.of("git", "commit", "--verb")));
    assertFalse(CommitInvocation.isVerbose(List.of("git", "commit", "-v", "--no-verbose")));
    assertFalse(CommitInvocation.isVerbose(List.of("git", "commit", "-m", "-v")));
    assertFalse(CommitInvocation.isVerbose(List.of("git", "commit", "-amv")), "-am takes 'v' as the message");
  }
}
