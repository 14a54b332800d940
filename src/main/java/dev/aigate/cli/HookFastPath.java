package dev.aigate.cli;

import dev.aigate.gate.LocalEvaluation;
import java.nio.file.Path;

/**
 * The installed commit hooks' exact command lines, run without building picocli's command
 * model. The hook runs on every commit, and picocli's reflection over every command costs
 * about 0.15 s that class-data sharing cannot save (its classes are too old a class-file
 * version for CDS). Any other argument goes through picocli as usual.
 */
final class HookFastPath {
  private HookFastPath() {}

  /** {@code hook pre-commit} or {@code hook commit-msg <file>}, with nothing else. */
  static boolean applies(String[] args) {
    return args.length == 2 && args[0].equals("hook") && args[1].equals("pre-commit")
        || args.length == 3 && args[0].equals("hook") && args[1].equals("commit-msg") && !args[2].startsWith("-");
  }

  static int run(String[] args, Context ctx) {
    try {
      return Commands.guard(ctx, c -> args.length == 2
          ? HookCommand.run(new GlobalOptions(), c, null, LocalEvaluation.Stage.PRE_COMMIT)
          : HookCommand.run(new GlobalOptions(), c, c.cwd().resolve(Path.of(args[2])), LocalEvaluation.Stage.WITH_MESSAGE));
    } catch (RuntimeException e) {
      // Fail closed, as the picocli path does.
      ctx.err().println("aigate: internal error: " + e);
      return ExitCodes.INTERNAL;
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }
}
