package dev.aigate.git;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The staged change as the git binary reports it: for large indexes, where git is ten times
 * faster than JGit, and for index formats JGit 7.8 cannot parse (split index, sparse index).
 * Runs git in the same environment, so the same {@code GIT_INDEX_FILE} is read.
 */
final class GitCli {
  private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

  /** git knows the empty tree without having it stored. */
  static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  private final Path root;
  private final Map<String, String> env;

  GitCli(Path root, Map<String, String> env) {
    this.root = root;
    this.env = env;
  }

  /**
   * The index against {@code base} ({@code HEAD^} for an amend, {@link #EMPTY_TREE}), or, when
   * null, against HEAD (nothing before the first commit), as {@code git diff --cached} does.
   */
  List<FileChange> staged(boolean withContent, String base) throws RepositoryException {
    return staged(run(stagedArgs(withContent, base)), withContent, base);
  }

  /** The {@code git diff --cached} arguments for {@link #staged}, so a caller can start it early. */
  static String[] stagedArgs(boolean withContent, String base) {
    // --raw gives modes (symlinks, submodules); --numstat marks binary files "-". Without content
    // a rename is judged by its two paths anyway, so git need not look for renames.
    // --ignore-submodules=none: diff.ignoreSubmodules=all in a config must not hide a staged gitlink.
    List<String> args = new ArrayList<>(List.of("diff", "--cached", "-z", "--raw", withContent ? "-M" : "--no-renames",
        "--no-ext-diff", "--ignore-submodules=none"));
    if (withContent) {
      args.add("--numstat");
    }
    if (base != null) {
      args.add(base);
    }
    return args.toArray(String[]::new);
  }

