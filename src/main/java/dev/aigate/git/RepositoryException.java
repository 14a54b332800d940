package dev.aigate.git;

/**
 * A repository aigate cannot read faithfully (not a repository, SHA-256, an index format JGit
 * cannot parse and git could not read either, …). Never a reason to report "no changes".
 */
public final class RepositoryException extends Exception {
  public RepositoryException(String message) {
    super(message);
  }

  public RepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
