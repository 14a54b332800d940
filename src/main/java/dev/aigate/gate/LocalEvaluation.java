package dev.aigate.gate;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evaluator;
import dev.aigate.detect.Verdict;
import dev.aigate.detect.Violation;
import dev.aigate.git.Change;
import dev.aigate.git.FileChange;
import dev.aigate.git.MessageCleanup;
import dev.aigate.git.RepositoryException;
import dev.aigate.git.TrailerParser;
import dev.aigate.git.TrailerSyntax;
import dev.aigate.git.Workspace;
import dev.aigate.policy.Action;
import dev.aigate.policy.Mode;
import dev.aigate.policy.Policy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commit being made, judged in the committer's own repository: the staged change, the
 * message (when there is one yet), the committer's identity and the process environment.
 */
public final class LocalEvaluation {
  private LocalEvaluation() {}

  /** What is known about the commit being made. */
  public enum Stage {
    /** pre-commit: no message yet, so a review cannot be known; only deny rules block. */
    PRE_COMMIT,
    /** commit-msg and check: the full evaluation. */
    WITH_MESSAGE
  }

  /**
   * Judges the staged change.
   *
   * @param rawMessage the message file's content as git left it for the hook, or null
   * @param editorUsed whether git opened an editor (so comments and scissors will be stripped)
   */
  public static Verdict staged(Workspace repo, Policy policy, Map<String, String> env, String rawMessage,
      boolean editorUsed, Stage stage) throws RepositoryException {
    TrailerSyntax syntax = repo.trailerSyntax();
    // Read once: finding the commit's command line walks the hook's ancestor processes.
    Optional<CommitInvocation.Options> commit = CommitInvocation.current();
    boolean verbose = commit.map(CommitInvocation.Options::verbose).orElse(false) || repo.verboseByConfig();
    String message = rawMessage == null ? ""
        : MessageCleanup.apply(rawMessage, repo.cleanupMode(), new MessageCleanup.Editing(editorUsed, verbose), syntax);
    boolean content = policy.ai().needsContent();
    boolean amend = commit.map(CommitInvocation.Options::amend).orElse(false);
    List<FileChange> files = amend && repo.hasHead() ? repo.stagedForAmend(content) : repo.staged(content);
    Change change = new Change(Change.STAGED, repo.pendingAuthor(), repo.pendingCommitter(), message,
        new TrailerParser(syntax).parse(message, true), files, Instant.now().getEpochSecond());
    CommitVerdict verdict = new Evaluator(policy).evaluate(change, env, List.of());
    if (stage == Stage.PRE_COMMIT) {
      verdict = withoutPendingReviews(verdict);
    }
    return new Verdict(List.of(verdict), policy.origin(), policy.mode() == Mode.WARN);
  }

  /** At pre-commit a missing review is not a violation yet: the message may still bring it. */
  private static CommitVerdict withoutPendingReviews(CommitVerdict v) {
    List<Violation> kept = v.violations().stream().filter(x -> x.action() != Action.REQUIRE_REVIEW).toList();
    return new CommitVerdict(v.change(), v.ai(), v.reviews(), kept);
  }
}
