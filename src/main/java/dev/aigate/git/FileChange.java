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
 */
public record FileChange(Kind kind, String path, String oldPath, EntryType entryType, List<AddedLine> addedLines) {
  public FileChange {
    addedLines = List.copyOf(addedLines);
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
