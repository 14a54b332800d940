package dev.aigate.gate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes aigate's hook shims into a hooks directory without destroying anyone else's hook: a
 * foreign hook is moved aside to {@code <hook>.pre-aigate} and run first by the shim.
 */
public final class HookInstaller {
  public static final List<String> CLIENT_HOOKS = List.of("pre-commit", "commit-msg");
  /** pre-receive judges; post-receive keeps the AI line index current once a push has landed. */
  public static final List<String> SERVER_HOOKS = List.of("pre-receive", "post-receive");
  static final String MARKER = "written by 'aigate install";
  static final String CHAINED_SUFFIX = ".pre-aigate";
  static final String BACKUP_SUFFIX = ".aigate-backup";

  /**
   * How the installed hook runs aigate: a launcher program, or a java binary and the jar. The
   * shim tries them in that order, then {@code aigate} on PATH.
   */
  public record Launcher(String bin, String java, String jar) {
    public Launcher {
      bin = bin == null ? "" : bin;
      java = java == null ? "" : java;
      jar = jar == null ? "" : jar;
      if (bin.isEmpty() && jar.isEmpty()) {
        throw new IllegalArgumentException("a launcher needs a program or a jar");
      }
    }
  }

  /** A hook that cannot be installed as asked. */
  public static final class InstallException extends Exception {
    public InstallException(String message) {
      super(message);
    }
  }

  private HookInstaller() {}

  /** Installs {@code hooks}; returns one line per hook saying what was done. */
  public static List<String> install(Path hooksDir, List<String> hooks, Launcher launcher, boolean force)
      throws InstallException, IOException {
    Files.createDirectories(hooksDir);
    // Check every hook first, so a refusal leaves nothing half-installed.
    for (String hook : hooks) {
      Path target = hooksDir.resolve(hook);
      if (Files.exists(target) && !isOurs(target) && !force && Files.exists(hooksDir.resolve(hook + CHAINED_SUFFIX))) {
        throw new InstallException(target + " is not aigate's and " + hook + CHAINED_SUFFIX
            + " already exists; merge them by hand, or pass --force to replace " + target
            + " (it is kept as " + hook + BACKUP_SUFFIX + ")");
      }
    }
    List<String> done = new ArrayList<>();
    for (String hook : hooks) {
      Path target = hooksDir.resolve(hook);
      String what;
      if (!Files.exists(target)) {
        what = "installed";
      } else if (isOurs(target)) {
        what = "updated";
      } else if (force) {
        Files.move(target, hooksDir.resolve(hook + BACKUP_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
        what = "replaced the existing hook (kept as " + hook + BACKUP_SUFFIX + ", not run)";
      } else {
        Files.move(target, hooksDir.resolve(hook + CHAINED_SUFFIX));
        what = "installed; the existing hook runs first (" + hook + CHAINED_SUFFIX + ")";
      }
      Files.writeString(target, shim(hook, launcher), StandardCharsets.UTF_8);
      makeExecutable(target);
      done.add(hook + ": " + what);
    }
    return done;
  }

  /** Removes aigate's hooks and puts chained hooks back. */
  public static List<String> uninstall(Path hooksDir, List<String> hooks) throws IOException {
    List<String> done = new ArrayList<>();
    for (String hook : hooks) {
      Path target = hooksDir.resolve(hook);
      if (!Files.exists(target) || !isOurs(target)) {
        done.add(hook + ": not aigate's, left alone");
        continue;
      }
      Files.delete(target);
      Path chained = hooksDir.resolve(hook + CHAINED_SUFFIX);
      if (Files.exists(chained)) {
        Files.move(chained, target);
        done.add(hook + ": removed; the previous hook is back");
      } else {
        done.add(hook + ": removed");
      }
    }
    return done;
  }

  static boolean isOurs(Path hook) throws IOException {
    if (!Files.isRegularFile(hook)) {
      return false;
    }
    byte[] head = new byte[512];
    int n;
    try (InputStream in = Files.newInputStream(hook)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return new String(head, 0, n, StandardCharsets.UTF_8).contains(MARKER);
  }

  static String shim(String hook, Launcher l) {
    return template(hook)
        .replace("@AIGATE_BIN@", shellQuote(l.bin()))
        .replace("@AIGATE_JAVA@", shellQuote(l.java()))
        .replace("@AIGATE_JAR@", shellQuote(l.jar()));
  }

  private static String template(String hook) {
    try (InputStream in = HookInstaller.class.getResourceAsStream("hooks/" + hook)) {
      if (in == null) {
        throw new IllegalStateException("no hook template for " + hook + " in the aigate jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static void makeExecutable(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      if (!p.toFile().setExecutable(true)) {
        throw new IOException("cannot make " + p + " executable");
      }
    }
  }
}
