package dev.aigate.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The files of a commit's tree within a pathspec, streamed from {@code git diff-tree -r --raw -z}
 * against the empty tree (full pathspec magic, tree order, no blob read), so a tree of 100,000
 * files is never held whole.
 */
public final class TreeListing implements Iterator<TreeListing.Entry>, AutoCloseable {
  /** The longest path accepted; git's own limit is the file system's. */
  static final int MAX_PATH = 64 * 1024;

  /** One file of the tree. */
  public record Entry(String mode, String blob, String path) {
    /** A submodule: a commit of another repository, no lines of this one. */
    public boolean gitlink() {
      return mode.equals("160000");
    }

    /** A symbolic link: its blob is the target's name. */
    public boolean symlink() {
      return mode.equals("120000");
    }
  }

  private final Process process;
  private final InputStream in;
  private final CompletableFuture<byte[]> err;
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int end;
  private Entry next;
  private boolean done;

  private TreeListing(Process process) {
    this.process = process;
    this.in = process.getInputStream();
    this.err = GitStreams.stderr(process);
  }

  static TreeListing of(Path gitDir, Map<String, String> env, String commit, List<String> pathspec)
      throws RepositoryException {
    List<String> args = new ArrayList<>(List.of("diff-tree", "-r", "--raw", "-z", "--no-renames", "--no-abbrev",
        GitCli.EMPTY_TREE, commit, "--"));
    args.addAll(pathspec);
    return new TreeListing(GitStreams.start(gitDir, env, args));
  }

  /**
   * The paths that any first-parent commit of {@code from..to} touched (a merge: what it changed
   * against its first parent), within the pathspec. A superset of the paths whose blame can
   * differ between the two: a file changed and changed back is in it, as its blame moved.
   */
  static Set<String> touched(Path gitDir, Map<String, String> env, String from, String to, List<String> pathspec)
      throws RepositoryException {
    List<String> args = new ArrayList<>(List.of("log", "--first-parent", "-m", "--name-only", "--no-renames", "-z",
        "--format=", from + ".." + to, "--"));
    args.addAll(pathspec);
    Process p = GitStreams.start(gitDir, env, args);
    CompletableFuture<byte[]> err = GitStreams.stderr(p);
    Set<String> out = new HashSet<>();
    TreeListing reader = new TreeListing(p, err);
    try {
      String s;
      while ((s = reader.token()) != null) {
        // Some versions of git put a newline between commits before the first name; a path may
        // also begin with one. Both readings go in: this is a superset, and an extra path only
        // costs a blame.
        if (!s.isEmpty()) {
          out.add(s);
        }
        if (s.startsWith("\n") && s.length() > 1) {
          out.add(s.substring(1));
        }
      }
    } catch (IOException e) {
      p.destroy();
      throw new RepositoryException("cannot read git log: " + e.getMessage(), e);
    }
    reader.finish("git log");
    return out;
  }

  private TreeListing(Process process, CompletableFuture<byte[]> err) {
    this.process = process;
    this.in = process.getInputStream();
    this.err = err;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = read();
      } catch (RepositoryException e) {
        throw new LineDiffs.UncheckedRepositoryException(e);
      }
    }
    return next != null;
  }

  @Override
  public Entry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Entry e = next;
    next = null;
    return e;
  }

  private Entry read() throws RepositoryException {
    try {
      String meta = token();
      if (meta == null) {
        done = true;
        finish("git diff-tree");
        return null;
      }
      String path = token();
      // ":000000 100644 0000… <blob> A"
      String[] f = meta.split(" ");
      if (path == null || f.length != 5 || !f[0].startsWith(":") || !f[4].equals("A")) {
        process.destroy();
        throw new RepositoryException("git diff-tree printed what aigate cannot follow: " + meta);
      }
      return new Entry(f[1], f[3], path);
    } catch (IOException e) {
      process.destroy();
      throw new RepositoryException("cannot read git diff-tree: " + e.getMessage(), e);
    }
  }

  private void finish(String what) throws RepositoryException {
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepositoryException("interrupted while running git", e);
    }
    if (code != 0) {
      String message = new String(err.join(), StandardCharsets.UTF_8).strip();
      // A pathspec git refuses is the caller's; anything else is the repository's.
      if (message.contains("pathspec")) {
        throw RepositoryException.badArgument(what + ": " + message);
      }
      throw new RepositoryException(what + " failed (exit " + code + "): " + message);
    }
  }

  /** The next NUL-terminated token, or null at the end. */
  private String token() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(chunk, 0, chunk.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          return any ? GitPaths.decode(b.toByteArray(), 0, b.size()) : null;
        }
      }
      byte c = chunk[pos++];
      any = true;
      if (c == 0) {
        return GitPaths.decode(b.toByteArray(), 0, b.size());
      }
      if (b.size() >= MAX_PATH) {
        throw new IOException("a path longer than " + MAX_PATH + " bytes");
      }
      b.write(c);
    }
  }

  @Override
  public void close() {
    process.destroy();
  }

}
