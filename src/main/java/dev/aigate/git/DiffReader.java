package dev.aigate.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Tree diffs with git's rename rules, turned into {@link FileChange}s. */
final class DiffReader {
  /** git's default {@code diff.renameLimit}; JGit's own default is 400. */
  static final int RENAME_LIMIT = 1000;
  /** git's binary rule: a NUL in the first 8000 bytes. */
  private static final int BINARY_PROBE = 8000;
  /** Blobs above this are not diffed line by line (JGit's big-file threshold). */
  private static final int MAX_TEXT_BYTES = 50 * 1024 * 1024;

  private final ObjectReader reader;
  private final boolean withContent;
  /** One detector reused for every diff: building one reads (and stats) the repository config. */
  private final RenameDetector renames;

  DiffReader(Repository repo, ObjectReader reader, boolean withContent) {
    this.reader = reader;
    this.withContent = withContent;
    this.renames = new RenameDetector(reader, repo.getConfig().get(DiffConfig.KEY));
    this.renames.setRenameLimit(RENAME_LIMIT);
  }

  /**
   * {@code oldTree} to {@code newTree}.
   *
   * @param screen with content: files it rules out get no added lines and no line diff, and only
   *     added lines it finds are kept. Null keeps every added line.
   */
  List<FileChange> diff(AbstractTreeIterator oldTree, AbstractTreeIterator newTree, ContentScreen screen)
      throws IOException {
    List<DiffEntry> entries = scan(oldTree, newTree);
    if (!withContent) {
      // Without content, a rename is its delete and its add: the same two paths, judged the
      // same way, without reading both blobs to score their similarity.
      List<FileChange> out = new ArrayList<>();
      for (DiffEntry e : entries) {
        out.add(toFileChange(e, null));
      }
      return out;
    }
    renames.reset();
    renames.addAll(entries);
    List<DiffEntry> detected;
    try {
      detected = renames.compute(reader, NullProgressMonitor.INSTANCE);
    } catch (CanceledException e) {
      throw new IOException("rename detection was cancelled", e);
    }
    List<FileChange> out = new ArrayList<>();
    for (DiffEntry e : detected) {
      out.add(toFileChange(e, screen));
    }
    return out;
  }

