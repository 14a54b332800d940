package dev.aigate.cli;

import dev.aigate.gate.LocalReviews;
import dev.aigate.gate.ReviewSigning;
import dev.aigate.git.GitProcess;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Policy;
import dev.aigate.report.Report;
import dev.aigate.report.Sanitize;
import dev.aigate.review.ReviewRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aigate review sign|verify|show|push}: signed review statements (docs/review.md). */
@Command(name = "review", mixinStandardHelpOptions = true, description = "Sign, verify, show and push signed reviews.",
    subcommands = {ReviewCommand.Sign.class, ReviewCommand.Verify.class, ReviewCommand.Show.class,
        ReviewCommand.Push.class})
final class ReviewCommand {

  /** What every review subcommand starts from: the context, the repository and its policy. */
  private record Session(Context ctx, GlobalOptions options, GitRepo repo, Policy policy) {
    /** {@code --allowed-signers}, relative to the working directory, when given. */
    Optional<Path> allowedSigners(Path option) {
      return Optional.ofNullable(option).map(ctx.cwd()::resolve);
    }
  }

  /** A subcommand's body: one domain call and the exit code it maps to. */
  private interface Action {
    int run(Session s) throws Commands.Failure, RepositoryException, ReviewSigning.SigningException;
  }

  /**
   * Opens the repository and loads the policy, then runs {@code action}; a signing or trust
   * problem is a usage error (the caller can fix it), a repository failure maps as everywhere.
   */
  private static int inRepository(CommandSpec spec, Action action) {
    return Commands.guard(spec, ctx -> {
      GlobalOptions o = Commands.options(spec);
      try (GitRepo repo = Commands.openRepo(ctx, o)) {
        return action.run(new Session(ctx, o, repo, Commands.policy(ctx, o, repo)));
      } catch (ReviewSigning.SigningException e) {
        throw new Commands.Failure(ExitCodes.USAGE, e.getMessage());
      } catch (RepositoryException e) {
        throw Commands.failure(e);
      }
    });
  }

  /** Shows the protected diff, asks, signs with ssh-keygen, appends the note. */
  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Review and sign: show the protected diff base..<rev>, ask, sign with ssh-keygen, add the note.")
  static final class Sign implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin(name = "global") GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<rev>", description = "The head to approve (default HEAD).")
    String revision = "HEAD";

    @Option(names = "--base", paramLabel = "<rev>", description = "What the change is diffed against (default: the merge base with the target).")
    String base;

    @Option(names = "--target", paramLabel = "<ref>", description = "The ref the change is for (default: the remote's default branch).")
    String target;

    @Option(names = "--key", paramLabel = "<file>", description = "The SSH key to sign with (default: git config user.signingkey); with ssh-agent, its public key.")
    Path key;

    @Option(names = "--yes", description = "Sign without asking (the diff is still shown).")
    boolean yes;

    @Override
    public Integer call() {
      return inRepository(spec, session -> {
        Context ctx = session.ctx();
        GitProcess git = new GitProcess(session.repo().root(), ctx.env());
        String reviewer = git.run(null, "config", "user.email").out().strip();
        ReviewSigning.Prepared p = ReviewSigning.prepare(session.repo(), session.policy(), revision,
            Optional.ofNullable(base), Optional.ofNullable(target), reviewer, Instant.now());
        var s = p.statement();
        if (p.files().isEmpty()) {
          throw new Commands.Failure(ExitCodes.USAGE, s.base().substring(0, 12) + ".." + s.head().substring(0, 12)
              + " changes no protected path (" + String.join(", ", s.paths()) + "): nothing to review");
        }
        // The author wrote the diff and the paths: escapes must not repaint what the reviewer signs.
        ctx.out().print(Sanitize.lines(ReviewSigning.protectedDiff(git, p)));
        ctx.out().println();
        ctx.out().print(Sanitize.lines(new String(s.render(), StandardCharsets.UTF_8)));
        if (!yes && !confirm(ctx, "aigate: sign this review of " + p.files().size() + " protected file(s)? [y/N] ")) {
          ctx.err().println("aigate: not signed");
          return ExitCodes.BLOCKED;
        }
        Path keyFile = key != null ? ctx.cwd().resolve(key) : configuredKey(git, ctx);
        String armored = ReviewSigning.sign(s.render(), keyFile, p.namespace(), ctx.env());
        ReviewSigning.append(git, p.notesRef(), s.head(), new ReviewRecord(s.render(), armored));
        ctx.out().println("aigate: signed review of " + s.head().substring(0, 12) + " for " + s.target()
            + " added to " + p.notesRef() + "; send it with 'aigate review push'");
        return ExitCodes.PASS;
      });
    }

