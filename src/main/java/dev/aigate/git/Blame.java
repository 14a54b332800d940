package dev.aigate.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code git blame --porcelain} of one file at one revision, parsed as it streams (linear in the
 * output, one line of content held at a time): which commit introduced each of the file's current
 * lines, following renames. The provenance manifest (ADR 0012) runs several at once.
 *
 * <p>The repository's own blame settings are overridden: {@code blame.ignoreRevsFile} would let a
 * listed commit hand its lines to its parents, which for a manifest of origin is hiding them.
 */
public final class Blame {
  /** Bytes of a line's content handed to the sink; the line index hashes no more. */
  public static final int MAX_LINE = LineDiffs.MAX_LINE;
  /** git's own binary test: a NUL byte in the first this many bytes. */
  static final int BINARY_PROBE = 8000;

  /** Receives the blamed lines, in final-file order. */
  public interface Sink {
    /**
     * @param commit the commit that introduced the line (full id, shared between calls)
     * @param line the line's 1-based number in the file at the revision
     * @param content the line without its newline, cut at {@link #MAX_LINE} bytes
     */
    void line(String commit, int line, byte[] content, int length);
  }

  /** What blaming a file gave. */
  public sealed interface Outcome permits Blamed, Binary, Unreadable {}

  /** A text file, all of whose lines went to the sink. */
  public record Blamed(int lines) implements Outcome {}

  /** A file with a NUL byte near its start: git's binary; its "lines" mean nothing. */
  public record Binary() implements Outcome {}

  /** git could not blame it (a missing blob in a partial clone, a corrupt object): never human by default. */
  public record Unreadable(String reason) implements Outcome {}

  private final Path gitDir;
  private final Map<String, String> env;

  Blame(Path gitDir, Map<String, String> env) {
    this.gitDir = gitDir;
    this.env = env;
  }

  /** Blames {@code path} at {@code commit}, feeding {@code sink}; a binary file stops at its first lines. */
  public Outcome file(String commit, String path, Sink sink) throws RepositoryException {
    Process p = GitStreams.start(gitDir, env, List.of("-c", "blame.ignoreRevsFile=", "-c", "blame.markIgnoredLines=false",
        "blame", "--porcelain", commit), path);
    CompletableFuture<byte[]> err = GitStreams.stderr(p);
    Map<String, String> ids = new HashMap<>();
    int lines = 0;
    Probe probe = new Probe();
    try (InputStream in = p.getInputStream()) {
      LineReader r = new LineReader(in, MAX_LINE);
      String current = null;
      int finalLine = 0;
      while (r.next()) {
        byte[] b = r.buffer();
        int n = r.length();
        if (n > 0 && b[0] == '\t') {
          if (current == null) {
            return unreadable(p, err, "content before any commit");
          }
          if (probe.binary(b, 1, n, r.fullLength() - 1)) {
            p.destroy();
            return new Binary();
          }
          byte[] content = new byte[n - 1];
          System.arraycopy(b, 1, content, 0, n - 1);
          sink.line(current, finalLine, content, n - 1);
          lines++;
        } else if (isHeader(b, n)) {
          int idLen = b[40] == ' ' ? 40 : 64;
          String id = new String(b, 0, idLen, StandardCharsets.US_ASCII);
          current = ids.computeIfAbsent(id, k -> k);
          finalLine = secondNumber(b, idLen + 1, n);
        }
      }
    } catch (IOException e) {
      p.destroy();
      throw new RepositoryException("cannot read git blame of " + path + ": " + e.getMessage(), e);
    }
    int code = waitFor(p);
    if (code != 0) {
      return new Unreadable(reason(err, code));
    }
    return new Blamed(lines);
  }

