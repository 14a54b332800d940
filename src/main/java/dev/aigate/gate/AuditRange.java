package dev.aigate.gate;

import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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

  /**
   * Refs of hosting systems that are not history: review changes (Gerrit), pull and merge request
   * heads, GitLab's keep-around refs. A Gerrit mirror has hundreds of thousands of commits under
   * {@code refs/changes/}, most of them abandoned patch sets.
   */
  public static final List<String> HOSTING_INTERNALS = List.of("refs/changes/", "refs/pull/", "refs/merge-requests/",
      "refs/keep-around/");

  /** Whether {@code --all} starts from {@link #HOSTING_INTERNALS} too. */
  public enum HostingRefs {
    EXCLUDED,
    INCLUDED
  }

  /**
   * Which refs to start from, like git rev-list's {@code --all}, {@code --branches[=glob]},
   * {@code --tags[=glob]} and {@code --exclude=glob}. Unlike git, each exclude applies to every
   * ref option, not only to the next one.
   *
   * @param all every ref but {@link #HOSTING_INTERNALS}, unless {@code hosting} includes them
   * @param branches globs under {@code refs/heads/}
   * @param tags globs under {@code refs/tags/}
   * @param excludes globs of refs to leave out (full names, or names under refs/heads/ or refs/tags/)
   * @param hosting whether {@code all} includes {@link #HOSTING_INTERNALS}
   */
  public record Refs(boolean all, List<String> branches, List<String> tags, List<String> excludes,
      HostingRefs hosting) {
    public Refs(boolean all, List<String> branches, List<String> tags, List<String> excludes) {
      this(all, branches, tags, excludes, HostingRefs.EXCLUDED);
    }

    public Refs {
      Objects.requireNonNull(hosting);
      branches = List.copyOf(branches);
      tags = List.copyOf(tags);
      excludes = List.copyOf(excludes);
    }

    public static Refs none() {
      return new Refs(false, List.of(), List.of(), List.of());
    }

    boolean any() {
      return all || !branches.isEmpty() || !tags.isEmpty();
    }

    boolean selects(String ref) {
      if (excludes.stream().anyMatch(x -> glob(x, ref) || glob(x, strip(ref)))) {
        return false;
      }
      if (all) {
        return hosting == HostingRefs.INCLUDED || HOSTING_INTERNALS.stream().noneMatch(ref::startsWith);
      }
      return branches.stream().anyMatch(b -> ref.startsWith("refs/heads/") && glob(pattern(b), ref.substring(11)))
          || tags.stream().anyMatch(t -> ref.startsWith("refs/tags/") && glob(pattern(t), ref.substring(10)));
    }

    /** As git: a pattern without a wildcard means everything below it. */
    private static String pattern(String p) {
      return p.matches(".*[*?\\[].*") ? p : p.endsWith("/") ? p + "*" : p + "/*";
    }

    private static String strip(String ref) {
      return ref.startsWith("refs/heads/") ? ref.substring(11) : ref.startsWith("refs/tags/") ? ref.substring(10) : ref;
    }

    /** git's ref globs: {@code *} matches across slashes, {@code ?} one character, {@code [..]} a class. */
    static boolean glob(String pattern, String name) {
      StringBuilder re = new StringBuilder();
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        switch (c) {
          case '*' -> re.append(".*");
          case '?' -> re.append('.');
          case '[' -> {
            int end = pattern.indexOf(']', i + 1);
            if (end < 0) {
              re.append("\\[");
            } else {
              String set = pattern.substring(i + 1, end).replace("\\", "\\\\");
              re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
              i = end;
            }
          }
          default -> re.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return name.matches(re.toString());
    }
  }

  public static AuditRange parse(History history, List<String> revisions, boolean all) throws RepositoryException {
    return parse(history, revisions, new Refs(all, List.of(), List.of(), List.of()));
  }

  public static AuditRange parse(History history, List<String> revisions, Refs refs) throws RepositoryException {
    boolean all = refs.any();
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
      // Only the selected refs are peeled: a Gerrit mirror has tens of thousands under refs/changes.
      include.addAll(history.commitRefs(refs::selects).values());
    }
    List<String> words = new ArrayList<>(revisions);
    refs.excludes().forEach(x -> words.add(0, "--exclude=" + x));
    refs.tags().forEach(t -> words.add(0, "--tags" + (t.equals("*") ? "" : "=" + t)));
    refs.branches().forEach(b -> words.add(0, "--branches" + (b.equals("*") ? "" : "=" + b)));
    if (refs.all()) {
      words.add(0, refs.hosting() == HostingRefs.INCLUDED ? "--all --include-hosting-refs" : "--all");
    }
    if (include.isEmpty() && !all) {
      // An empty repository has no history to audit: that is 0 commits, not an unknown revision.
      Optional<String> head = history.headCommit();
      if (head.isPresent()) {
        include.add(head.get());
        words.add("HEAD");
      } else {
        words.add("HEAD (no commits yet)");
      }
    }
    return new AuditRange(new ArrayList<>(include), new ArrayList<>(exclude), String.join(" ", words));
  }

  private static String orHead(String side) {
    return side.isEmpty() ? "HEAD" : side;
  }
}
