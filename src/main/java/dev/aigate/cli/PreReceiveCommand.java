package dev.aigate.cli;

import dev.aigate.gate.Deadline;
import dev.aigate.gate.PolicySource;
import dev.aigate.gate.PreReceive;
import dev.aigate.gate.PushContext;
import dev.aigate.gate.PushDecision;
import dev.aigate.gate.PushOutcome;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RefUpdate;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.PolicyLoader;
import dev.aigate.policy.ServerPolicy;
import dev.aigate.report.PushReporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aigate hook pre-receive}: the server-side gate; reads {@code <old> <new> <ref>} lines on stdin. */
@Command(name = "pre-receive", mixinStandardHelpOptions = true, description = {
    "Judge a push on the server: every commit it brings onto a protected ref.",
    "Reads '<old> <new> <ref>' lines on standard input, as git's pre-receive hook gets them."})
final class PreReceiveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin(name = "global") GlobalOptions global;

  @Option(names = "--deadline", paramLabel = "<time>", defaultValue = DEFAULT_DEADLINE,
      description = "Stop judging this long after the JVM started (4.5s, 4500ms; 0 = none). Default: ${DEFAULT-VALUE}, "
          + "inside GitHub Enterprise Server's 5 s budget.")
  String deadline;

  static final String DEFAULT_DEADLINE = "4.5s";

  @Override
  public Integer call() {
    return run(Commands.options(spec), Commands.context(spec), deadline);
  }

  /**
   * The gate itself; also reached without picocli from {@link HookFastPath}. Every way out is
   * here, so the exit code and the report come from the same decision and no throwable escapes
   * unjudged.
   */
  static int run(GlobalOptions o, Context ctx, String deadline) {
    PushContext push = PushContext.from(ctx.env());
    String errPrefix = push.host() == PushContext.Host.GITLAB ? "GL-HOOK-ERR: " : "";
    PreReceive gate = null;
    try {
      Duration budget = Deadline.parse(deadline);
      String stdin = new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8);
      List<RefUpdate> updates = RefUpdate.parse(stdin);
      // Every policy starts from the built-in catalogue: it is read here while JGit's set-up
      // runs on the other core (JGitWarmUp), not after it.
      PolicyLoader.builtinCatalogue();
      try (GitRepo repo = Commands.openRepo(ctx, o)) {
        gate = new PreReceive(repo, ctx.env(), ctx.cwd(), o.policy, Deadline.after(ctx.startNanos(), budget));
        PushOutcome outcome = gate.judge(updates);
        PushReporter.write(outcome, Commands.format(o), ctx.out());
        return exitCode(outcome.decision());
      }
    } catch (IllegalArgumentException e) {
      ctx.out().println(errPrefix + "aigate: push rejected: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (InvalidPolicyException e) {
      ctx.out().println(errPrefix + "aigate: push rejected: the policy is invalid:");
      ctx.out().print(e.render());
      return ExitCodes.USAGE;
    } catch (PolicySource.PolicyUnavailableException e) {
      ctx.out().println(errPrefix + "aigate: push rejected: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (Commands.Failure e) {
      ctx.out().println(errPrefix + "aigate: push rejected: " + e.getMessage());
      return e.exitCode;
    } catch (VirtualMachineError e) {
      // Out of memory or stack is what pushed content does to a gate; on-error is not asked.
      ctx.out().println(errPrefix + "aigate: push rejected: the gate ran out of resources judging it: " + e);
      return ExitCodes.INTERNAL;
    } catch (Exception | Error e) {
      if (ctx.env().containsKey("AIGATE_DEBUG")) {
        e.printStackTrace(ctx.err());
      }
      if (gate != null && gate.onError() == ServerPolicy.Outcome.ALLOW) {
        ctx.out().println("aigate: WARNING: push accepted unjudged after an internal error (on-error: allow): " + e);
        return ExitCodes.PASS;
      }
      // Fail closed: a push the gate could not read is not a push it approved.
      ctx.out().println(errPrefix + "aigate: push rejected: cannot judge it: " + e);
      return ExitCodes.INTERNAL;
    } finally {
      ctx.out().flush();
    }
  }

  private static int exitCode(PushDecision decision) {
    if (decision.accepted()) {
      return ExitCodes.PASS;
    }
    return decision instanceof PushDecision.Rejected r && r.unjudgeable() ? ExitCodes.INTERNAL : ExitCodes.BLOCKED;
  }
}
