package dev.aigate.cli;

import dev.aigate.gate.Deadline;
import dev.aigate.gate.PolicySource;
import dev.aigate.gate.PreReceive;
import dev.aigate.gate.ServerLineIndex;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.InvalidPolicyException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aigate index}: the server's persistent AI line index (provenance across commits). */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = "Manage the server's AI line index, which provenance across commits matches pushes against.",
    subcommands = IndexCommand.Rebuild.class)
final class IndexCommand {

  /** {@code aigate index rebuild}: index every ref's history from scratch. */
  @Command(name = "rebuild", mixinStandardHelpOptions = true, description = {
      "Index the whole history of every ref under the server policy, replacing $GIT_DIR/aigate/ai-lines.idx.",
      "Run it once when enabling ai.provenance on a server, and after changing the AI catalogue."})
  static final class Rebuild implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin(name = "global") GlobalOptions global;

    @Override
    public Integer call() {
      return Commands.guard(spec, ctx -> {
        GlobalOptions o = Commands.options(spec);
        try (GitRepo repo = Commands.openRepo(ctx, o)) {
          long start = System.nanoTime();
          ServerLineIndex.Rebuilt r = new PreReceive(repo, ctx.env(), ctx.cwd(), o.policy, Deadline.none())
              .rebuildLineIndex();
          ctx.out().printf("aigate: indexed %d commit(s): %d AI line(s) among %d distinct line(s); %s (%d bytes)"
              + " in %.1f s%n", r.commits(), r.aiLines(), r.linesSeen(), r.file(), r.bytes(),
              (System.nanoTime() - start) / 1e9);
          if (!r.partlyIndexed().isEmpty()) {
            ctx.err().println("aigate: WARNING: " + ServerLineIndex.partlyIndexed(r.partlyIndexed()));
          }
          return ExitCodes.PASS;
        } catch (IllegalStateException e) {
          throw new Commands.Failure(ExitCodes.USAGE, e.getMessage());
        } catch (InvalidPolicyException e) {
          throw new Commands.Failure(ExitCodes.USAGE, "invalid policy:\n" + e.render().stripTrailing());
        } catch (PolicySource.PolicyUnavailableException e) {
          throw new Commands.Failure(ExitCodes.USAGE, e.getMessage());
        } catch (RepositoryException e) {
          throw Commands.failure(e);
        } catch (IOException e) {
          throw new Commands.Failure(ExitCodes.INTERNAL, "cannot write the index: " + e.getMessage());
        }
      });
    }
  }
}
