package dev.aigate.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Dates in every form git accepts ({@code "2 weeks ago"}, {@code yesterday}, RFC 2822, ISO),
 * parsed by git itself. Not with {@code rev-parse --since}, which reads any text as "now": with
 * git's careful parser (the one behind {@code --type=expiry-date}), so a typo is an error and
 * not a range that silently holds nothing.
 */
public final class GitDates {
  private GitDates() {}

  /** The instant {@code text} names, or empty when git cannot read it as a date. */
  public static Optional<Instant> parse(String text, Path dir, Map<String, String> env) throws RepositoryException {
    if (text.isBlank() || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    ProcessBuilder pb = new ProcessBuilder("git", "-c", "aigate.date=" + text, "config", "--type=expiry-date", "aigate.date")
        .directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("LC_ALL", "C");
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new RepositoryException("git took too long to read the date '" + text + "'");
      }
      if (p.exitValue() != 0 || !out.matches("\\d{1,20}")) {
        return Optional.empty();
      }
      // Expiry semantics: "now" is the largest timestamp, "never" is 0.
      if (out.length() > 15) {
        return Optional.of(Instant.now());
      }
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(out)));
    } catch (IOException e) {
      throw new RepositoryException("cannot run git to read the date '" + text + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepositoryException("interrupted while reading the date '" + text + "'", e);
    }
  }
}
