package dev.aigate.git;

import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.RawParseUtils;

/** JGit commits to plain {@link Change} records. */
final class Commits {
  private Commits() {}

  /** A parsed commit (its body loaded) with its touched paths. */
  static Change toChange(RevCommit c, List<FileChange> files, TrailerSyntax syntax) {
    return header(c.name(), c.getRawBuffer(), syntax).withFiles(files);
  }

  /**
   * A commit's header straight from its raw object: what {@code RevCommit.parse(raw)} would
   * give, without hashing the object to learn an id the caller already knows.
   */
  static Change header(String id, byte[] raw, TrailerSyntax syntax) {
    int a = RawParseUtils.author(raw, 0);
    int c = RawParseUtils.committer(raw, 0);
    PersonIdent author = a < 0 ? null : RawParseUtils.parsePersonIdent(raw, a);
    PersonIdent committer = c < 0 ? null : RawParseUtils.parsePersonIdent(raw, c);
    int start = RawParseUtils.commitMessage(raw, 0);
    String message = start < 0 ? "" : RawParseUtils.decode(RawParseUtils.guessEncoding(raw), raw, start, raw.length);
    long time = author != null ? author.getWhenAsInstant().getEpochSecond()
        : committer != null ? committer.getWhenAsInstant().getEpochSecond() : 0;
    return new Change(id, identity(author), identity(committer), message,
        new TrailerParser(syntax).parse(message, true), List.of(), time);
  }

  private static Identity identity(PersonIdent p) {
    return p == null ? new Identity("", "") : new Identity(p.getName(), p.getEmailAddress());
  }
}
