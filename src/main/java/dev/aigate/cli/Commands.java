package dev.aigate.cli;

import dev.aigate.gate.PolicySource;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
import dev.aigate.git.Workspace;
import dev.aigate.gate.PolicySource.RepositoryPolicy;
import dev.aigate.policy.PolicyLoader;
import java.nio.file.Files;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.Policy;
import dev.aigate.report.ReportFormat;
import dev.aigate.report.ReportOptions;
import dev.aigate.report.Reporter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** Plumbing the commands share: options, repository, policy and reporter, with errors as exit codes. */
final class Commands {
  private Commands() {}

  static Context context(CommandSpec spec) {
    return ((AigateCommand) spec.root().userObject()).context();
  }

  /** The global options as given anywhere on the command line, innermost first. */
  static GlobalOptions options(CommandSpec spec) {
    GlobalOptions merged = new GlobalOptions();
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      CommandSpec mixin = s.mixins().get("global");
      if (mixin != null) {
        merged.fillFrom((GlobalOptions) mixin.userObject());
      }
    }
    return merged;
  }

  static Path directory(Context ctx, GlobalOptions o) {
    return o.directory == null ? ctx.cwd() : ctx.cwd().resolve(o.directory);
  }

  static GitRepo openRepo(Context ctx, GlobalOptions o) throws Failure {
    try {
      return GitRepo.open(directory(ctx, o), ctx.env());
    } catch (RepositoryException e) {
      throw failure(e);
    }
  }

  /** The repository a commit is being made in (see {@link Workspace} for which reader). */
  static Workspace openWorkspace(Context ctx, GlobalOptions o) throws Failure {
    try {
      // Every policy starts from the built-in catalogue: read while git answers.
      return Workspace.open(directory(ctx, o), ctx.env(), PolicyLoader::builtinCatalogue);
    } catch (RepositoryException e) {
      throw failure(e);
    }
  }

  /** A repository problem as an exit code: the caller's mistake is 2, anything else fails closed with 3. */
  static Failure failure(RepositoryException e) {
    return new Failure(e.isCallerError() ? ExitCodes.USAGE : ExitCodes.INTERNAL, e.getMessage());
  }

  /** The policy for judging a checkout's history: the work tree's policy file (none in a bare repository). */
  static Policy policy(Context ctx, GlobalOptions o, GitRepo repo) throws Failure {
    return policy(ctx, o, repo.isBare() ? RepositoryPolicy.none() : RepositoryPolicy.inWorkTree(repo.root()));
  }

  /**
   * The policy for judging the commit being made: the policy file as staged, which is what the
   * commit will have. An unstaged policy file in the work tree is named, so its author does not
   * believe it applies.
   */
  static Policy policy(Context ctx, GlobalOptions o, Workspace workspace) throws Failure {
    Policy policy = policy(ctx, o, () -> workspace.stagedFile(Policy.FILE_NAME));
    if (policy.origin().equals(PolicyLoader.EMBEDDED_DEFAULT) && Files.exists(workspace.root().resolve(Policy.FILE_NAME))) {
      ctx.err().println("aigate: warning: " + Policy.FILE_NAME + " is in the work tree but not in the index, so this "
          + "commit is judged by the built-in default policy; stage it (git add " + Policy.FILE_NAME + ") to use it");
    }
    return policy;
  }

  static Policy policy(Context ctx, GlobalOptions o, RepositoryPolicy repository) throws Failure {
    try {
      return PolicySource.resolve(ctx.cwd(), o.policy, ctx.env(), repository);
    } catch (PolicySource.PolicyUnavailableException e) {
      throw new Failure(ExitCodes.USAGE, e.getMessage());
    } catch (InvalidPolicyException e) {
      throw new Failure(ExitCodes.USAGE, "invalid policy:\n" + e.render().stripTrailing(), e);
    } catch (RepositoryException e) {
      throw failure(e);
    }
  }

  /**
   * For commands that write no report: an accepted option that does nothing is an error, so a
   * script asking for {@code --format json} learns it gets none.
   */
  static void noReport(CommandSpec spec) throws Failure {
    if (options(spec).format != null) {
      throw new Failure(ExitCodes.USAGE, "--format: '" + spec.qualifiedName(" ") + "' writes no report");
    }
  }

  static ReportFormat format(GlobalOptions o) throws Failure {
    if (o.format == null) {
      return ReportFormat.TEXT;
    }
    try {
      return ReportFormat.valueOf(o.format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Failure(ExitCodes.USAGE, "unknown --format '" + o.format + "' (expected " + ReportFormat.names() + ")");
    }
  }

  static Reporter reporter(Context ctx, GlobalOptions o, boolean showTrailers, boolean toTerminal) throws Failure {
    return format(o).reporter(reportOptions(ctx, o, showTrailers, toTerminal));
  }

  static ReportOptions reportOptions(Context ctx, GlobalOptions o, boolean showTrailers, boolean toTerminal) {
    boolean color = toTerminal && !Boolean.TRUE.equals(o.noColor) && ctx.env().get("NO_COLOR") == null
        && System.console() != null;
    return new ReportOptions(color, Boolean.TRUE.equals(o.verbose), showTrailers);
  }

  static int exitCode(boolean passed) {
    return passed ? ExitCodes.PASS : ExitCodes.BLOCKED;
  }

  /** An expected way for a command to end early: a message and its exit code. */
  static final class Failure extends Exception {
    final int exitCode;

    Failure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    Failure(int exitCode, String message, Throwable cause) {
      super(message, cause);
      this.exitCode = exitCode;
    }
  }

  /** Runs a command body, turning a {@link Failure} into its message and exit code. */
  static int guard(CommandSpec spec, Body body) {
    return guard(context(spec), body);
  }

  static int guard(Context ctx, Body body) {
    try {
      return body.run(ctx);
    } catch (Failure f) {
      ctx.err().println("aigate: " + f.getMessage());
      return f.exitCode;
    }
  }

  @FunctionalInterface
  interface Body {
    int run(Context ctx) throws Failure;
  }

}
