package dev.aigate.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The repository a commit is being made in, as the local hooks see it: the work tree, the
 * settings that shape the message, the committer, and the index git is committing.
 *
 * <p>Two readers: the git binary (the default: in a hook, git is there by definition, and it
 * starts in milliseconds where JGit needs a tenth of a second before reading anything), and
 * JGit in-process ({@code AIGATE_INDEX_READER=jgit}, or when git cannot be run).
 */
public interface Workspace extends AutoCloseable {
  Path root();

  TrailerSyntax trailerSyntax();

  MessageCleanup.Mode cleanupMode();

  Identity pendingAuthor();

  Identity pendingCommitter();

  boolean hasHead() throws RepositoryException;

  /** The index against HEAD (nothing, before the first commit). */
  List<FileChange> staged(boolean withContent) throws RepositoryException;

  /** The index against HEAD's parent: what {@code git commit --amend} will record. */
  List<FileChange> stagedForAmend(boolean withContent) throws RepositoryException;

  @Override
  void close();

  /** Opens the workspace containing {@code dir} with the reader the environment asks for. */
  static Workspace open(Path dir, Map<String, String> env) throws RepositoryException {
    if ("jgit".equals(env.get("AIGATE_INDEX_READER"))) {
      return GitRepo.open(dir, env);
    }
    try {
      return GitWorkspace.open(dir, env);
    } catch (GitWorkspace.GitUnavailableException e) {
      return GitRepo.open(dir, env);
    }
  }
}
