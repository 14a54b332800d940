package dev.aigate.git;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The git binary, for what the reviewer's commands write (notes) or send (fetch, push): git's own
 * config, credentials and hooks apply, as they would to the same command typed by hand.
 */
public final class GitProcess {
  private final Path dir;
  private final Map<String, String> env;

  public GitProcess(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /** A finished git command. */
  public record Result(int exitCode, String out, String err) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs git with {@code stdin} (null: none); any exit code. */
  public Result run(byte[] stdin, String... args) throws RepositoryException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("LC_ALL", "C");
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    try {
      Process p = pb.start();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (stdin != null) {
        try (var in = p.getOutputStream()) {
          in.write(stdin);
        }
      }
      String out = read(p.getInputStream());
      return new Result(p.waitFor(), out, err.join());
    } catch (IOException e) {
      throw new RepositoryException("cannot run git: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepositoryException("interrupted while running git", e);
    }
  }

  /** Runs git and requires success; returns stdout. */
  public String require(byte[] stdin, String... args) throws RepositoryException {
    Result r = run(stdin, args);
    if (!r.ok()) {
      throw new RepositoryException("git " + String.join(" ", args) + " failed (exit " + r.exitCode() + "): "
          + r.err().strip());
    }
    return r.out();
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
