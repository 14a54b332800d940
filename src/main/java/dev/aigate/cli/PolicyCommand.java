package dev.aigate.cli;

import dev.aigate.gate.PolicySource;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.Policy;
import dev.aigate.policy.PolicyLoader;
import dev.aigate.policy.PolicyWriter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aigate.policy.PolicyProblem;
import dev.aigate.report.ReportFormat;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
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
        ReportFormat format = Commands.format(Commands.options(spec));
        if (format != ReportFormat.TEXT && format != ReportFormat.JSON) {
          throw new Commands.Failure(ExitCodes.USAGE, "policy validate writes text or json, not " + format.name().toLowerCase(Locale.ROOT));
        }
        Policy p;
        try {
          if (file != null) {
            try {
              p = PolicyLoader.load(ctx.cwd().resolve(file), file.toString());
            } catch (NoSuchFileException e) {
              throw new Commands.Failure(ExitCodes.USAGE, "policy file not found: " + file);
            } catch (IOException e) {
              throw new Commands.Failure(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
            }
          } else {
            try {
              p = effective(spec, ctx);
            } catch (Commands.Failure f) {
              if (f.getCause() instanceof InvalidPolicyException e) {
                throw e;
              }
              throw f;
            }
          }
        } catch (InvalidPolicyException e) {
          if (format == ReportFormat.JSON) {
            json(ctx, e.origin(), e.problems());
          } else {
            ctx.err().print(e.render());
          }
          ctx.err().println("aigate: " + e.problems().size() + " problem(s); the policy is not valid");
          return ExitCodes.USAGE;
        }
        if (format == ReportFormat.JSON) {
          json(ctx, p.origin(), List.of());
          return ExitCodes.PASS;
        }
        ctx.out().println("aigate: " + p.origin() + " is valid: mode " + p.mode().yamlName() + ", " + p.rules().size()
            + " rule(s), default " + p.defaultAction().yamlName() + ", " + p.ai().catalogue().size() + " AI tool(s)");
        return ExitCodes.PASS;
      });
    }
  }

  /** {@code {"valid": …, "policy": …, "problems": [{"file", "line", "column", "message"}]}}, line and column 0 when unknown. */
  private static void json(Context ctx, String origin, List<PolicyProblem> problems) throws Commands.Failure {
    try (JsonGenerator g = new JsonFactory().createGenerator(ctx.out())) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("version", 1);
      g.writeBooleanField("valid", problems.isEmpty());
      g.writeStringField("policy", origin);
      g.writeArrayFieldStart("problems");
      for (PolicyProblem p : problems) {
        g.writeStartObject();
        g.writeStringField("file", origin);
        g.writeNumberField("line", p.line());
        g.writeNumberField("column", p.column());
        g.writeStringField("message", p.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      ctx.out().println();
    } catch (IOException e) {
      throw new Commands.Failure(ExitCodes.INTERNAL, "cannot write the JSON: " + e.getMessage());
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
        Commands.noReport(spec);
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
