package dev.aigate.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * The other spellings of a path in a tree that a case-insensitive, normalisation-insensitive
 * checkout (macOS, Windows: {@code core.ignorecase}) writes to the same place: with {@code src/}
 * in the tree, a new {@code SRC/B.java} lands in {@code src/} there, so it is judged as
 * {@code src/B.java} too.
 *
 * <p>Each look-up in a tree is remembered for the most recent trees.
 */
final class CaseAliases {
  /** A tree entry: its name as stored, and whether it is a directory. */
  private record Entry(String name, ObjectId id, boolean tree) {}

  private record Lookup(ObjectId tree, String folded) {
    // Written out (see Identity): every judged path is looked up, and on JDK 17 the generated
    // hashCode's bootstrap was 5 to 7 % of a 1,000-commit push's judging CPU.
    @Override
    public boolean equals(Object o) {
      return o instanceof Lookup l && tree.equals(l.tree) && folded.equals(l.folded);
    }

    @Override
    public int hashCode() {
      return tree.hashCode() * 31 + folded.hashCode();
    }
  }

  private final ObjectReader reader;
  private final Map<Lookup, List<Entry>> found = new RecentTrees<>();

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
    List<Entry> same = named(tree, fold(parts[i]));
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

  /**
   * The entries of {@code tree} whose name folds to {@code folded}. An ASCII name is compared
   * byte by byte without case; only other names are decoded and folded, so most entries of a
   * tree cost no string at all.
   */
  private List<Entry> named(ObjectId tree, String folded) throws IOException {
    Lookup key = new Lookup(tree.copy(), folded);
    List<Entry> known = found.get(key);
    if (known != null) {
      return known;
    }
    byte[] want = ascii(folded) ? folded.getBytes(StandardCharsets.US_ASCII) : null;
    List<Entry> out = new ArrayList<>(1);
    CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree);
    for (; !p.eof(); p.next()) {
      byte[] b = p.getEntryPathBuffer();
      int off = p.getNameOffset();
      int len = p.getNameLength();
      boolean same = ascii(b, off, len)
          ? want != null && len == want.length && equalsFolded(b, off, want)
          : fold(RawParseUtils.decode(b, off, off + len)).equals(folded);
      if (same) {
        out.add(new Entry(p.getEntryPathString(), p.getEntryObjectId(), FileMode.TREE.equals(p.getEntryRawMode())));
      }
    }
    List<Entry> all = List.copyOf(out);
    found.put(key, all);
    return all;
  }

  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code b[off…]} lower-cased (ASCII) equals {@code lower}, which is folded already. */
  private static boolean equalsFolded(byte[] b, int off, byte[] lower) {
    for (int i = 0; i < lower.length; i++) {
      int c = b[off + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lower[i]) {
        return false;
      }
    }
    return true;
  }

  /** A name as a case- and normalisation-insensitive file system compares it. */
  static String fold(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
