package dev.aigate.tools;

import dev.aigate.cli.Aigate;
import dev.aigate.policy.CatalogueImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build steps: the man page and the bash/zsh completion script from the command model, and
 * ({@code --catalogue-image FILE}, before the tests) the pre-parsed built-in catalogue.
 */
public final class Generate {
  private Generate() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("--catalogue-image")) {
      Path image = Path.of(args[1]);
      Files.createDirectories(image.toAbsolutePath().getParent());
      Files.write(image, CatalogueImage.build());
      return;
    }
    write(Path.of(args[0]), "generate-manpage");
    write(Path.of(args[1]), "generate-completion");
    if (args.length > 3) {
      commit(Path.of(args[2]), Path.of(args[3]));
    }
  }

  /**
   * Records the commit the build is made from (with {@code -dirty} for uncommitted changes) in
   * the jar, for {@code aigate --version}. Outside a git checkout, or without git, the build
   * goes on and the version says {@code unknown}.
   */
  static void commit(Path basedir, Path target) throws IOException {
    String commit = git(basedir, "rev-parse", "HEAD");
    if (commit == null || !commit.matches("[0-9a-f]{40,64}")) {
      commit = "unknown";
    } else {
      String status = git(basedir, "status", "--porcelain", "--untracked-files=no");
      if (status != null && !status.isEmpty()) {
        commit += "-dirty";
      }
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, "commit=" + commit + "\n", StandardCharsets.UTF_8);
  }

  private static String git(Path dir, String... args) {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "git";
    cmd[1] = "-C";
    cmd[2] = dir.toString();
    System.arraycopy(args, 0, cmd, 3, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static void write(Path target, String command) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Aigate.run(new String[] {command}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    if (code != 0) {
      throw new IOException(command + " failed with exit code " + code);
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.write(target, out.toByteArray());
  }
}
