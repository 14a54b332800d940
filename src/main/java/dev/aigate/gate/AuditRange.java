package dev.aigate.gate;

import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Revision ranges as git reads them: {@code A..B} (B without A), {@code A...B} (either, not
 * both: without their merge bases), {@code ^A}, single revisions (with all their history), and
 * {@code --all}. An empty side of {@code ..} or {@code ...} means HEAD.
 *
 * @param include commits whose history is judged
 * @param exclude commits whose history is not
 * @param description the range in words, for reports
 */
public record AuditRange(List<String> include, List<String> exclude, String description) {
  public AuditRange {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  public static AuditRange parse(History history, List<String> revisions, boolean all) throws RepositoryException {
    Set<String> include = new LinkedHashSet<>();
    Set<String> exclude = new LinkedHashSet<>();
    for (String rev : revisions) {
      int three = rev.indexOf("...");
      int two = rev.indexOf("..");
      if (three >= 0) {
        String a = history.resolve(orHead(rev.substring(0, three)));
        String b = history.resolve(orHead(rev.substring(three + 3)));
        include.add(a);
        include.add(b);
        exclude.addAll(history.mergeBases(a, b));
      } else if (two >= 0) {
        exclude.add(history.resolve(orHead(rev.substring(0, two))));
        include.add(history.resolve(orHead(rev.substring(two + 2))));
      } else if (rev.startsWith("^")) {
        exclude.add(history.resolve(rev.substring(1)));
      } else {
        include.add(history.resolve(rev));
      }
    }
    if (all) {
      include.addAll(history.commitRefs().values());
    }
    List<String> words = new ArrayList<>(revisions);
    if (all) {
      words.add(0, "--all");
    }
    if (include.isEmpty() && !all) {
      include.add(history.resolve("HEAD"));
      words.add("HEAD");
    }
    return new AuditRange(new ArrayList<>(include), new ArrayList<>(exclude), String.join(" ", words));
  }

  private static String orHead(String side) {
    return side.isEmpty() ? "HEAD" : side;
  }
}
