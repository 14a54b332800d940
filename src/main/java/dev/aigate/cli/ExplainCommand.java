package dev.aigate.cli;

import dev.aigate.detect.Verdict;
import dev.aigate.gate.Audit;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Mode;
import dev.aigate.policy.Policy;
import dev.aigate.report.Report;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aigate explain <rev>}: one commit's trailers, AI evidence, reviews and verdict. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Show how the policy judges one commit: trailers, AI evidence, reviews, verdict.")
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin(name = "global") GlobalOptions global;

  @Parameters(index = "0", paramLabel = "<rev>", description = "A commit (any revision git understands, e.g. HEAD~2).")
  String revision;

  @Override
  public Integer call() {
    return Commands.guard(spec, ctx -> {
      GlobalOptions o = Commands.options(spec);
      try (GitRepo repo = Commands.openRepo(ctx, o)) {
        Policy policy = Commands.policy(ctx, o, repo);
        Audit.Explanation e = Audit.explain(repo, policy, revision);
        Verdict verdict = new Verdict(List.of(e.verdict()), policy.origin(), policy.mode() == Mode.WARN);
        Commands.reporter(ctx, o, true, true).write(Report.explained(verdict, e.lineOrigins()), ctx.out());
        return Commands.exitCode(verdict.passed());
      } catch (RepositoryException e) {
        throw Commands.failure(e);
      }
    });
  }
}
