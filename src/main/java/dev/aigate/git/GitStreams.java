package dev.aigate.git;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * git processes whose output is streamed (blame, tree listings): started with this repository's
 * environment and settings that make their output parseable, stderr drained on its own thread so
 * a chatty git never blocks on a full pipe.
 */
final class GitStreams {
  private GitStreams() {}

  static Process start(Path gitDir, Map<String, String> env, List<String> args) throws RepositoryException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(quotePathOff(args));
    return launch(gitDir, env, cmd);
  }

  /**
   * {@code git <args> -- <path>}, the path's bytes exact whatever the locale ({@link GitPaths#argv})
   * and taken literally: to rev-list a path after {@code --} is a pathspec, so a file named
   * {@code x*.bin} would also match {@code xy.bin} and take the last change of another file.
   */
  static Process start(Path gitDir, Map<String, String> env, List<String> args, String path)
      throws RepositoryException {
    List<String> literal = new ArrayList<>(args.size() + 3);
    literal.add("--literal-pathspecs");
    literal.addAll(quotePathOff(args));
    return launch(gitDir, env, GitPaths.argv(literal, path));
  }

  private static List<String> quotePathOff(List<String> args) {
    List<String> all = new ArrayList<>(args.size() + 2);
    all.add("-c");
    all.add("core.quotePath=false");
    all.addAll(args);
    return all;
  }

  private static Process launch(Path gitDir, Map<String, String> env, List<String> cmd) throws RepositoryException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(gitDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("GIT_DIR", gitDir.toString());
    pb.environment().put("LC_ALL", "C");
    // A partial clone must report a missing blob, not fetch it from a promisor remote.
    pb.environment().put("GIT_NO_LAZY_FETCH", "1");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      return pb.start();
    } catch (IOException e) {
      throw new RepositoryException("cannot run git: " + e.getMessage(), e);
    }
  }


  /** The first 64 KiB of stderr, for the error message; the rest is drained. */
  static CompletableFuture<byte[]> stderr(Process p) {
    CompletableFuture<byte[]> err = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (InputStream e = p.getErrorStream()) {
        err.complete(e.readNBytes(64 * 1024));
        e.transferTo(OutputStream.nullOutputStream());
      } catch (IOException x) {
        err.complete(new byte[0]);
      }
    }, "aigate-git-stderr");
    t.setDaemon(true);
    t.start();
    return err;
  }
}
