package dev.aigate.detect;

import dev.aigate.policy.Action;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A violation's identity across runs, nothing that moves (no line numbers, no timestamps, no
 * message text). Version 1 is commit, path and rule; version 2 ({@link #stable}) is commit, path
 * and the action's class, so a renamed rule keeps its findings known. Baselines match either;
 * SARIF's partialFingerprints carry both.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(String commit, String path, String rule) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((commit + "\0" + path + "\0" + rule).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  public static String of(CommitVerdict c, Violation v) {
    return of(c.change().id(), v.path(), v.rule());
  }

  /** Version 2: commit, path and what kind of finding it is; the rule's id is not part of it. */
  public static String stable(String commit, String path, Action action) {
    return of(commit, path, "class:" + actionClass(action));
  }

  public static String stable(CommitVerdict c, Violation v) {
    return stable(c.change().id(), v.path(), v.action());
  }

  /** The kind of finding: what a rename keeps and a change of action does not. */
  static String actionClass(Action action) {
    return switch (action) {
      case ALLOW -> "allow";
      case WARN -> "warn";
      case REQUIRE_REVIEW -> "review";
      case DENY -> "deny";
      case REQUIRE_DISCLOSURE -> "disclosure";
    };
  }
}