  /** Parses the output of {@link #stagedArgs}; with content, also reads the added lines. */
  List<FileChange> staged(byte[] rawOutput, boolean withContent, String base) throws RepositoryException {
    List<String> baseArg = base == null ? List.of() : List.of(base);
    String[] f = new String(rawOutput, StandardCharsets.UTF_8).split("\0", -1);
    Map<String, FileChange> byPath = new LinkedHashMap<>();
    Set<String> binary = new HashSet<>();
    for (int i = 0; i < f.length && !f[i].isEmpty(); ) {
      if (f[i].startsWith(":")) {
        String[] raw = f[i].substring(1).split(" ");
        String newMode = raw[1];
        char status = raw[4].charAt(0);
        FileChange.Kind kind = switch (status) {
          case 'A' -> FileChange.Kind.ADD;
          case 'D' -> FileChange.Kind.DELETE;
          case 'R' -> FileChange.Kind.RENAME;
          case 'C' -> FileChange.Kind.COPY;
          default -> FileChange.Kind.MODIFY;
        };
        FileChange.EntryType type = entryType(kind == FileChange.Kind.DELETE ? raw[0] : newMode);
        if (kind == FileChange.Kind.RENAME || kind == FileChange.Kind.COPY) {
          byPath.put(f[i + 2], new FileChange(kind, f[i + 2], f[i + 1], type, List.of()));
          i += 3;
        } else {
          byPath.put(f[i + 1], new FileChange(kind, f[i + 1], null, type, List.of()));
          i += 2;
        }
      } else {
        // numstat: "added<TAB>deleted<TAB>path", or with an empty path and two more fields for a rename
        String[] counts = f[i].split("\t", 3);
        boolean rename = counts.length < 3 || counts[2].isEmpty();
        String path = rename ? f[i + 2] : counts[2];
        if (counts[0].equals("-")) {
          binary.add(path);
        }
        i += rename ? 3 : 1;
      }
    }
    if (!withContent) {
      return new ArrayList<>(byPath.values());
    }
    Map<String, List<FileChange.AddedLine>> added = addedLines(
        run(concat(List.of("-c", "core.quotePath=false", "diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "-M",
            "--ignore-submodules=none", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/"), baseArg)));
    List<FileChange> out = new ArrayList<>();
    for (FileChange c : byPath.values()) {
      boolean isBinary = binary.contains(c.path());
      List<FileChange.AddedLine> lines = isBinary ? List.of() : added.getOrDefault(c.path(), List.of());
      out.add(new FileChange(c.kind(), c.path(), c.oldPath(), isBinary ? FileChange.EntryType.BINARY : c.entryType(), lines));
    }
    return out;
  }

  private static FileChange.EntryType entryType(String mode) {
    return switch (mode) {
      case "120000" -> FileChange.EntryType.SYMLINK;
      case "160000" -> FileChange.EntryType.SUBMODULE;
      case "100755" -> FileChange.EntryType.EXECUTABLE;
      default -> FileChange.EntryType.FILE;
    };
  }

  /** {@code git ls-files --stage} of one path: its index entries, one per merge stage. */
  static String[] indexEntryArgs(String path) {
    return new String[] {"ls-files", "--stage", "-z", "--full-name", "--", ":(literal,top)" + path};
  }

  /**
   * The blob an index entry listing ({@link #indexEntryArgs}) names, read through git. An unmerged
   * path (stages 1 to 3) has no single content to judge, so it is an error, not an absence.
   */
  Optional<String> indexFile(String path, byte[] listing) throws RepositoryException {
    String blob = null;
    for (String entry : new String(listing, StandardCharsets.UTF_8).split("\0")) {
      if (entry.isEmpty()) {
        continue;
      }
      // "<mode> SP <object> SP <stage> TAB <path>"
      String[] meta = entry.substring(0, Math.max(0, entry.indexOf('\t'))).split(" ");
      if (meta.length != 3) {
        throw new RepositoryException("cannot read the index entry of " + path + ": '" + entry + "'");
      }
      if (!meta[2].equals("0")) {
        throw new RepositoryException(path + " has unresolved merge conflicts in the index; resolve them and stage "
            + "the result, so there is one version to judge by");
      }
      blob = meta[1];
    }
    if (blob == null) {
      return Optional.empty();
    }
    return Optional.of(new String(run("cat-file", "blob", blob), StandardCharsets.UTF_8));
  }

  private static Map<String, List<FileChange.AddedLine>> addedLines(byte[] patch) {
    Map<String, List<FileChange.AddedLine>> out = new HashMap<>();
    List<FileChange.AddedLine> current = null;
    int next = 0;
    for (String line : new String(patch, StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.startsWith("diff --git ")) {
        current = null;
      } else if (line.startsWith("+++ ")) {
        String target = line.substring(4);
        if (target.equals("/dev/null")) {
          current = null;
        } else {
          String path = unquote(target).substring(2);
          current = out.computeIfAbsent(path, k -> new ArrayList<>());
        }
      } else if (line.startsWith("@@")) {
        Matcher m = HUNK.matcher(line);
        next = m.find() ? Integer.parseInt(m.group(1)) : 0;
      } else if (current != null && line.startsWith("+")) {
        current.add(new FileChange.AddedLine(next++, line.substring(1)));
      }
    }
    return out;
  }

  /** git's C-style quoting of unusual paths ({@code "b/a\tb"}). */
  static String unquote(String s) {
    if (!s.startsWith("\"") || !s.endsWith("\"") || s.length() < 2) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'v' -> out.write(11);
        case '0', '1', '2', '3' -> {
          out.write(Integer.parseInt(s.substring(i, i + 3), 8));
          i += 2;
        }
        default -> out.write(e);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }

  /** A git command running in the background. */
  static final class Pending {
    private final CompletableFuture<byte[]> output;

    private Pending(CompletableFuture<byte[]> output) {
      this.output = output;
    }

    byte[] get() throws RepositoryException {
      try {
        return output.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RepositoryException r) {
          throw r;
        }
        throw e;
      }
    }
  }

  /**
   * Starts git now and returns at once: the hook's three git commands overlap. A thread of its
   * own, not the common pool: on two cores that pool has a single worker, which would run the
   * commands one after the other.
   */
  Pending start(String... args) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    daemon(() -> {
      try {
        result.complete(run(args));
      } catch (RepositoryException | RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return new Pending(result);
  }

  private static void daemon(Runnable work) {
    Thread t = new Thread(work, "aigate-git");
    t.setDaemon(true);
    t.start();
  }

  /** Whether git exits 0 (for questions such as "is there a HEAD?"). */
  boolean succeeds(String... args) {
    try {
      run(args);
      return true;
    } catch (RepositoryException e) {
      return false;
    }
  }

  /** Like {@link #run}, but tells "git cannot be started" apart from "git failed". */
  byte[] runOrUnavailable(String... args) throws RepositoryException, GitWorkspace.GitUnavailableException {
    return getOrUnavailable(start(args));
  }

  static byte[] getOrUnavailable(Pending pending) throws RepositoryException, GitWorkspace.GitUnavailableException {
    try {
      return pending.get();
    } catch (RepositoryException e) {
      if (e.getCause() instanceof IOException io) {
        throw new GitWorkspace.GitUnavailableException(io);
      }
      throw e;
    }
  }

  byte[] run(String... args) throws RepositoryException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    // Output that is parsed must not be translated (messages, "Binary files", quoting).
    pb.environment().put("LC_ALL", "C");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      Process p = pb.start();
      // stderr drains on its own thread, so a chatty git can never block on a full pipe.
      CompletableFuture<byte[]> err = new CompletableFuture<>();
      daemon(() -> err.complete(readAll(p.getErrorStream())));
      byte[] out = p.getInputStream().readAllBytes();
      int rc = p.waitFor();
      if (rc != 0) {
        throw new RepositoryException("git " + String.join(" ", args) + " failed (exit " + rc + "): "
            + new String(err.join(), StandardCharsets.UTF_8).strip());
      }
      return out;
    } catch (IOException e) {
      throw new RepositoryException("JGit cannot read this index and running git failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepositoryException("interrupted while running git", e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
