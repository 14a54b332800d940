package dev.aigate.cli;

import dev.aigate.gate.Deadline;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run gets from its process: environment, working directory, streams, and when it
 * started. Tests pass their own, so no command reads {@code System.getenv} or {@code System.out}
 * directly, and an in-process test can run the hooks' real command lines with their real
 * deadline counted from the start of the test's run instead of the JVM's.
 *
 * @param startNanos when the run started, in {@link System#nanoTime()} terms (the deadline counts from it)
 */
public record Context(Map<String, String> env, Path cwd, InputStream in, PrintStream out, PrintStream err,
    long startNanos) {
  public Context {
    env = Map.copyOf(env);
  }

  /** A run of this process: its deadline counts from the JVM's start, as hosting budgets do. */
  public Context(Map<String, String> env, Path cwd, InputStream in, PrintStream out, PrintStream err) {
    this(env, cwd, in, out, err, Deadline.processStartNanos());
  }
}
