package dev.aigate.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository a commit is being made in, as the local hooks see it: the work tree, the
 * settings that shape the message, the committer, and the index git is committing.
 *
 * <p>One reader: the git binary. In a hook git is there by definition, it starts in milliseconds
 * where JGit needs a tenth of a second, and only git itself agrees with git on everything that
 * shapes the index (split and sparse indexes, {@code diff.ignoreSubmodules}, {@code git -c}
 * settings, {@code GIT_INDEX_FILE}). A second, in-process reader disagreed with it and was removed
 * (docs/adr/0006-push-gate-as-data.md).
 */
public interface Workspace extends AutoCloseable {
  Path root();

  TrailerSyntax trailerSyntax();

  MessageCleanup.Mode cleanupMode();

  /** Whether {@code commit.verbose} asks for -v on every commit. */
  boolean verboseByConfig();

  Identity pendingAuthor();

  Identity pendingCommitter();

  boolean hasHead() throws RepositoryException;

  /** The index against HEAD (nothing, before the first commit). */
  List<FileChange> staged(boolean withContent) throws RepositoryException;

  /** The index against HEAD's parent: what {@code git commit --amend} will record. */
  List<FileChange> stagedForAmend(boolean withContent) throws RepositoryException;

  /**
   * A file as the index holds it, which is what the commit will record (the work tree may hold
   * something else). Empty when the index has no such file.
   *
   * @throws RepositoryException when the file is unmerged: no single version can be judged
   */
  Optional<String> stagedFile(String path) throws RepositoryException;

  @Override
  void close();

  /** Opens the workspace containing {@code dir}. */
  static Workspace open(Path dir, Map<String, String> env) throws RepositoryException {
    return open(dir, env, () -> {});
  }

  /**
   * Opens the workspace containing {@code dir}, running {@code whileGitRuns} on this thread
   * while git answers: a hook's own start-up work fills the wait instead of following it.
   */
  static Workspace open(Path dir, Map<String, String> env, Runnable whileGitRuns) throws RepositoryException {
    try {
      return GitWorkspace.open(dir, env, whileGitRuns);
    } catch (GitWorkspace.GitUnavailableException e) {
      throw new RepositoryException("cannot run git (" + e.getCause().getMessage() + "); the commit hooks read "
          + "the index through git and refuse rather than guess what it holds", e);
    }
  }
}
