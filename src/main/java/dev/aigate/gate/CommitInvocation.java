package dev.aigate.gate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the running {@code git commit} was asked to do, where git does not tell its hooks.
 *
 * <p>Nothing in a hook's arguments or environment says "amend" (githooks(5); verified for
 * pre-commit and commit-msg). The hook's parent process is the {@code git commit} itself (the
 * installed shim {@code exec}s the JVM; under a hook manager it is the nearest git ancestor), so
 * its command line does. Where that cannot be read,
 * the hook judges the change against HEAD, and the server judges the amended commit on push.
 */
public final class CommitInvocation {
  private CommitInvocation() {}

  /**
   * What the commit was asked for.
   *
   * @param amend {@code --amend} (any unambiguous abbreviation)
   * @param verbose {@code -v} (bundled short options too; the last of {@code -v} and
   *     {@code --no-verbose} wins): git then cuts the message at its scissors line whatever
   *     {@code commit.cleanup} says
   */
  public record Options(boolean amend, boolean verbose) {}

  /** The running {@code git commit}'s options; empty when its command line cannot be read. */
  public static Optional<Options> current() {
    return gitArguments().map(CommitInvocation::parse);
  }

  /** The command line of the nearest git ancestor. */
  private static Optional<List<String>> gitArguments() {
    // Hook managers (husky, lefthook, pre-commit) run aigate from a shell below git, not as the
    // hook itself: the nearest git ancestor is the commit, not the parent.
    Optional<ProcessHandle> p = ProcessHandle.current().parent();
    for (int depth = 0; depth < MAX_DEPTH && p.isPresent(); depth++) {
      ProcessHandle.Info info = p.get().info();
      if (info.command().map(CommitInvocation::isGit).orElse(depth == 0)) {
        return info.arguments().map(List::of);
      }
      p = p.get().parent();
    }
    return Optional.empty();
  }

  /** How far up the hook's ancestors git is looked for: hook managers nest a few shells. */
  private static final int MAX_DEPTH = 12;

  private static boolean isGit(String command) {
    String name = Path.of(command).getFileName().toString();
    return name.equals("git") || name.equals("git.exe");
  }

  static Options parse(List<String> args) {
    boolean commit = false;
    boolean amend = false;
    boolean verbose = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        break;
      }
      if (!commit) {
        commit = a.equals("commit");
      } else if (TAKES_VALUE.contains(a)) {
        i++; // "-m --amend" is a message, not an option
      } else if (a.length() >= 4 && "--amend".startsWith(a)) {
        amend = true;
      } else if (a.length() >= 6 && "--verbose".startsWith(a)) {
        verbose = true;
      } else if (a.length() >= 7 && "--no-verbose".startsWith(a)) {
        verbose = false;
      } else if (a.length() > 1 && a.charAt(0) == '-' && a.charAt(1) != '-') {
        // Bundled short options (-av): a value-taking one ends the bundle (-am<message>), and
        // takes the next argument when it ends it (-am <message>).
        for (int k = 1; k < a.length(); k++) {
          char c = a.charAt(k);
          if (c == 'v') {
            verbose = true;
          } else if ("mFCct".indexOf(c) >= 0) {
            if (k == a.length() - 1) {
              i++;
            }
            break;
          } else if (c == 'S') {
            break; // its key id is attached, if any
          }
        }
      }
    }
    return new Options(amend, verbose);
  }

  /**
   * git commit's options whose value is the next argument. Not {@code -S}/{@code --gpg-sign}:
   * their key id is optional and attached ({@code -S<keyid>}), so the next argument is an option.
   */
  private static final Set<String> TAKES_VALUE = Set.of(
      "-m", "--message", "-F", "--file", "-C", "--reuse-message", "-c", "--reedit-message", "-t", "--template",
      "--author", "--date", "--cleanup", "--trailer", "--fixup", "--squash");
}
