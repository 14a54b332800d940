package dev.aigate.cli;

import dev.aigate.gate.HookInstaller;
import dev.aigate.gate.ServerHardening;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
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
@Command(name = "install", mixinStandardHelpOptions = true, description = {
    "Install the pre-commit and commit-msg hooks into the repository's hooks directory (core.hooksPath if set).",
    "A hook that is already there is kept and run first, unless --force replaces it."})
final class InstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin(name = "global") GlobalOptions global;

  @Option(names = "--force", description = "Replace foreign hooks instead of chaining them (a copy is kept as <hook>.aigate-backup).")
  boolean force;

  @Option(names = "--uninstall", description = "Remove aigate's hooks and restore the hooks they chained.")
  boolean uninstall;

  @Option(names = "--server", description = {
      "Install the server-side pre-receive hook instead (into a bare repository: -C <repo.git>).",
      "With --policy, the policy file is recorded as git config aigate.policy, so pushes never choose their policy."})
  boolean server;

  @Option(names = "--launcher", paramLabel = "<program>", hidden = true,
      description = "Record this program as the way to run aigate (install.sh passes its launcher).")
  Path launcher;

  @Override
  public Integer call() {
    return Commands.guard(spec, ctx -> {
      Commands.noReport(spec);
      GlobalOptions o = Commands.options(spec);
      try (GitRepo repo = Commands.openRepo(ctx, o)) {
        Path hooksDir = repo.hooksDir();
        List<String> hooks = server ? HookInstaller.SERVER_HOOKS : HookInstaller.CLIENT_HOOKS;
        List<String> done = uninstall
            ? HookInstaller.uninstall(hooksDir, hooks)
            : HookInstaller.install(hooksDir, hooks, launcher(ctx), force);
        ctx.out().println("aigate: hooks in " + hooksDir + (repo.hasHooksPath() ? " (core.hooksPath)" : ""));
        done.forEach(line -> ctx.out().println("  " + line));
        if (server && !uninstall) {
          serverSettings(ctx, o, repo);
        }
        return ExitCodes.PASS;
      } catch (HookInstaller.InstallException e) {
        throw new Commands.Failure(ExitCodes.USAGE, e.getMessage());
      } catch (IOException e) {
        throw new Commands.Failure(ExitCodes.INTERNAL, "cannot write the hooks: " + e.getMessage());
      }
    });
  }

  /** Pins the server's policy and says what the administrator may still need to do. */
  private void serverSettings(Context ctx, GlobalOptions o, GitRepo repo) throws Commands.Failure {
    if (!repo.isBare()) {
      ctx.out().println("  note: " + repo.root() + " is not bare; pre-receive runs only in the repository pushed to");
    }
    if (o.policy != null) {
      Path policy = ctx.cwd().resolve(o.policy).toAbsolutePath().normalize();
      if (!Files.isRegularFile(policy)) {
        throw new Commands.Failure(ExitCodes.USAGE, "policy file not found: " + o.policy);
      }
      try {
        repo.setConfig("aigate", "policy", policy.toString());
      } catch (RepositoryException e) {
        throw new Commands.Failure(ExitCodes.INTERNAL, e.getMessage());
      }
      ctx.out().println("  policy: git config aigate.policy " + policy);
    } else {
      ctx.out().println("  policy: the .aigate.yml committed on each protected ref before the push (else the default);"
          + " pin one with --policy <file>");
    }
    ctx.out().println("  hardening checklist (docs/hosting.md):");
    for (ServerHardening.Item item : ServerHardening.check(repo, ctx.env(), ctx.cwd(), o.policy)) {
      ctx.out().println("    " + item);
    }
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
