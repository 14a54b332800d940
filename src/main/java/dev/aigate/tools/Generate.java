package dev.aigate.tools;

import dev.aigate.cli.Aigate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Build step: writes the man page and the bash/zsh completion script from the command model. */
public final class Generate {
  private Generate() {}

  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), "generate-manpage");
    write(Path.of(args[1]), "generate-completion");
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
