package dev.aigate.testing;

import dev.aigate.cli.Aigate;
import dev.aigate.cli.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs aigate in-process against a real repository, capturing its output and exit code. */
public final class Runs {
  private Runs() {}

  /** One in-process run. */
  public record Run(int exitCode, String out, String err) {
    public String output() {
      return out + err;
    }
  }

  public static Run aigate(TestRepo repo, String... args) {
    return aigate(repo, Map.of(), args);
  }

  public static Run aigate(TestRepo repo, Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(repo.env());
    env.putAll(extraEnv);
    return aigate(repo.dir(), env, args);
  }

  public static Run aigate(Path cwd, Map<String, String> env, String... args) {
    return aigateWithInput(cwd, env, "", args);
  }

  private static boolean asksForJson(String[] args) {
    // The policy's JSON and the provenance manifest have schemas of their own.
    if (args.length > 0 && (args[0].equals("policy") || args[0].equals("provenance"))) {
      return false;
    }
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--format") && args[i + 1].equals("json")) {
        return true;
      }
    }
    return false;
  }

  /** A run whose standard input is {@code stdin} (pre-receive's ref lines). */
  public static Run aigateWithInput(Path cwd, Map<String, String> env, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      // The run's clock starts now, so the hooks' real deadline holds in-process as it does in a
      // fresh JVM.
      int code = Aigate.run(args, new Context(env, cwd,
          new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, System.nanoTime()));
      Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      if (asksForJson(args) && (code == 0 || code == 1) && !run.out().isBlank()) {
        // Every JSON report any test produces is held against the published schema.
        ReportSchema.valid(run.out());
      }
      return run;
    }
  }
}
