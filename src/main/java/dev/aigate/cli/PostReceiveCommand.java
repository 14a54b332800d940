package dev.aigate.cli;

import dev.aigate.gate.Deadline;
import dev.aigate.gate.PolicySource;
import dev.aigate.gate.PreReceive;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.InvalidPolicyException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aigate hook post-receive}: after a push landed, brings the server's AI line index up to
 * date. It judges nothing and blocks nothing (git ignores a post-receive exit status); what it
 * cannot do it says, and the next push catches up instead.
 */
@Command(name = "post-receive", mixinStandardHelpOptions = true, description = {
    "After a push landed on the server: bring the AI line index (ai.provenance) up to date.",
    "Reads git's '<old> <new> <ref>' lines on standard input and ignores them: every ref is read as it is now."})
final class PostReceiveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin(name = "global") GlobalOptions global;

  @Option(names = "--deadline", paramLabel = "<time>", defaultValue = "30s",
      description = "Stop indexing this long after the JVM started (0 = none); the next push catches up. Default: ${DEFAULT-VALUE}.")
  String deadline;

  @Override
  public Integer call() {
    return Commands.guard(spec, ctx -> {
      Commands.noReport(spec);
      GlobalOptions o = Commands.options(spec);
      try {
        // git waits for the hook to read what it writes; the lines themselves are not needed.
        ctx.in().readAllBytes();
        Deadline until = Deadline.after(ctx.startNanos(), Deadline.parse(deadline));
        try (GitRepo repo = Commands.openRepo(ctx, o)) {
          List<String> notes = new PreReceive(repo, ctx.env(), ctx.cwd(), o.policy, until).updateLineIndex();
          notes.forEach(n -> ctx.out().println("aigate: " + n));
          return ExitCodes.PASS;
        }
      } catch (IllegalArgumentException e) {
        throw new Commands.Failure(ExitCodes.USAGE, e.getMessage());
      } catch (InvalidPolicyException e) {
        throw new Commands.Failure(ExitCodes.USAGE, "invalid policy, the AI line index was not updated:\n"
            + e.render().stripTrailing());
      } catch (PolicySource.PolicyUnavailableException e) {
        throw new Commands.Failure(ExitCodes.USAGE, e.getMessage() + "; the AI line index was not updated");
      } catch (RepositoryException e) {
        throw Commands.failure(e);
      } catch (IOException e) {
        throw new Commands.Failure(ExitCodes.INTERNAL, "cannot read the hook's input: " + e.getMessage());
      }
    });
  }
}
