package dev.aigate.cli;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Review;
import dev.aigate.detect.Verdict;
import dev.aigate.gate.LocalEvaluation;
import dev.aigate.git.Workspace;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Policy;
import dev.aigate.report.Report;
import dev.aigate.report.ReportFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aigate hook <name>}: what the installed git hooks run. */
@Command(name = "hook", mixinStandardHelpOptions = true, description = "Run as a git hook (installed by 'aigate install').",
    subcommands = {HookCommand.PreCommit.class, HookCommand.CommitMsg.class, PreReceiveCommand.class,
        PostReceiveCommand.class})
final class HookCommand {

  /** {@code aigate hook pre-commit}: agent environment, identity and content markers; no message yet. */
  @Command(name = "pre-commit", mixinStandardHelpOptions = true, description = "Check the staged change before git asks for the message.")
  static final class PreCommit implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin(name = "global") GlobalOptions global;

    @Override
    public Integer call() {
      return Commands.guard(spec, ctx -> run(Commands.options(spec), ctx, null, LocalEvaluation.Stage.PRE_COMMIT));
    }
  }

  /** {@code aigate hook commit-msg <file>}: the full evaluation of the commit being made. */
  @Command(name = "commit-msg", mixinStandardHelpOptions = true, description = "Check the staged change together with its message.")
  static final class CommitMsg implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin(name = "global") GlobalOptions global;

    @Parameters(index = "0", paramLabel = "<msgfile>", description = "The message file git passes to the hook.")
    Path messageFile;

    @Override
    public Integer call() {
      return Commands.guard(spec,
          ctx -> run(Commands.options(spec), ctx, ctx.cwd().resolve(messageFile), LocalEvaluation.Stage.WITH_MESSAGE));
    }
  }

  static int run(GlobalOptions o, Context ctx, Path messageFile, LocalEvaluation.Stage stage) throws Commands.Failure {
    String message = messageFile == null ? null : readMessage(messageFile);
    try (Workspace repo = Commands.openWorkspace(ctx, o)) {
      Policy policy = Commands.policy(ctx, o, repo);
      // git exports GIT_EDITOR=: exactly when it opens no editor (-m, -F, --no-edit).
      boolean editorUsed = !":".equals(ctx.env().get("GIT_EDITOR"));
      Verdict verdict = LocalEvaluation.staged(repo, policy, ctx.env(), message, editorUsed, stage);
      boolean json = Commands.format(o) == ReportFormat.JSON;
      boolean findings = !verdict.passed() || verdict.violationCount() > 0 || Boolean.TRUE.equals(o.verbose);
      if (json) {
        Commands.reporter(ctx, o, false, false).write(Report.of(verdict), ctx.out());
      } else if (findings) {
        // git sends a hook's stdout to stderr anyway; writing there keeps the order.
        Commands.reporter(ctx, o, false, true).write(Report.of(verdict), ctx.err());
        if (!verdict.passed() && messageFile != null) {
          ctx.err().println("aigate: the commit was not made; your message is kept in " + messageFile
              + " (reuse it: git commit -e -F " + messageFile + ")");
        }
      } else if (verdict.aiCommits() > 0) {
        ctx.err().println(oneLine(verdict.commits().get(0), stage));
      }
      return Commands.exitCode(verdict.passed());
    } catch (RepositoryException e) {
      throw Commands.failure(e);
    }
  }

  /** A passing AI change gets one line, not a report: the hook runs on every commit. */
  private static String oneLine(CommitVerdict v, LocalEvaluation.Stage stage) {
    String tools = v.ai().stream().map(e -> e.tool().id()).distinct().collect(Collectors.joining(", "));
    if (stage == LocalEvaluation.Stage.PRE_COMMIT) {
      return "aigate: AI-attributed change (" + tools + "); the commit-msg hook will check its reviews";
    }
    long valid = v.reviews().stream().filter(Review::valid).count();
    return "aigate: AI-attributed change (" + tools + ") passes the policy with " + valid + " valid review(s)";
  }

  private static String readMessage(Path file) throws Commands.Failure {
    try {
      // Lenient decoding: a non-UTF-8 message must still be read, not rejected.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Commands.Failure(ExitCodes.INTERNAL, "cannot read the message file " + file + ": " + e.getMessage());
    }
  }
}
