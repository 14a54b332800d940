package dev.aigate.gate;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Suppression;
import dev.aigate.detect.Violation;
import dev.aigate.policy.PathGlob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code .aigateignore}, like {@code .gitleaksignore}: findings a team has looked at and decided
 * to live with, one entry a line: {@code <commit id, full or abbreviated> [<path glob>] [# reason]}.
 * Honoured by {@code audit} (and so the CI recipes), read from the same revision as the policy;
 * never by the server gate. Suppressed findings stay in the JSON report, marked.
 */
public final class IgnoreFile {
  public static final String FILE_NAME = ".aigateignore";
  /** git's shortest abbreviation. */
  static final int MIN_ABBREV = 4;

  /** One line: the commit (as written), the paths it covers (null: every finding of the commit), why. */
  public record Entry(int line, String commit, PathGlob paths, String reason) {}

  private final List<Entry> entries;
  private final String revision;

  private IgnoreFile(List<Entry> entries, String revision) {
    this.entries = List.copyOf(entries);
    this.revision = revision;
  }

  public static IgnoreFile empty() {
    return new IgnoreFile(List.of(), null);
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * The same entries, read as committed at {@code commit} (a pull request's base): an
   * abbreviation there can only mean a commit that revision has, so it covers no later one. A
   * stale abbreviation (its commit rebased away) could otherwise be matched by a request that
   * made its own commit's id start with it.
   */
  public IgnoreFile readAt(String commit) {
    return new IgnoreFile(entries, commit);
  }

  /** The commit the file was read at, or null for the work tree's. */
  public String revision() {
    return revision;
  }

  /**
   * Parses the file; every bad line is reported at once, as {@code origin:line: problem}.
   *
   * @throws IllegalArgumentException with all problems, one a line
   */
  public static IgnoreFile parse(String text, String origin) {
    List<Entry> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String reason = "";
      int hash = reasonStart(line);
      if (hash >= 0) {
        reason = line.substring(hash + 1).strip();
        line = line.substring(0, hash);
      }
      String[] words = line.strip().isEmpty() ? new String[0] : line.strip().split("\\s+");
      if (words.length == 0) {
        continue;
      }
      String where = origin + ":" + (i + 1) + ": ";
      if (words.length > 2) {
        problems.add(where + "expected '<commit> [<path glob>] [# reason]', found " + words.length + " words");
        continue;
      }
      String commit = words[0].toLowerCase(Locale.ROOT);
      if (!commit.matches("[0-9a-f]{" + MIN_ABBREV + ",64}")) {
        problems.add(where + "'" + words[0] + "' is not a commit id (" + MIN_ABBREV + " to 64 hex digits)");
        continue;
      }
      PathGlob glob = null;
      if (words.length == 2) {
        try {
          glob = PathGlob.compile(words[1]);
        } catch (IllegalArgumentException e) {
          problems.add(where + e.getMessage());
          continue;
        }
      }
      out.add(new Entry(i + 1, commit, glob, reason));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new IgnoreFile(out, null);
  }

  /** A reason starts at a {@code #} at the line's start or after whitespace (a path may hold one). */
  private static int reasonStart(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The verdicts without the ignored findings, and what was ignored.
   *
   * @param resolved each entry's full commit id, in entry order (null for an entry that names no
   *     commit here)
   */
  Baseline.Applied apply(List<CommitVerdict> verdicts, List<String> resolved) {
    List<CommitVerdict> out = new ArrayList<>(verdicts.size());
    List<Suppression> suppressed = new ArrayList<>();
    boolean[] used = new boolean[entries.size()];
    for (CommitVerdict c : verdicts) {
      List<Violation> kept = new ArrayList<>();
      List<Violation> ignored = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      for (Violation v : c.violations()) {
        int match = -1;
        for (int i = 0; i < entries.size() && match < 0; i++) {
          Entry e = entries.get(i);
          if (c.change().id().equals(resolved.get(i)) && (e.paths() == null || !v.path().isEmpty() && e.paths().covers(v.path()))) {
            match = i;
          }
        }
        if (match >= 0) {
          used[match] = true;
          ignored.add(v);
          reasons.add(entries.get(match).reason());
        } else {
          kept.add(v);
        }
      }
      CommitVerdict after = ignored.isEmpty() ? c : new CommitVerdict(c.change(), c.ai(), c.reviews(), kept, c.ref());
      out.add(after);
      for (int i = 0; i < ignored.size(); i++) {
        suppressed.add(new Suppression(after, ignored.get(i), Suppression.Source.IGNORE_FILE, reasons.get(i)));
      }
    }
    List<String> stale = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!used[i] && resolved.get(i) == null) {
        stale.add(FILE_NAME + ":" + entries.get(i).line() + " (" + entries.get(i).commit() + ": no such commit)");
      }
    }
    return new Baseline.Applied(out, suppressed, stale);
  }
}