    private static boolean confirm(Context ctx, String question) {
      ctx.err().print(question);
      ctx.err().flush();
      try {
        String answer = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
        return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
      } catch (IOException e) {
        return false;
      }
    }

    private static Path configuredKey(GitProcess git, Context ctx) throws Commands.Failure, RepositoryException {
      String configured = git.run(null, "config", "user.signingkey").out().strip();
      if (configured.isEmpty() || configured.startsWith("key::")) {
        throw new Commands.Failure(ExitCodes.USAGE, "no key to sign with: give --key <file> or set"
            + " git config user.signingkey to a key file");
      }
      if (configured.startsWith("~/")) {
        return Path.of(ctx.env().getOrDefault("HOME", System.getProperty("user.home")), configured.substring(2));
      }
      return ctx.cwd().resolve(configured);
    }
  }

  /** The server's checks, locally. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check, as the server will, that every AI-attributed commit in scope has a signed review that covers it.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin(name = "global") GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<rev>|<range>",
        description = "A head (its commits not yet on the target) or a range a..b (default HEAD).")
    String scope = "HEAD";

    @Option(names = "--allowed-signers", paramLabel = "<file>", description = "Verify against this allowed_signers file instead of the policy's.")
    Path allowedSigners;

    @Option(names = "--target", paramLabel = "<ref>", description = "The ref the commits are for (default: the remote's default branch).")
    String target;

    @Override
    public Integer call() {
      return inRepository(spec, session -> {
        LocalReviews.Verified v = LocalReviews.verify(session.repo(), session.policy(), scope,
            Optional.ofNullable(target), session.allowedSigners(allowedSigners), Instant.now());
        Context ctx = session.ctx();
        v.notes().forEach(n -> ctx.err().println("aigate: " + n));
        Commands.reporter(ctx, session.options(), true, true).write(Report.of(v.verdict()), ctx.out());
        ctx.out().println("aigate: " + (v.covered() ? "covered" : "not covered") + ": " + v.scope());
        return v.covered() ? ExitCodes.PASS : ExitCodes.BLOCKED;
      });
    }
  }

  /** The records on a commit. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "List the review records on a commit, what each covers, and why any does not count.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin(name = "global") GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<rev>", description = "The commit (default HEAD).")
    String revision = "HEAD";

    @Option(names = "--allowed-signers", paramLabel = "<file>", description = "Verify against this allowed_signers file instead of the policy's.")
    Path allowedSigners;

    @Override
    public Integer call() {
      return inRepository(spec, session -> {
        LocalReviews.show(session.repo(), session.policy(), revision, session.allowedSigners(allowedSigners),
            Instant.now()).forEach(l -> session.ctx().out().println(Sanitize.line(l)));
        return ExitCodes.PASS;
      });
    }
  }

  /** Fetch, merge, push the notes ref. */
  @Command(name = "push", mixinStandardHelpOptions = true,
      description = "Fetch the remote's review notes, merge them (cat_sort_uniq), push; retried when another reviewer pushed first.")
  static final class Push implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin(name = "global") GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<remote>", description = "The remote (default origin).")
    String remote = "origin";

    @Override
    public Integer call() {
      return inRepository(spec, session -> {
        Context ctx = session.ctx();
        LocalReviews.Pushed p = LocalReviews.push(new GitProcess(session.repo().root(), ctx.env()), session.policy(),
            remote, ctx.err());
        if (p instanceof LocalReviews.Pushed.Refused r) {
          throw new Commands.Failure(ExitCodes.BLOCKED, "review notes refused by " + remote + ":\n" + r.detail());
        }
        if (p instanceof LocalReviews.Pushed.Raced r) {
          throw new Commands.Failure(ExitCodes.INTERNAL, "review notes not pushed to " + remote + ": other"
              + " reviewers pushed in between on each of " + r.attempts() + " attempts; run 'aigate review push'"
              + " again:\n" + r.detail());
        }
        if (p instanceof LocalReviews.Pushed.Unreachable u) {
          throw new Commands.Failure(ExitCodes.INTERNAL, u.detail());
        }
        int attempts = ((LocalReviews.Pushed.Sent) p).attempts();
        ctx.out().println("aigate: review notes pushed to " + remote + (attempts > 1 ? " (after " + attempts
            + " attempts)" : ""));
        return ExitCodes.PASS;
      });
    }
  }
}
