package dev.aigate.git;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Exact lookups of single refs by the git binary. JGit's {@code exactRef} parses the whole of
 * {@code packed-refs} before it answers for any ref: 130 ms with Gerrit's 47k refs, for the two or
 * three refs an audit or a push needs. {@code git show-ref --verify} and {@code git symbolic-ref}
 * read only the ref asked for (and never guess: unlike {@code rev-parse}, they do not fall back to
 * {@code refs/tags/HEAD} when {@code HEAD} is unborn).
 *
 * <p>Each lookup is a process (3 to 5 ms); a push of hundreds of refs would pay more than the
 * one parse, so after {@link #LOOKUPS} lookups every answer is left to JGit, which then keeps the
 * parsed list for the rest of the session.
 *
 * <p>Any answer this class does not recognise is {@link Answer.Unknown}: the caller then asks
 * JGit, so this is a shortcut, never a second opinion.
 */
final class GitRefs {
  /** Lookups by git before JGit's one parse of every ref is the cheaper way. */
  static final int LOOKUPS = 16;

  private final GitProcess git;
  private final String gitDir;
  private int asked;

  GitRefs(Path gitDir, Map<String, String> env) {
    this.git = new GitProcess(gitDir, env);
    this.gitDir = "--git-dir=" + gitDir;
  }

  /** What git said about one ref. */
  sealed interface Answer {
    /** git could not be asked, or answered in a way this class does not read: ask JGit. */
    record Unknown() implements Answer {}

    /** No such ref (or a symbolic ref to an unborn branch). */
    record Absent() implements Answer {}

    /** The object the ref finally names, symbolic refs followed. */
    record Names(ObjectId id) implements Answer {}

    /** The ref a symbolic ref points to, one level. */
    record Target(String ref) implements Answer {}

    /** The ref exists and is not symbolic (or does not exist): it has no target. */
    record NotSymbolic() implements Answer {}
  }

  private static final Answer UNKNOWN = new Answer.Unknown();

  /** The object {@code ref} names, as {@code git show-ref --verify}. */
  Answer id(String ref) {
    if (!mayAsk(ref)) {
      return UNKNOWN;
    }
    try {
      GitProcess.Result r = git.run(null, gitDir, "show-ref", "--verify", ref);
      if (r.exitCode() == 128 && r.err().strip().equals("fatal: '" + ref + "' - not a valid ref")) {
        return new Answer.Absent();
      }
      String expected = " " + ref + "\n";
      if (r.ok() && r.out().length() == Constants.OBJECT_ID_STRING_LENGTH + expected.length() && r.out().endsWith(expected)) {
        String hex = r.out().substring(0, Constants.OBJECT_ID_STRING_LENGTH);
        if (ObjectId.isId(hex)) {
          return new Answer.Names(ObjectId.fromString(hex));
        }
      }
      return UNKNOWN;
    } catch (RepositoryException e) {
      return UNKNOWN;
    }
  }

  /** Where the symbolic ref {@code ref} points, as {@code git symbolic-ref --no-recurse}. */
  Answer target(String ref) {
    if (!mayAsk(ref)) {
      return UNKNOWN;
    }
    try {
      GitProcess.Result r = git.run(null, gitDir, "symbolic-ref", "-q", "--no-recurse", ref);
      if (r.exitCode() == 1 && r.out().isEmpty() && r.err().isEmpty()) {
        return new Answer.NotSymbolic();
      }
      String out = r.out();
      if (r.ok() && out.endsWith("\n") && out.indexOf('\n') == out.length() - 1 && out.startsWith("refs/")) {
        return new Answer.Target(out.substring(0, out.length() - 1));
      }
      return UNKNOWN;
    } catch (RepositoryException e) {
      return UNKNOWN;
    }
  }

  /** Within the lookup budget, and full ref names only: nothing git could read as an option or a revision. */
  private boolean mayAsk(String ref) {
    return asked++ < LOOKUPS && (ref.equals("HEAD") || ref.startsWith("refs/"))
        && ref.chars().allMatch(c -> c > ' ' && c < 127 && c != '\\' && c != '^' && c != '~' && c != ':' && c != '@');
  }
}
