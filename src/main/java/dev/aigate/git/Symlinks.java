package dev.aigate.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The symlinks of a tree, and the paths a change reaches through them. A checkout turns
 * {@code src/Impl.java -> ../vendor/impl.java} into a protected file whose content lives at an
 * unprotected path: a change to {@code vendor/impl.java} is a change to {@code src/Impl.java}.
 *
 * <p>Trees are read once and the most recent remembered by id: the commits of one push share almost
 * every subtree, so judging the next commit reads only the trees it changed.
 */
final class Symlinks {
  /** git refuses longer symlink targets on checkout (PATH_MAX); a longer blob is not a link anyone follows. */
  private static final int MAX_TARGET = 4096;
  /** Links to the root or to each other can name a path through them in exponentially many ways. */
  static final int MAX_ALIASES = 10_000;

  /** One symlink: its path in the tree and its target as stored. */
  record Link(String path, String target) {}

  private final ObjectReader reader;
  private final Map<ObjectId, List<Link>> byTree = new RecentTrees<>();

  Symlinks(ObjectReader reader) {
    this.reader = reader;
  }

  /** Every symlink of {@code tree}, at any depth. */
  List<Link> in(ObjectId tree) throws IOException {
    List<Link> known = byTree.get(tree);
    if (known != null) {
      return known;
    }
    List<Link> out = new ArrayList<>();
    CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree);
    for (; !p.eof(); p.next()) {
      int mode = p.getEntryRawMode();
      // Names are decoded only where a link is: most trees hold none.
      if (FileMode.TREE.equals(mode)) {
        List<Link> below = in(p.getEntryObjectId());
        if (!below.isEmpty()) {
          String name = p.getEntryPathString();
          for (Link l : below) {
            out.add(new Link(name + "/" + l.path(), l.target()));
          }
        }
      } else if (FileMode.SYMLINK.equals(mode)) {
        String name = p.getEntryPathString();
        try {
          byte[] target = reader.open(p.getEntryObjectId(), Constants.OBJ_BLOB).getCachedBytes(MAX_TARGET);
          out.add(new Link(name, new String(target, StandardCharsets.UTF_8)));
        } catch (LargeObjectException e) {
          // Not a target a checkout creates: nothing is reached through it.
        }
      }
    }
    List<Link> all = List.copyOf(out);
    byTree.put(tree.copy(), all);
    return all;
  }

  /**
   * The paths at which {@code touched} (repository paths) also appear through the tree's
   * symlinks, links to links included: {@code src/lib -> ../vendorlib} puts
   * {@code vendorlib/New.java} at {@code src/lib/New.java}. Absolute targets and targets that
   * leave the repository reach nothing of it.
   */
  static Set<String> aliases(List<Link> links, Set<String> touched) throws IOException {
    List<String> from = new ArrayList<>();
    List<String> to = new ArrayList<>();
    for (Link l : links) {
      String r = resolve(l.path(), l.target());
      if (r != null) {
        from.add(l.path());
        to.add(r);
      }
    }
    Set<String> out = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>(touched);
    Deque<Step> todo = new ArrayDeque<>();
    touched.forEach(t -> todo.add(new Step(t, new BitSet())));
    while (!todo.isEmpty()) {
      Step step = todo.poll();
      for (int i = 0; i < from.size(); i++) {
        // Through the same link twice is the same content at a deeper path (a link to the root).
        if (step.used().get(i)) {
          continue;
        }
        String target = to.get(i);
        // The last case: a link into what changed, a submodule (a bump changes what it shows).
        String alias = target.isEmpty() ? from.get(i) + "/" + step.path()
            : step.path().equals(target) ? from.get(i)
            : step.path().startsWith(target + "/") ? from.get(i) + step.path().substring(target.length())
            : target.startsWith(step.path() + "/") ? from.get(i)
            : null;
        if (alias != null && seen.add(alias)) {
          if (out.size() == MAX_ALIASES) {
            throw new IOException("its symlinks reach the changed paths in over " + MAX_ALIASES
                + " ways; what a checkout puts where cannot be judged");
          }
          out.add(alias);
          BitSet used = (BitSet) step.used().clone();
          used.set(i);
          todo.add(new Step(alias, used));
        }
      }
    }
    return out;
  }

  /** A path reached through the links {@code used}. */
  private record Step(String path, BitSet used) {}

  /** The repository path a link at {@code linkPath} names, or null when it names none. */
  static String resolve(String linkPath, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    String[] dir = linkPath.split("/");
    for (int i = 0; i < dir.length - 1; i++) {
      parts.addLast(dir[i]);
    }
    for (String s : target.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(s);
      }
    }
    return String.join("/", parts);
  }
}
