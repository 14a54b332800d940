package dev.aigate.cli;

import dev.aigate.gate.PolicySource;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.Policy;
import dev.aigate.policy.PolicyLoader;
import dev.aigate.policy.PolicyWriter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aigate policy validate|show}. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Validate or show a policy.",
    subcommands = {PolicyCommand.Validate.class, PolicyCommand.Show.class})
final class PolicyCommand {

  /** Loads a policy strictly and reports every problem at once. */
  @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a policy file; every problem is reported as file:line:col.")
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin(name = "global") GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<file>",
        description = "The file to check (default: the policy aigate would use here).")
    Path file;

    @Override
    public Integer call() {
      return Commands.guard(spec, ctx -> {
        Policy p;
        if (file != null) {
          try {
            p = PolicyLoader.load(ctx.cwd().resolve(file), file.toString());
          } catch (NoSuchFileException e) {
            throw new Commands.Failure(ExitCodes.USAGE, "policy file not found: " + file);
          } catch (IOException e) {
            throw new Commands.Failure(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
          } catch (InvalidPolicyException e) {
            ctx.err().print(e.render());
            ctx.err().println("aigate: " + e.problems().size() + " problem(s); the policy is not valid");
            return ExitCodes.USAGE;
          }
        } else {
          p = effective(spec, ctx);
        }
        ctx.out().println("aigate: " + p.origin() + " is valid: mode " + p.mode().yamlName() + ", " + p.rules().size()
            + " rule(s), default " + p.defaultAction().yamlName() + ", " + p.ai().catalogue().size() + " AI tool(s)");
        return ExitCodes.PASS;
      });
    }
  }

  /** Prints the effective policy, built-in catalogue included. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the effective policy, built-in AI catalogue included.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin(name = "global") GlobalOptions global;

    @Override
    public Integer call() {
      return Commands.guard(spec, ctx -> {
        ctx.out().print(PolicyWriter.write(effective(spec, ctx)));
        return ExitCodes.PASS;
      });
    }
  }

  /** The policy a check here would use; outside a repository, --policy/AIGATE_POLICY/the default. */
  static Policy effective(CommandSpec spec, Context ctx) throws Commands.Failure {
    GlobalOptions o = Commands.options(spec);
    try (GitRepo repo = GitRepo.open(Commands.directory(ctx, o), ctx.env())) {
      return Commands.policy(ctx, o, repo);
    } catch (RepositoryException e) {
      // Not in a repository: there is no .aigate.yml to find, which is fine here.
      return Commands.policy(ctx, o, PolicySource.RepositoryPolicy.none());
    }
  }
}
