package dev.aigate.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** The one entry point: arguments in, exit code out; streams and environment injected. */
public final class Aigate {
  private Aigate() {}

  /** Runs aigate in this process's environment and working directory. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, new Context(System.getenv(), Path.of("").toAbsolutePath(), System.in, out, err));
  }

  /** Runs aigate with an explicit environment and working directory (tests, embedding). */
  public static int run(String[] args, Context ctx) {
    if (HookFastPath.applies(args)) {
      return HookFastPath.run(args, ctx);
    }
    CommandLine cl = new CommandLine(new AigateCommand(ctx));
    cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      // Fail closed: a hook that crashes must block, and say why.
      ctx.err().println("aigate: internal error: " + ex);
      if (ctx.env().containsKey("AIGATE_DEBUG")) {
        ex.printStackTrace(ctx.err());
      }
      return ExitCodes.INTERNAL;
    });
    try {
      return cl.execute(args);
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

}
