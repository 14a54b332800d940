package dev.aigate.cli;

import dev.aigate.detect.Verdict;
import dev.aigate.gate.LocalEvaluation;
import dev.aigate.git.Workspace;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Policy;
import dev.aigate.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aigate check}: the commit-msg evaluation on demand, with a report. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Evaluate the staged change (and a draft message) against the policy.")
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin(name = "global") GlobalOptions global;

  @Option(names = "--message-file", paramLabel = "<file>",
      description = "A draft commit message; comment lines and the scissors cut are removed as git's editor flow does.")
  Path messageFile;

  @Override
  public Integer call() {
    return Commands.guard(spec, ctx -> {
      GlobalOptions o = Commands.options(spec);
      String message = null;
      if (messageFile != null) {
        try {
          message = new String(Files.readAllBytes(ctx.cwd().resolve(messageFile)), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new Commands.Failure(ExitCodes.USAGE, "cannot read --message-file " + messageFile + ": " + e.getMessage());
        }
      }
      try (Workspace repo = Commands.openWorkspace(ctx, o)) {
        Policy policy = Commands.policy(ctx, o, repo);
        Verdict verdict = LocalEvaluation.staged(repo, policy, ctx.env(), message, true,
            LocalEvaluation.Stage.WITH_MESSAGE);
        Commands.reporter(ctx, o, false, true).write(Report.of(verdict), ctx.out());
        return Commands.exitCode(verdict.passed());
      } catch (RepositoryException e) {
        throw Commands.failure(e);
      }
    });
  }
}