  private List<DiffEntry> scan(AbstractTreeIterator oldTree, AbstractTreeIterator newTree) throws IOException {
    // No repository-bound walk: it would consult attributes and config for every diff.
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.setRecursive(true);
      walk.addTree(oldTree);
      walk.addTree(newTree);
      walk.setFilter(TreeFilter.ANY_DIFF);
      return new ArrayList<>(DiffEntry.scan(walk));
    }
  }

  /**
   * A commit's own changes. A root commit adds its whole tree. A merge's own changes are the
   * paths whose merged content differs from every parent (conflict resolutions and "evil"
   * merges); what it brings in from its other parents belongs to the commits that made it.
   */
  List<FileChange> commitChanges(RevCommit c, ContentScreen screen) throws IOException {
    RevCommit[] parents = c.getParents();
    if (parents.length == 0) {
      return diff(new EmptyTreeIterator(), tree(c), screen);
    }
    List<FileChange> firstParent = diff(tree(parents[0]), tree(c), screen);
    if (parents.length == 1) {
      return firstParent;
    }
    List<Set<String>> changedAgainstOthers = new ArrayList<>();
    for (int i = 1; i < parents.length; i++) {
      Set<String> changed = new HashSet<>();
      for (DiffEntry e : scan(tree(parents[i]), tree(c))) {
        changed.add(e.getOldPath());
        changed.add(e.getNewPath());
      }
      changedAgainstOthers.add(changed);
    }
    List<FileChange> own = new ArrayList<>();
    for (FileChange f : firstParent) {
      boolean differsFromAll = f.paths().stream().anyMatch(p -> changedAgainstOthers.stream().allMatch(s -> s.contains(p)));
      if (differsFromAll) {
        own.add(f);
      }
    }
    return own;
  }

  private AbstractTreeIterator tree(RevCommit c) throws IOException {
    CanonicalTreeParser p = new CanonicalTreeParser();
    p.reset(reader, c.getTree());
    return p;
  }

  private FileChange toFileChange(DiffEntry e, ContentScreen screen) throws IOException {
    FileChange.Kind kind = switch (e.getChangeType()) {
      case ADD -> FileChange.Kind.ADD;
      case MODIFY -> FileChange.Kind.MODIFY;
      case DELETE -> FileChange.Kind.DELETE;
      case RENAME -> FileChange.Kind.RENAME;
      case COPY -> FileChange.Kind.COPY;
    };
    boolean deleted = kind == FileChange.Kind.DELETE;
    String path = deleted ? e.getOldPath() : e.getNewPath();
    String oldPath = kind == FileChange.Kind.RENAME || kind == FileChange.Kind.COPY ? e.getOldPath() : null;
    FileMode mode = deleted ? e.getOldMode() : e.getNewMode();
    FileChange.EntryType type = entryType(mode);
    List<FileChange.AddedLine> added = List.of();
    if (withContent && !deleted && (type == FileChange.EntryType.FILE || type == FileChange.EntryType.EXECUTABLE
        || type == FileChange.EntryType.SYMLINK)) {
      byte[] newBytes = load(e.getNewId().toObjectId(), path);
      if (newBytes == null || isBinary(newBytes)) {
        type = FileChange.EntryType.BINARY;
      } else if (screen != null && !screen.finds(newBytes)) {
        // Nothing in the file could match, so nothing it adds can: no need to diff it.
        added = List.of();
      } else {
        byte[] oldBytes = kind == FileChange.Kind.ADD || !isText(e.getOldMode()) ? new byte[0]
            : load(e.getOldId().toObjectId(), e.getOldPath());
        added = addedLines(oldBytes == null || isBinary(oldBytes) ? new byte[0] : oldBytes, newBytes);
        if (screen != null) {
          added = added.stream().filter(l -> screen.finds(l.text())).toList();
        }
      }
    }
    return new FileChange(kind, path, oldPath, type, added);
  }

  private static boolean isText(FileMode mode) {
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE || mode == FileMode.SYMLINK;
  }

  private static FileChange.EntryType entryType(FileMode mode) {
    if (mode == FileMode.GITLINK) {
      return FileChange.EntryType.SUBMODULE;
    }
    if (mode == FileMode.SYMLINK) {
      return FileChange.EntryType.SYMLINK;
    }
    if (mode == FileMode.EXECUTABLE_FILE) {
      return FileChange.EntryType.EXECUTABLE;
    }
    return FileChange.EntryType.FILE;
  }

  /** The blob's bytes, or null when it is too large to diff. */
  private byte[] load(ObjectId id, String path) throws IOException {
    try {
      return reader.open(id).getCachedBytes(MAX_TEXT_BYTES);
    } catch (LargeObjectException e) {
      return null;
    } catch (MissingObjectException e) {
      throw new IOException("the content of " + path + " (" + id.name() + ") is not in the repository"
          + " (a partial clone?); fetch it or run with a full clone", e);
    }
  }

  static boolean isBinary(byte[] bytes) {
    int n = Math.min(bytes.length, BINARY_PROBE);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  static List<FileChange.AddedLine> addedLines(byte[] oldBytes, byte[] newBytes) {
    RawText b = new RawText(newBytes);
    List<FileChange.AddedLine> out = new ArrayList<>();
    if (oldBytes.length == 0) {
      for (int i = 0; i < b.size(); i++) {
        out.add(new FileChange.AddedLine(i + 1, b.getString(i)));
      }
      return out;
    }
    RawText a = new RawText(oldBytes);
    for (Edit edit : new HistogramDiff().diff(RawTextComparator.DEFAULT, a, b)) {
      for (int i = edit.getBeginB(); i < edit.getEndB(); i++) {
        out.add(new FileChange.AddedLine(i + 1, b.getString(i)));
      }
    }
    return out;
  }
}
