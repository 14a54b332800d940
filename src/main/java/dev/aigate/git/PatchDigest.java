package dev.aigate.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The aigate patch digest v1 (docs/adr/0008-signed-reviews.md): SHA-256 over a canonical
 * rendering of the diff between two trees, restricted to some paths. Line numbers and blob ids of
 * text files are left out, so the digest survives a rebase or squash that leaves the diff and
 * its context unchanged; whitespace is kept, because it carries meaning in Python, YAML and
 * Makefiles. Both signer and verifier are aigate, so no compatibility with {@code git patch-id}
 * is promised.
 */
final class PatchDigest {
  static final String HEADER = "aigate-patch v1\n";
  static final int CONTEXT = 3;
  /** git's binary rule: a NUL in the first 8000 bytes. */
  private static final int BINARY_PROBE = 8000;
  /** Larger blobs are digested by id, as binaries are: their text is not read into memory. */
  private static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;

  private PatchDigest() {}

  static String of(ObjectReader reader, AbstractTreeIterator oldTree, AbstractTreeIterator newTree,
      Predicate<String> paths) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(HEADER.getBytes(StandardCharsets.US_ASCII));
    try (TreeWalk walk = new TreeWalk(reader)) {
      // TreeWalk yields paths in git's tree order (byte order, directories as if they ended in
      // '/'), the same on every machine; no rename detection, so nothing depends on heuristics.
      walk.setRecursive(true);
      walk.addTree(oldTree);
      walk.addTree(newTree);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        String path = walk.getPathString();
        if (!paths.test(path)) {
          continue;
        }
        FileMode oldMode = walk.getFileMode(0);
        FileMode newMode = walk.getFileMode(1);
        ObjectId oldId = walk.getObjectId(0);
        ObjectId newId = walk.getObjectId(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, "file " + path);
        line(out, "mode " + mode(oldMode) + " " + mode(newMode));
        byte[] a = text(reader, oldMode, oldId);
        byte[] b = text(reader, newMode, newId);
        if (a == null || b == null) {
          line(out, "binary " + oldId.name() + " " + newId.name());
        } else {
          hunks(out, new RawText(a), new RawText(b));
        }
        sha.update(out.toByteArray());
      }
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static String mode(FileMode m) {
    return String.format("%06o", m.getBits());
  }

  /** The blob's bytes for a line diff; empty for a missing side; null when it must be digested by id. */
  private static byte[] text(ObjectReader reader, FileMode mode, ObjectId id) throws IOException {
    if (mode == FileMode.MISSING) {
      return new byte[0];
    }
    if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE && mode != FileMode.SYMLINK) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = reader.open(id).getCachedBytes(MAX_TEXT_BYTES);
    } catch (LargeObjectException e) {
      return null;
    }
    for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE); i++) {
      if (bytes[i] == 0) {
        return null;
      }
    }
    return bytes;
  }

  /** Hunks as {@code diff -U3} groups them, each introduced by a bare {@code @@} (no line numbers). */
  private static void hunks(ByteArrayOutputStream out, RawText a, RawText b) throws IOException {
    EditList edits = new HistogramDiff().diff(RawTextComparator.DEFAULT, a, b);
    List<List<Edit>> groups = new ArrayList<>();
    for (Edit e : edits) {
      List<Edit> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last != null && e.getBeginA() - last.get(last.size() - 1).getEndA() <= 2 * CONTEXT) {
        last.add(e);
      } else {
        groups.add(new ArrayList<>(List.of(e)));
      }
    }
    for (List<Edit> g : groups) {
      line(out, "@@");
      Edit first = g.get(0);
      Edit last = g.get(g.size() - 1);
      int aPos = Math.max(0, first.getBeginA() - CONTEXT);
      int aEnd = Math.min(a.size(), last.getEndA() + CONTEXT);
      for (Edit e : g) {
        for (; aPos < e.getBeginA(); aPos++) {
          emit(out, ' ', a, aPos);
        }
        for (int i = e.getBeginA(); i < e.getEndA(); i++) {
          emit(out, '-', a, i);
        }
        for (int i = e.getBeginB(); i < e.getEndB(); i++) {
          emit(out, '+', b, i);
        }
        aPos = e.getEndA();
      }
      for (; aPos < aEnd; aPos++) {
        emit(out, ' ', a, aPos);
      }
    }
  }

  private static void emit(ByteArrayOutputStream out, char prefix, RawText t, int i) throws IOException {
    out.write(prefix);
    t.writeLine(out, i);
    out.write('\n');
    if (i == t.size() - 1 && t.isMissingNewlineAtEnd()) {
      line(out, "\\ No newline at end of file");
    }
  }

  private static void line(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }
}
