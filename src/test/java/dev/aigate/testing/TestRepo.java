package dev.aigate.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A temporary git repository driven by the real git binary, with an environment of its own: an
 * empty HOME with just a git identity, no system config, and none of the AI agents' variables
 * that the developer's or CI's shell may carry.
 */
public final class TestRepo {
  /** Variables that name an AI agent; stripped so the machine running the tests cannot leak into them. */
  private static final List<String> AGENT_VARIABLE_PREFIXES = List.of(
      "CLAUDE", "CODEX", "GEMINI", "CURSOR", "COPILOT", "AI_AGENT", "AGENT", "OPENCODE", "QWEN", "AMP_", "KIRO",
      "CLINE", "CODEIUM", "GOOSE", "CRUSH", "AUGMENT", "AWS_EXECUTION_ENV", "GIT_");

  private final Path dir;
  private final Path home;
  private final Map<String, String> env;

  private TestRepo(Path dir, Path home, Map<String, String> env) {
    this.dir = dir;
    this.home = home;
    this.env = env;
  }

  /** A fresh non-bare repository in {@code parent}/repo with identity Jane Dev <jane@example.com>. */
  public static TestRepo init(Path parent, String... initArgs) {
    return init(parent.resolve("repo"), parent.resolve("home"), initArgs);
  }

  /**
   * A fresh repository at {@code dir} whose HOME is {@code home}; end-to-end tests share one
   * HOME so JGit's one-time file-system measurement is paid once, not per test.
   */
  public static TestRepo init(Path dir, Path home, String... initArgs) {
    try {
      Files.createDirectories(home);
      Files.createDirectories(dir);
      Files.writeString(home.resolve(".gitconfig"), """
          [user]
          \tname = Jane Dev
          \temail = jane@example.com
          [init]
          \tdefaultBranch = main
          [advice]
          \tdetachedHead = false
          [protocol "file"]
          \tallow = always
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestRepo r = new TestRepo(dir, home, baseEnv(home));
    List<String> args = new ArrayList<>(List.of("init", "-q"));
    args.addAll(List.of(initArgs));
    r.git(args.toArray(String[]::new));
    return r;
  }

  /** The environment a test process gets: this machine's, minus git and agent variables. */
  public static Map<String, String> baseEnv(Path home) {
    Map<String, String> env = new HashMap<>();
    System.getenv().forEach((k, v) -> {
      if (AGENT_VARIABLE_PREFIXES.stream().noneMatch(k::startsWith)) {
        env.put(k, v);
      }
    });
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("LANG", "C.UTF-8");
    return env;
  }

  public Path dir() {
    return dir;
  }

  public Path home() {
    return home;
  }

  /** A copy of this repository's environment, for a run or a git command. */
  public Map<String, String> env() {
    return new HashMap<>(env);
  }

  public TestRepo write(String path, String content) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TestRepo writeBytes(String path, byte[] content) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs git and requires success; returns stdout. */
  public String git(String... args) {
    Result r = run(Map.of(), args);
    if (r.exitCode() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n" + r.stderr() + r.stdout());
    }
    return r.stdout();
  }

  /** Runs git with extra environment variables; any exit code. */
  public Result run(Map<String, String> extraEnv, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    return exec(cmd, extraEnv, dir);
  }

  /** Adds everything and commits with {@code message} (hooks run unless the caller disabled them). */
  public String commitAll(String message) {
    git("add", "-A");
    git("commit", "-q", "--no-verify", "-m", message);
    return git("rev-parse", "HEAD").strip();
  }

  /**
   * Adds everything and commits at a fixed time, so the commit id is the same on every run
   * (golden reports depend on it).
   */
  public String commitAllAt(String message, long epochSeconds) {
    git("add", "-A");
    String date = epochSeconds + " +0000";
    Result r = run(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), "commit", "-q", "--no-verify", "-m", message);
    if (r.exitCode() != 0) {
      throw new AssertionError("commit failed: " + r.output());
    }
    return git("rev-parse", "HEAD").strip();
  }

  /** Runs a program in this repository with {@code stdin}; requires success, returns stdout. */
  public String execWithInput(List<String> cmd, String stdin) {
    Result r = exec(cmd, env, dir, stdin);
    if (r.exitCode() != 0) {
      throw new AssertionError(cmd + " failed (" + r.exitCode() + "):\n" + r.output());
    }
    return r.stdout();
  }

  /** Runs a program in {@code cwd} with this repository's environment plus {@code extraEnv}. */
  public Result exec(List<String> cmd, Map<String, String> extraEnv, Path cwd) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(extraEnv);
    return exec(cmd, all, cwd, null);
  }

  /** Runs a program with exactly {@code env}, feeding it {@code stdin} (null: nothing). */
  public static Result exec(List<String> cmd, Map<String, String> env, Path cwd, String stdin) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    try {
      Process p = pb.start();
      if (stdin != null) {
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      String out = read(p.getInputStream());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      return new Result(p.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A finished process. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String output() {
      return stdout + stderr;
    }
  }
}
