package dev.aigate.cli;

import dev.aigate.policy.Policy;
import dev.aigate.gate.PolicySource;
import dev.aigate.git.GitRepo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aigate init}: a commented starter policy at the repository root. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Write a commented starter policy (.aigate.yml at the repository root).")
final class InitCommand implements Callable<Integer> {
  static final String STARTER = "/dev/aigate/gate/starter.yml";

  @Spec CommandSpec spec;
  @Mixin(name = "global") GlobalOptions global;

  @Option(names = "--force", description = "Overwrite an existing file.")
  boolean force;

  @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write here instead of .aigate.yml.")
  Path output;

  @Override
  public Integer call() {
    return Commands.guard(spec, ctx -> {
      Commands.noReport(spec);
      Path target;
      if (output != null) {
        target = ctx.cwd().resolve(output);
      } else {
        try (GitRepo repo = Commands.openRepo(ctx, Commands.options(spec))) {
          target = repo.root().resolve(Policy.FILE_NAME);
        }
      }
      if (Files.exists(target) && !force) {
        throw new Commands.Failure(ExitCodes.USAGE, target + " already exists (use --force to overwrite)");
      }
      try (InputStream in = InitCommand.class.getResourceAsStream(STARTER)) {
        Files.writeString(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new Commands.Failure(ExitCodes.INTERNAL, "cannot write " + target + ": " + e.getMessage());
      }
      ctx.out().println("aigate: wrote " + target + "; edit it, then check it with 'aigate policy validate'");
      return ExitCodes.PASS;
    });
  }
}