  /**
   * The commits at or before {@code commit} that changed {@code path}, newest first, following
   * renames (binary files' attribution): a binary file has no lines to blame, so every change
   * of its history may hold an AI's content, not just the last.
   */
  public Outcome changes(String commit, String path, Sink sink) throws RepositoryException {
    Process p = GitStreams.start(gitDir, env, List.of("log", "--no-show-signature", "--no-color", "--follow",
        "--format=%H", commit), path);
    CompletableFuture<byte[]> err = GitStreams.stderr(p);
    List<String> ids = new ArrayList<>();
    try (InputStream in = p.getInputStream()) {
      LineReader r = new LineReader(in, MAX_LINE);
      while (r.next()) {
        String id = new String(r.buffer(), 0, r.length(), StandardCharsets.US_ASCII).strip();
        if (!id.isEmpty()) {
          ids.add(id);
        }
      }
    } catch (IOException e) {
      p.destroy();
      throw new RepositoryException("cannot read git log of " + path + ": " + e.getMessage(), e);
    }
    int code = waitFor(p);
    if (code != 0 || ids.isEmpty() || ids.stream().anyMatch(id -> !id.matches("[0-9a-f]{40}|[0-9a-f]{64}"))) {
      return new Unreadable(code != 0 ? reason(err, code) : "git log printed what aigate cannot follow");
    }
    ids.forEach(id -> sink.line(id, 0, new byte[0], 0));
    return new Binary();
  }

  private Outcome unreadable(Process p, CompletableFuture<byte[]> err, String what) {
    p.destroy();
    return new Unreadable("git blame printed what aigate cannot follow: " + what);
  }

  private static String reason(CompletableFuture<byte[]> err, int code) {
    String s = new String(err.join(), StandardCharsets.UTF_8).strip();
    int nl = s.indexOf('\n');
    s = nl < 0 ? s : s.substring(0, nl);
    if (s.length() > 300) {
      s = s.substring(0, 300) + "…";
    }
    return s.isEmpty() ? "git exited with " + code : s;
  }

  private static int waitFor(Process p) throws RepositoryException {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new RepositoryException("interrupted while running git", e);
    }
  }

  /** {@code <40 or 64 hex> <orig> <final>[ <count>]}. */
  private static boolean isHeader(byte[] b, int n) {
    int idLen = n > 40 && b[40] == ' ' ? 40 : n > 64 && b[64] == ' ' ? 64 : 0;
    if (idLen == 0) {
      return false;
    }
    for (int i = 0; i < idLen; i++) {
      byte c = b[i];
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static int secondNumber(byte[] b, int from, int n) {
    int i = from;
    while (i < n && b[i] != ' ') {
      i++;
    }
    int v = 0;
    for (i++; i < n && b[i] >= '0' && b[i] <= '9'; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }

  /**
   * The lines of a blob and whether it is binary, counted as {@link #file} counts them from
   * blame's output: what a reused manifest entry is checked against ({@code --since-manifest}).
   */
  public record Shape(int lines, boolean binary) {}

  static Shape shape(InputStream blob) throws IOException {
    // Blame's lines carry a leading tab in the same buffer: one byte less cuts them alike.
    LineReader r = new LineReader(blob, MAX_LINE - 1);
    Probe probe = new Probe();
    int lines = 0;
    while (r.next()) {
      if (probe.binary(r.buffer(), 0, r.length(), r.fullLength())) {
        return new Shape(0, true);
      }
      lines++;
    }
    return new Shape(lines, false);
  }

  /** git's binary test over lines as they stream: a NUL among the first {@link #BINARY_PROBE} bytes. */
  private static final class Probe {
    private long probed;

    /**
     * Whether the line {@code b[from..n)}, of {@code length} content bytes before the cut, shows
     * a NUL in range; its newline counts towards the probe as in the file.
     */
    boolean binary(byte[] b, int from, int n, long length) {
      if (probed >= BINARY_PROBE) {
        return false;
      }
      for (int i = from; i < n && probed + (i - from) + 1 < BINARY_PROBE; i++) {
        if (b[i] == 0) {
          return true;
        }
      }
      probed += length + 1;
      return false;
    }
  }

  /** Lines of a stream into one reused buffer, cut at a limit (the rest of a long line skipped). */
  static final class LineReader {
    private final InputStream in;
    private final byte[] buf;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int end;
    private int length;
    private long full;

    LineReader(InputStream in, int limit) {
      this.in = in;
      this.buf = new byte[limit + 1];
    }

    boolean next() throws IOException {
      length = 0;
      full = 0;
      while (true) {
        if (pos == end) {
          end = in.read(chunk, 0, chunk.length);
          pos = 0;
          if (end <= 0) {
            end = 0;
            return full > 0;
          }
        }
        byte c = chunk[pos++];
        if (c == '\n') {
          return true;
        }
        if (length < buf.length) {
          buf[length++] = c;
        }
        full++;
      }
    }

    byte[] buffer() {
      return buf;
    }

    int length() {
      return length;
    }

    long fullLength() {
      return full;
    }
  }
}
