package dev.aigate.git;

import java.util.List;

/**
 * One touched path of a change.
 *
 * @param kind what happened to it
 * @param path the path after the change (for a delete, the deleted path)
 * @param oldPath the path before a rename or copy; null otherwise
 * @param entryType what the new (or, for a delete, the old) entry is
 * @param addedLines lines this change adds, when the policy needs content; empty for binary
 *     files, submodules and deletes
 * @param aliasOf for a path a checkout shows the change at (through a symlink, or as another
 *     spelling of a case-insensitive file system), the tree path that holds the content; null
 *     for a tree path
 */
public record FileChange(Kind kind, String path, String oldPath, EntryType entryType, List<AddedLine> addedLines,
    String aliasOf) {
  public FileChange {
    addedLines = List.copyOf(addedLines);
    if (aliasOf != null && aliasOf.equals(path)) {
      throw new IllegalArgumentException("a path is no alias of itself: " + path);
    }
  }

  /** A change to a tree path. */
  public FileChange(Kind kind, String path, String oldPath, EntryType entryType, List<AddedLine> addedLines) {
    this(kind, path, oldPath, entryType, addedLines, null);
  }

  /** The same change as a checkout shows it at {@code alias}. */
  public FileChange seenAt(String alias, String treePath) {
    return new FileChange(Kind.MODIFY, alias, null, entryType, addedLines, treePath);
  }

  /** The change kinds git reports with rename detection on. */
  public enum Kind { ADD, MODIFY, DELETE, RENAME, COPY }

  /** What a tree entry is; a submodule's content is never seen from the superproject. */
  public enum EntryType { FILE, EXECUTABLE, SYMLINK, SUBMODULE, BINARY }

  /** One added line and its 1-based number in the new file. */
  public record AddedLine(int number, String text) {}

  /**
   * Every path the change touches. A rename counts at both ends, so a protected file cannot be
   * moved out of its protected directory unnoticed.
   */
  public List<String> paths() {
    return oldPath == null || oldPath.equals(path) || kind == Kind.COPY ? List.of(path) : List.of(oldPath, path);
  }
}
