package dev.aigate.cli;

import dev.aigate.git.GitRepo;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aigate train <repo>}: runs the hook, audit and pre-receive paths once in one JVM, so
 * install.sh can record the classes they load in a class-data-sharing archive (AppCDS on Java
 * 17, an AOT cache on 25) and every later start loads them from it.
 */
@Command(name = "train", hidden = true, description = "Exercise aigate's main paths once (for start-up caches).")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<repo>", description = "A scratch repository with a staged change.")
  Path repo;

  @Override
  public Integer call() throws IOException {
    Context ctx = Commands.context(spec);
    Path dir = ctx.cwd().resolve(repo);
    Path msg = dir.resolve(".git/TRAIN_MSG");
    Files.writeString(msg, "Train\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nReviewed-by: Bob <bob@example.com>\n");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    Context inRepo = new Context(ctx.env(), dir, new ByteArrayInputStream(new byte[0]), quiet, quiet);
    Aigate.run(new String[] {"hook", "pre-commit"}, inRepo);
    Aigate.run(new String[] {"hook", "commit-msg", msg.toString()}, inRepo);
    Aigate.run(new String[] {"audit", "--format", "json"}, inRepo);
    String zero = "0".repeat(40);
    // A push that creates a ref judges real commits, so their classes (the pack reader's too,
    // when install.sh packed the scratch repository) are in the cache.
    String head = zero;
    try (GitRepo git = GitRepo.open(dir, ctx.env()); History history = git.history()) {
      head = history.headCommit().orElse(zero);
    } catch (RepositoryException e) {
      // A scratch repository without commits trains the refusal path only.
    }
    Context push = new Context(ctx.env(), dir, new ByteArrayInputStream((zero + " " + head + " refs/heads/train\n")
        .getBytes(StandardCharsets.UTF_8)), quiet, quiet);
    Aigate.run(new String[] {"hook", "pre-receive", "--deadline", "0"}, push);
    Files.deleteIfExists(msg);
    return ExitCodes.PASS;
  }
}
