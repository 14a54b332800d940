package dev.aigate.cli;

import dev.aigate.gate.LocalEvaluation;
import java.nio.file.Path;

/**
 * The installed hooks' exact command lines, run without building picocli's command model. The
 * commit hooks run on every commit and the pre-receive gate inside a hosting time budget, and
 * picocli's reflection over every command costs about 0.15 s that class-data sharing cannot
 * save (its classes are too old a class-file version for CDS). Any other argument goes through
 * picocli as usual.
 */
final class HookFastPath {
  private HookFastPath() {}

  /** {@code hook pre-commit}, {@code hook pre-receive} or {@code hook commit-msg <file>}, with nothing else. */
  static boolean applies(String[] args) {
    return args.length == 2 && args[0].equals("hook") && (args[1].equals("pre-commit") || args[1].equals("pre-receive"))
        || args.length == 3 && args[0].equals("hook") && args[1].equals("commit-msg") && !args[2].startsWith("-");
  }

  /** {@code hook pre-commit} or {@code hook commit-msg ...}: read through git, never JGit. */
  static boolean isCommitHook(String[] args) {
    return args.length >= 2 && args[0].equals("hook") && (args[1].equals("pre-commit") || args[1].equals("commit-msg"));
  }

  static int run(String[] args, Context ctx) {
    if (args[1].equals("pre-receive")) {
      return PreReceiveCommand.run(new GlobalOptions(), ctx, PreReceiveCommand.DEFAULT_DEADLINE);
    }
    try {
      return Commands.guard(ctx, c -> args.length == 2
          ? HookCommand.run(new GlobalOptions(), c, null, LocalEvaluation.Stage.PRE_COMMIT)
          : HookCommand.run(new GlobalOptions(), c, c.cwd().resolve(Path.of(args[2])), LocalEvaluation.Stage.WITH_MESSAGE));
    } catch (RuntimeException | Error e) {
      return Aigate.failClosed(ctx, e);
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }
}
