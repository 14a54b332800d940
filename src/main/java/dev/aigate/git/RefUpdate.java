package dev.aigate.git;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of pre-receive input: {@code <old> <new> <ref>}.
 *
 * @param oldId the ref's value before the push; all zeros for a creation
 * @param newId the ref's value after the push; all zeros for a deletion
 * @param refName the full ref name
 */
public record RefUpdate(String oldId, String newId, String refName) {
  public RefUpdate {
    if (!isObjectId(oldId) || !isObjectId(newId)) {
      throw new IllegalArgumentException("not an object id in '" + oldId + " " + newId + " " + refName + "'");
    }
    if (refName.isEmpty()) {
      throw new IllegalArgumentException("empty ref name");
    }
  }

  /** Zero ids are compared by content, not as a 40-character literal: SHA-256 zero ids have 64. */
  public static boolean isZero(String id) {
    return id.chars().allMatch(c -> c == '0');
  }

  public boolean isCreate() {
    return isZero(oldId);
  }

  public boolean isDelete() {
    return isZero(newId);
  }

  private static boolean isObjectId(String s) {
    return (s.length() == 40 || s.length() == 64) && s.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
  }

  /**
   * Parses pre-receive's standard input.
   *
   * @throws IllegalArgumentException naming the first malformed line
   */
  public static List<RefUpdate> parse(String stdin) {
    List<RefUpdate> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : stdin.split("\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.strip().split(" ", 3);
      if (f.length != 3) {
        throw new IllegalArgumentException("line " + lineNo + " of the push input is not '<old> <new> <ref>': " + line);
      }
      try {
        out.add(new RefUpdate(f[0], f[1], f[2]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + lineNo + " of the push input: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
