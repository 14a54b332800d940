package dev.aigate.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * The added and deleted lines of many commits against their first parent, streamed from one
 * {@code git diff-tree --stdin -p --no-renames -U0} process: what provenance across commits
 * (ADR 0010) hashes. Renames are off on purpose, so a moved file shows as added content at its
 * new path. Merges yield no lines (their lines were added by the commits they merge).
 *
 * <p>Pushed content is hostile: a line is kept up to {@link #MAX_LINE} characters, and a commit
 * up to {@link #MAX_LINES} added lines, beyond which it is marked truncated, and as many deleted
 * lines, beyond which deletions are dropped.
 */
public final class LineDiffs implements Iterator<LineDiffs.CommitLines>, AutoCloseable {
  /** Characters of a line that are kept; the line index hashes no more. */
  public static final int MAX_LINE = 4096;
  /** Added lines kept for one commit (and, separately, deleted lines). */
  public static final int MAX_LINES = 200_000;

  /** One path of a commit: the lines it adds (with their numbers in the new file) and deletes. */
  public record PathLines(String path, List<FileChange.AddedLine> added, List<String> deleted) {
    public PathLines {
      added = List.copyOf(added);
      deleted = List.copyOf(deleted);
    }
  }

  /** One commit's lines, in the order of the commits asked for. */
  public record CommitLines(String commit, List<PathLines> files, boolean truncated) {
    public CommitLines {
      files = List.copyOf(files);
    }
  }

  private final Process process;
  private final InputStream in;
  private final CompletableFuture<byte[]> err = new CompletableFuture<>();
  private final List<String> commits;
  private int next;
  private byte[] pending;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;

  private LineDiffs(Process process, List<String> commits) {
    this.process = process;
    this.in = process.getInputStream();
    this.commits = commits;
  }

  /**
   * Starts git in {@code gitDir} for {@code commits}; the lines come in the same order. git
   * inherits this process's environment, so a pre-receive hook's quarantine is read too.
   */
  static LineDiffs of(Path gitDir, List<String> commits) throws RepositoryException {
    ProcessBuilder pb = new ProcessBuilder("git", "-c", "core.quotePath=false", "diff-tree", "--stdin", "--root",
        "--always", "-p", "--no-renames", "-U0", "--no-color", "--no-ext-diff", "--no-textconv",
        "--ignore-submodules=none", "--src-prefix=a/", "--dst-prefix=b/")
        .directory(gitDir.toFile());
    pb.environment().put("GIT_DIR", gitDir.toString());
    pb.environment().put("LC_ALL", "C");
    // A partial clone must fail on a missing blob, not fetch it from a promisor remote.
    pb.environment().put("GIT_NO_LAZY_FETCH", "1");
    try {
      Process p = pb.start();
      LineDiffs d = new LineDiffs(p, List.copyOf(commits));
      daemon(() -> {
        try {
          d.err.complete(p.getErrorStream().readAllBytes());
        } catch (IOException e) {
          d.err.complete(new byte[0]);
        }
      });
      daemon(() -> {
        try (OutputStream out = p.getOutputStream()) {
          for (String c : d.commits) {
            out.write((c + "\n").getBytes(StandardCharsets.US_ASCII));
          }
        } catch (IOException e) {
          // git stopped reading: its exit status says why.
        }
      });
      return d;
    } catch (IOException e) {
      throw new RepositoryException("cannot run git diff-tree: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean hasNext() {
    return next < commits.size();
  }

  @Override
  public CommitLines next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      return read(commits.get(next++));
    } catch (RepositoryException e) {
      throw new UncheckedRepositoryException(e);
    }
  }

  /** {@link #next()}'s failure: git failed or printed what this reader cannot follow. */
  public static final class UncheckedRepositoryException extends RuntimeException {
    UncheckedRepositoryException(RepositoryException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized RepositoryException getCause() {
      return (RepositoryException) super.getCause();
    }
  }

  private CommitLines read(String expected) throws RepositoryException {
    byte[] header = line();
    if (header == null || !new String(header, StandardCharsets.US_ASCII).equals(expected)) {
      throw failure("expected the diff of " + expected);
    }
    List<PathLines> files = new ArrayList<>();
    String path = null;
    List<FileChange.AddedLine> added = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    int lineNo = 0;
    int keptAdded = 0;
    int keptDeleted = 0;
    boolean truncated = false;
    boolean inHunk = false;
    while (true) {
      byte[] l = peekLine();
      if (l == null || isCommitId(l)) {
        break;
      }
      line();
      if (inHunk && l.length > 0 && (l[0] == '+' || l[0] == '-')) {
        if (l[0] == '+') {
          if (keptAdded++ >= MAX_LINES) {
            truncated = true;
            lineNo++;
            continue;
          }
          added.add(new FileChange.AddedLine(lineNo++, text(l)));
        } else if (keptDeleted++ < MAX_LINES) {
          // Deletions past the limit are dropped, not a truncation: they only ever exempt an
          // added line as an in-place edit, so losing some can flag more, never less.
          deleted.add(text(l));
        }
      } else if (startsWith(l, "@@ ")) {
        inHunk = true;
        lineNo = hunkStart(l);
      } else if (startsWith(l, "diff --git ")) {
        inHunk = false;
        if (path != null) {
          files.add(new PathLines(path, added, deleted));
        }
        path = null;
        added = new ArrayList<>();
        deleted = new ArrayList<>();
      } else if (startsWith(l, "+++ ")) {
        String p = unquote(new String(l, 4, l.length - 4, StandardCharsets.UTF_8));
        if (p.startsWith("b/")) {
          path = p.substring(2);
        }
      } else if (startsWith(l, "--- ")) {
        // The old path stands for a deletion, whose new side is /dev/null.
        String p = unquote(new String(l, 4, l.length - 4, StandardCharsets.UTF_8));
        path = p.startsWith("a/") ? p.substring(2) : null;
      } else {
        inHunk = inHunk && l.length > 0 && l[0] == '\\';
      }
    }
    if (path != null) {
      files.add(new PathLines(path, added, deleted));
    }
    return new CommitLines(expected, files, truncated);
  }

  /** The line after its +/- marker, cut to {@link #MAX_LINE} characters (not bytes). */
  private static String text(byte[] l) {
    String t = new String(l, 1, l.length - 1, StandardCharsets.UTF_8);
    return t.length() <= MAX_LINE ? t : t.substring(0, MAX_LINE);
  }

  private static boolean isCommitId(byte[] l) {
    if (l.length != 40 && l.length != 64) {
      return false;
    }
    for (byte b : l) {
      if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static int hunkStart(byte[] l) {
    String s = new String(l, StandardCharsets.US_ASCII);
    int plus = s.indexOf(" +");
    int n = 0;
    for (int i = plus + 2; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    // "+0,0" is an empty new side; otherwise lines count from the start.
    return Math.max(n, 1);
  }

  /** The path as git prints it after {@code ---}/{@code +++}: C-quoted when it holds special bytes. */
  static String unquote(String s) {
    if (s.endsWith("\t")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!(s.length() >= 2 && s.startsWith("\"") && s.endsWith("\""))) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = s.substring(1, s.length() - 1).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] != '\\' || i + 1 >= b.length) {
        out.write(b[i]);
        continue;
      }
      byte c = b[++i];
      switch (c) {
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'v' -> out.write(11);
        default -> {
          if (c >= '0' && c <= '3' && i + 2 < b.length) {
            out.write(((c - '0') << 6) | ((b[i + 1] - '0') << 3) | (b[i + 2] - '0'));
            i += 2;
          } else {
            out.write(c);
          }
        }
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean startsWith(byte[] l, String prefix) {
    if (l.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (l[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private byte[] peekLine() throws RepositoryException {
    if (pending == null) {
      pending = readLine();
    }
    return pending;
  }

  private byte[] line() throws RepositoryException {
    byte[] l = peekLine();
    pending = null;
    return l;
  }

  /**
   * One line without its newline, at most {@link #MAX_LINE} * 4 bytes kept (UTF-8); null at the
   * end. Lines are cut out of a block buffer: reading byte by byte cost a quarter of a history's
   * rebuild.
   */
  private byte[] readLine() throws RepositoryException {
    int limit = MAX_LINE * 4 + 1;
    ByteArrayOutputStream longLine = null;
    int seen = 0;
    try {
      while (true) {
        if (pos == end) {
          end = Math.max(0, in.read(buf, 0, buf.length));
          pos = 0;
          if (end == 0) {
            return longLine == null ? null : longLine.toByteArray();
          }
        }
        int nl = pos;
        while (nl < end && buf[nl] != '\n') {
          nl++;
        }
        int take = Math.max(0, Math.min(nl - pos, limit - seen));
        if (nl < end && longLine == null) {
          byte[] line = Arrays.copyOfRange(buf, pos, pos + take);
          pos = nl + 1;
          return line;
        }
        if (longLine == null) {
          longLine = new ByteArrayOutputStream(Math.max(128, take));
        }
        longLine.write(buf, pos, take);
        seen += nl - pos;
        if (nl < end) {
          pos = nl + 1;
          return longLine.toByteArray();
        }
        pos = end;
      }
    } catch (IOException e) {
      throw failure(e.getMessage());
    }
  }

  private RepositoryException failure(String what) {
    // git's own complaint (a missing blob, a corrupt object) says more than where parsing stopped.
    process.destroy();
    String stderr = new String(err.join(), StandardCharsets.UTF_8).strip();
    return new RepositoryException("git diff-tree: " + (stderr.isEmpty() ? what : stderr));
  }

  @Override
  public void close() {
    process.destroy();
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "aigate-diff-tree");
    t.setDaemon(true);
    t.start();
  }
}
