package dev.aigate.cli;

import dev.aigate.gate.HookInstaller;
import dev.aigate.git.GitRepo;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aigate install}: the client hooks, into the hooks directory git really uses. */
@Command(name = "install", description = {
    "Install the pre-commit and commit-msg hooks into the repository's hooks directory (core.hooksPath if set).",
    "A hook that is already there is kept and run first, unless --force replaces it."})
final class InstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin(name = "global") GlobalOptions global;

  @Option(names = "--force", description = "Replace foreign hooks instead of chaining them (a copy is kept as <hook>.aigate-backup).")
  boolean force;

  @Option(names = "--uninstall", description = "Remove aigate's hooks and restore the hooks they chained.")
  boolean uninstall;

  @Option(names = "--launcher", paramLabel = "<program>", hidden = true,
      description = "Record this program as the way to run aigate (install.sh passes its launcher).")
  Path launcher;

  @Override
  public Integer call() {
    return Commands.guard(spec, ctx -> {
      GlobalOptions o = Commands.options(spec);
      try (GitRepo repo = Commands.openRepo(ctx, o)) {
        Path hooksDir = repo.hooksDir();
        List<String> done = uninstall
            ? HookInstaller.uninstall(hooksDir, HookInstaller.CLIENT_HOOKS)
            : HookInstaller.install(hooksDir, HookInstaller.CLIENT_HOOKS, launcher(ctx), force);
        ctx.out().println("aigate: hooks in " + hooksDir + (repo.hasHooksPath() ? " (core.hooksPath)" : ""));
        done.forEach(line -> ctx.out().println("  " + line));
        return ExitCodes.PASS;
      } catch (HookInstaller.InstallException e) {
        throw new Commands.Failure(ExitCodes.USAGE, e.getMessage());
      } catch (IOException e) {
        throw new Commands.Failure(ExitCodes.INTERNAL, "cannot write the hooks: " + e.getMessage());
      }
    });
  }

  /** How the hook will run aigate: the given launcher, $AIGATE_LAUNCHER, else this JVM and jar. */
  private HookInstaller.Launcher launcher(Context ctx) throws Commands.Failure {
    if (launcher != null) {
      return new HookInstaller.Launcher(ctx.cwd().resolve(launcher).toAbsolutePath().toString(), null, null);
    }
    String fromEnv = ctx.env().get("AIGATE_LAUNCHER");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return new HookInstaller.Launcher(fromEnv, null, null);
    }
    Path jar;
    try {
      jar = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException e) {
      throw new Commands.Failure(ExitCodes.INTERNAL, "cannot tell where aigate is installed: " + e.getMessage());
    }
    if (!Files.isRegularFile(jar)) {
      throw new Commands.Failure(ExitCodes.USAGE,
          "aigate is not running from its jar (" + jar + "); run 'java -jar aigate.jar install' or pass --launcher");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    return new HookInstaller.Launcher(null, java, jar.toAbsolutePath().toString());
  }
}
