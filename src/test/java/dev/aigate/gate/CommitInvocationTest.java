package dev.aigate.gate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommitInvocationTest {
  @Test
  void recognisesAmendAndItsAbbreviations() {
    assertTrue(CommitInvocation.parse(List.of("git", "commit", "--amend", "-m", "x")).amend());
    assertTrue(CommitInvocation.parse(List.of("git", "-c", "a=b", "commit", "-q", "--amen")).amend());
    assertTrue(CommitInvocation.parse(List.of("git", "commit", "-m", "x", "--am")).amend());
  }

  @Test
  void ignoresEverythingElse() {
    assertFalse(CommitInvocation.parse(List.of("git", "commit", "-m", "--amend")).amend());
    assertFalse(CommitInvocation.parse(List.of("git", "commit", "--all")).amend());
    assertFalse(CommitInvocation.parse(List.of("git", "commit", "--", "--amend")).amend());
    assertFalse(CommitInvocation.parse(List.of("git", "merge", "--amend")).amend());
    assertFalse(CommitInvocation.parse(List.of("git", "commit", "-am", "--amend")).amend(), "-am takes the next argument");
  }

  @Test
  void signingOptionsTakeNoSeparateValue() {
    assertTrue(CommitInvocation.parse(List.of("git", "commit", "-S", "--amend", "-m", "x")).amend());
    assertTrue(CommitInvocation.parse(List.of("git", "commit", "--gpg-sign", "--amend")).amend());
  }

  @Test
  void verboseIsReadFromLongAndBundledShortOptions() {
    assertTrue(CommitInvocation.parse(List.of("git", "commit", "-v")).verbose());
    assertTrue(CommitInvocation.parse(List.of("git", "commit", "-av")).verbose());
    assertTrue(CommitInvocation.parse(List.of("git", "commit", "--verb")).verbose());
    assertFalse(CommitInvocation.parse(List.of("git", "commit", "-v", "--no-verbose")).verbose());
    assertFalse(CommitInvocation.parse(List.of("git", "commit", "-m", "-v")).verbose());
    assertFalse(CommitInvocation.parse(List.of("git", "commit", "-amv")).verbose(), "-am takes 'v' as the message");
  }
}
