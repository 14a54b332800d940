package dev.aigate.cli;

import dev.aigate.git.JGitWarmUp;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** The one entry point: arguments in, exit code out; streams and environment injected. */
public final class Aigate {
  private Aigate() {}

  /**
   * The subcommand the arguments name, skipping global options and their values; null when
   * there is none or it is unknown (then every subcommand is registered, for help and errors).
   */
  static String subcommandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-C") || a.equals("--policy") || a.equals("--format")) {
        i++;
      } else if (!a.startsWith("-")) {
        // The generators describe every command, so they need the whole model.
        boolean describesAll = a.equals("generate-manpage") || a.equals("generate-completion");
        return AigateCommand.SUBCOMMANDS.containsKey(a) && !describesAll ? a : null;
      } else if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return null;
      }
    }
    return null;
  }

  /** Runs aigate in this process's environment and working directory. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, new Context(System.getenv(), Path.of("").toAbsolutePath(), System.in, out, err));
  }

  /** Runs aigate with an explicit environment and working directory (tests, embedding). */
  public static int run(String[] args, Context ctx) {
    if (!HookFastPath.isCommitHook(args)) {
      // Everything but the commit hooks opens a repository with JGit; its set-up runs beside
      // the command's own first work.
      JGitWarmUp.start();
    }
    if (HookFastPath.applies(args)) {
      return HookFastPath.run(args, ctx);
    }
    CommandLine cl = new CommandLine(new AigateCommand(ctx));
    // picocli builds a command's model by reflection when it is added; build only the one asked for.
    String wanted = subcommandName(args);
    AigateCommand.SUBCOMMANDS.forEach((name, type) -> {
      if (wanted == null || wanted.equals(name)) {
        cl.addSubcommand(name, type);
      }
    });
    cl.setOut(new PrintWriter(new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    if (cl.getSubcommands().containsKey("generate-completion")) {
      cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
    }
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> failClosed(ctx, ex));
    try {
      return cl.execute(args);
    } catch (RuntimeException | Error e) {
      return failClosed(ctx, e);
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  /**
   * The one handler for what escapes a command, on the picocli and the fast path alike: a hook
   * that crashes must block, and say why ({@code AIGATE_DEBUG} adds the stack trace).
   */
  static int failClosed(Context ctx, Throwable e) {
    ctx.err().println("aigate: internal error: " + e);
    if (ctx.env().containsKey("AIGATE_DEBUG")) {
      e.printStackTrace(ctx.err());
    }
    return ExitCodes.INTERNAL;
  }
}
