package dev.aigate.gate;

import dev.aigate.git.GitRepo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The server gate's append-only logs (break-glass pushes, late git-ai evidence): one JSON object
 * a line, at a path from server configuration ({@code git config aigate.<name>}), never from
 * pushed content, else under {@code $GIT_DIR/aigate/}.
 */
final class ServerLog {
  private ServerLog() {}

  static Path path(GitRepo repo, String configName, String defaultFile) {
    return repo.config("aigate", configName).map(Path::of)
        .map(p -> p.isAbsolute() ? p : repo.gitDir().resolve(p))
        .orElse(repo.gitDir().resolve("aigate").resolve(defaultFile));
  }

  /** Appends one record; empty when it was written, else the file and why not. */
  static Optional<String> append(Path file, String record) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] line = (record + "\n").getBytes(StandardCharsets.UTF_8);
      // Concurrent pushes append whole lines: a lock, and one write per record.
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND); FileLock lock = ch.lock()) {
        ch.write(ByteBuffer.wrap(line));
        ch.force(false);
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(file + ": " + e.getMessage());
    }
  }
}
