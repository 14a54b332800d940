package dev.aigate.cli;

/**
 * aigate's exit codes, a contract for hooks and CI (docs/adr/0001-exit-codes.md). Every
 * non-zero code blocks a commit or push, so internal errors fail closed.
 */
public final class ExitCodes {
  /** Nothing blocks. */
  public static final int PASS = 0;
  /** The policy blocks at least one change. */
  public static final int BLOCKED = 1;
  /** Bad arguments, an invalid or missing policy, or no repository where one is needed. */
  public static final int USAGE = 2;
  /** aigate could not do its job (unreadable repository state, a bug); hooks fail closed. */
  public static final int INTERNAL = 3;

  private ExitCodes() {}
}
