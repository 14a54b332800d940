package dev.aigate.git;

import java.util.List;

/**
 * Everything the policy judges about one commit, or about the commit being made.
 *
 * @param id the full commit id, or {@code staged} for the commit in progress
 * @param author who wrote it
 * @param committer who committed it
 * @param message the full message (for a staged commit: after git's cleanup)
 * @param trailers the message's trailers as git parses them, in git's order
 * @param files the touched paths
 * @param authorTime author date in seconds since the epoch (0 when unknown)
 * @param commitTime committer date in seconds since the epoch (0 when unknown)
 */
public record Change(
    String id, Identity author, Identity committer, String message, List<Trailer> trailers, List<FileChange> files,
    long authorTime, long commitTime) {
  public static final String STAGED = "staged";

  public Change {
    trailers = List.copyOf(trailers);
    files = List.copyOf(files);
  }

  public Change(String id, Identity author, Identity committer, String message, List<Trailer> trailers,
      List<FileChange> files) {
    this(id, author, committer, message, trailers, files, 0, 0);
  }

  public Change(String id, Identity author, Identity committer, String message, List<Trailer> trailers,
      List<FileChange> files, long authorTime) {
    this(id, author, committer, message, trailers, files, authorTime, 0);
  }

  /** The same change with its touched paths. */
  public Change withFiles(List<FileChange> touched) {
    return new Change(id, author, committer, message, trailers, touched, authorTime, commitTime);
  }

  public String subject() {
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
