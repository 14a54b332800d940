package dev.aigate.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run gets from its process: environment, working directory and streams. Tests pass their
 * own, so no command reads {@code System.getenv} or {@code System.out} directly.
 */
public record Context(Map<String, String> env, Path cwd, InputStream in, PrintStream out, PrintStream err) {
  public Context {
    env = Map.copyOf(env);
  }
}
