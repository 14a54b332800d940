package dev.aigate.git;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The other spellings of a path in a tree that a case-insensitive, normalisation-insensitive
 * checkout (macOS, Windows: {@code core.ignorecase}) writes to the same place: with {@code src/}
 * in the tree, a new {@code SRC/B.java} lands in {@code src/} there, so it is judged as
 * {@code src/B.java} too.
 *
 * <p>Each tree's names are read once per session and remembered by id.
 */
final class CaseAliases {
  /** A tree entry: its name as stored, and whether it is a directory. */
  private record Entry(String name, ObjectId id, boolean tree) {}

  private final ObjectReader reader;
  private final Map<ObjectId, Map<String, List<Entry>>> byTree = new HashMap<>();

  CaseAliases(ObjectReader reader) {
    this.reader = reader;
  }

  /** The spellings of {@code path} in {@code root} other than {@code path} itself. */
  Set<String> of(ObjectId root, String path) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    spell(root, path.split("/"), 0, "", out);
    out.remove(path);
    return out;
  }

  private void spell(ObjectId tree, String[] parts, int i, String prefix, Set<String> out) throws IOException {
    List<Entry> same = entries(tree).getOrDefault(fold(parts[i]), List.of());
    if (same.isEmpty()) {
      // Nothing of that name here: it is written as spelled, below this directory's spelling.
      out.add(prefix + String.join("/", List.of(parts).subList(i, parts.length)));
      return;
    }
    for (Entry e : same) {
      if (i == parts.length - 1) {
        out.add(prefix + e.name());
      } else if (e.tree()) {
        spell(e.id(), parts, i + 1, prefix + e.name() + "/", out);
      } else {
        out.add(prefix + e.name() + "/" + String.join("/", List.of(parts).subList(i + 1, parts.length)));
      }
    }
  }

  private Map<String, List<Entry>> entries(ObjectId tree) throws IOException {
    Map<String, List<Entry>> known = byTree.get(tree);
    if (known != null) {
      return known;
    }
    Map<String, List<Entry>> out = new HashMap<>();
    CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree);
    for (; !p.eof(); p.next()) {
      String name = p.getEntryPathString();
      out.computeIfAbsent(fold(name), k -> new ArrayList<>(1))
          .add(new Entry(name, p.getEntryObjectId(), FileMode.TREE.equals(p.getEntryRawMode())));
    }
    byTree.put(tree.copy(), out);
    return out;
  }

  /** A name as a case- and normalisation-insensitive file system compares it. */
  static String fold(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
