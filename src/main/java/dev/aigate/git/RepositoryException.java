package dev.aigate.git;

import java.nio.file.Path;

/**
 * A repository aigate cannot read faithfully (not a repository, SHA-256, an index format JGit
 * cannot parse and git could not read either, …). Never a reason to report "no changes".
 */
public final class RepositoryException extends Exception {
  private final boolean callerError;

  public RepositoryException(String message) {
    this(message, null, false);
  }

  public RepositoryException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private RepositoryException(String message, Throwable cause, boolean callerError) {
    super(message, cause);
    this.callerError = callerError;
  }

  /** The directory the caller named is in no repository. */
  static RepositoryException notARepository(Path dir, Throwable cause) {
    return new RepositoryException("not a git repository (or any parent up to /): " + dir.toAbsolutePath(), cause, true);
  }

  /** A revision the caller named does not resolve to a commit. */
  static RepositoryException unknownRevision(String revision, Throwable cause) {
    return new RepositoryException("unknown revision '" + revision + "'"
        + (cause == null ? "" : ": " + cause.getMessage()), cause, true);
  }

  /** Arguments the caller gave that git refused (a pathspec it cannot read). */
  static RepositoryException badArgument(String message) {
    return new RepositoryException(message, null, true);
  }

  /**
   * Whether the caller asked for something that is not there (a usage error, exit 2) rather
   * than the repository failing to be read (exit 3).
   */
  public boolean isCallerError() {
    return callerError;
  }
}
