package dev.aigate.git;

import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** JGit commits to plain {@link Change} records. */
final class Commits {
  private Commits() {}

  static Change toChange(RevCommit c, List<FileChange> files, TrailerSyntax syntax) {
    return toChange(c.name(), c, files, syntax);
  }

  /** For a commit parsed from raw bytes, which does not know its own id. */
  static Change toChange(String id, RevCommit c, List<FileChange> files, TrailerSyntax syntax) {
    String message = c.getFullMessage();
    PersonIdent author = c.getAuthorIdent();
    return new Change(id, identity(author), identity(c.getCommitterIdent()), message,
        new TrailerParser(syntax).parse(message, true), files,
        author == null ? c.getCommitTime() : author.getWhenAsInstant().getEpochSecond());
  }

  private static Identity identity(PersonIdent p) {
    return p == null ? new Identity("", "") : new Identity(p.getName(), p.getEmailAddress());
  }
}
