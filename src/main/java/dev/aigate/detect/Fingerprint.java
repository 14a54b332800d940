package dev.aigate.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A violation's identity across runs: its commit, path and rule, nothing that moves (no line
 * numbers, no timestamps, no message text). Baselines and SARIF's partialFingerprints use it.
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
}
