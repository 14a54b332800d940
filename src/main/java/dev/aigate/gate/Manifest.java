package dev.aigate.gate;

import dev.aigate.git.GitPaths;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The provenance manifest's data (issue 14, docs/provenance.md): what {@link ProvenanceManifest}
 * produces and the report package writes. Field names follow the JSON contract.
 */
public final class Manifest {
  /** The format version the header carries; readers refuse others. */
  public static final int VERSION = 1;
  /** The vendor of AI whose vendor cannot be told. */
  public static final String UNKNOWN_VENDOR = "unknown";

  private Manifest() {}

  /**
   * A commit's AI attribution: empty tools for a human commit.
   *
   * @param tools catalogue tool ids, sorted ({@code unknown} when the tool cannot be told)
   * @param vendors vendor ids, sorted ({@code unknown} when the vendor cannot be told)
   * @param signals where the evidence was seen (trailer, author, note, …), sorted
   */
  public record Attribution(List<String> tools, List<String> vendors, List<String> signals) {
    public static final Attribution HUMAN = new Attribution(List.of(), List.of(), List.of());

    public Attribution {
      tools = List.copyOf(tools);
      vendors = List.copyOf(vendors);
      signals = List.copyOf(signals);
    }

    public boolean ai() {
      return !tools.isEmpty();
    }

    /** AI of which at least one vendor cannot be told: not proof it is none of the named ones. */
    public boolean unknownVendor() {
      return vendors.contains(UNKNOWN_VENDOR);
    }
  }

  /**
   * The lines of a file that one commit introduced.
   *
   * @param moved how many of them a later human commit moved or copied here (found through the AI
   *     line index; blame names the human commit)
   */
  public record CommitShare(String id, int lines, int moved, Attribution attribution) {
    public CommitShare {
      if (lines < 0 || moved < 0 || moved > lines) {
        throw new IllegalArgumentException("invalid line counts for " + id);
      }
    }
  }

  /** How a file could be read. */
  public enum Kind {
    /** Blamed line by line. */
    TEXT,
    /** git's binary: attributed as a whole to the commit that last changed it. */
    BINARY,
    /** git could not blame it: its origin is unknown, never human. */
    UNREADABLE
  }

  /**
   * One file at the revision.
   *
   * @param problem why it is unreadable; empty otherwise
   */
  public record FileEntry(String path, Kind kind, int lines, int aiLines, SortedMap<String, Integer> byVendor,
      SortedMap<String, Integer> byTool, int unknownAiLines, List<CommitShare> commits, String problem) {
    /** The same attribution listed under another path (a symlink's, for its target's lines). */
    public FileEntry at(String other) {
      return new FileEntry(other, kind, lines, aiLines, byVendor, byTool, unknownAiLines, commits, problem);
    }

    public FileEntry {
      byVendor = new TreeMap<>(byVendor);
      byTool = new TreeMap<>(byTool);
      commits = List.copyOf(commits);
    }

    /** Whether any of it came from AI (a binary file: its last change did). */
    public boolean ai() {
      return kind == Kind.BINARY ? commits.stream().anyMatch(c -> c.attribution().ai()) : aiLines > 0;
    }

    /** The file from its commits' shares, every total derived from them. */
    public static FileEntry of(String path, Kind kind, List<CommitShare> commits) {
      int lines = 0;
      int ai = 0;
      int unknown = 0;
      SortedMap<String, Integer> vendors = new TreeMap<>();
      SortedMap<String, Integer> tools = new TreeMap<>();
      for (CommitShare c : commits) {
        lines += c.lines();
        if (!c.attribution().ai()) {
          continue;
        }
        ai += c.lines();
        if (c.attribution().unknownVendor()) {
          unknown += c.lines();
        }
        for (String v : c.attribution().vendors()) {
          if (!v.equals(UNKNOWN_VENDOR)) {
            vendors.merge(v, c.lines(), Integer::sum);
          }
        }
        for (String t : c.attribution().tools()) {
          tools.merge(t, c.lines(), Integer::sum);
        }
      }
      return new FileEntry(path, kind, lines, ai, vendors, tools, unknown, commits, "");
    }

    public static FileEntry unreadable(String path, String problem) {
      return new FileEntry(path, Kind.UNREADABLE, 0, 0, new TreeMap<>(), new TreeMap<>(), 0, List.of(),
          problem.isEmpty() ? "unreadable" : problem);
    }
  }

  /**
   * The first line of a manifest: what it was made of, so a later run can trust it as a base
   * ({@code --since-manifest}).
   *
   * @param commit the commit whose tree it describes
   * @param tree that commit's tree
   * @param pathspec the pathspec it was limited to (empty: the whole tree)
   * @param moves whether lines were followed through the AI line index
   * @param attribution a digest of everything commit attribution depends on (catalogue, policy's
   *     AI section, git-ai notes, thresholds); a base made under another is not reused
   * @param selection the selection it was filtered by, empty when it lists every file
   * @param since the commit of the manifest it was built on, empty for a full run
   */
  public record Header(int version, String aigateVersion, String commit, String tree, List<String> pathspec,
      boolean moves, String attribution, String selection, String since) {
    public Header {
      pathspec = List.copyOf(pathspec);
    }
  }

  /** Lines of one top-level directory. */
  public record Tally(int files, int lines, int aiLines, SortedMap<String, Integer> byVendor) {
    public Tally {
      if (files < 0 || lines < 0 || aiLines < 0 || aiLines > lines) {
        throw new IllegalArgumentException("not a tally: " + files + " files, " + aiLines + " of " + lines + " lines");
      }
      byVendor = Collections.unmodifiableSortedMap(new TreeMap<>(byVendor));
    }
  }

  /**
   * The last line: totals over the files the manifest lists, and how many were blamed in this
   * run or taken from the base. Its presence proves the manifest was written to the end.
   *
   * @param byDirectory per top-level directory; files at the root under {@code .}
   */
  public record Summary(int files, int binaryFiles, int unreadableFiles, int submodules, long lines, long aiLines,
      long unknownAiLines, SortedMap<String, Long> byVendor, SortedMap<String, Long> byTool,
      SortedMap<String, Tally> byDirectory, int blamed, int reused) {
    public Summary {
      if (files < 0 || binaryFiles < 0 || unreadableFiles < 0 || submodules < 0 || blamed < 0 || reused < 0
          || lines < 0 || aiLines < 0 || aiLines > lines || unknownAiLines < 0 || unknownAiLines > aiLines) {
        throw new IllegalArgumentException("inconsistent manifest totals");
      }
      byVendor = Collections.unmodifiableSortedMap(new TreeMap<>(byVendor));
      byTool = Collections.unmodifiableSortedMap(new TreeMap<>(byTool));
      byDirectory = Collections.unmodifiableSortedMap(new TreeMap<>(byDirectory));
    }

    /** The share of all lines, 0 for none. */
    public double share(long n) {
      return lines == 0 ? 0 : (double) n / lines;
    }
  }

  /** Adds up the {@link Summary} while the files stream past. */
  static final class Totals {
    private int files;
    private int binaryFiles;
    private int unreadableFiles;
    private int submodules;
    private long lines;
    private long aiLines;
    private long unknownAiLines;
    private final SortedMap<String, Long> byVendor = new TreeMap<>();
    private final SortedMap<String, Long> byTool = new TreeMap<>();
    private final SortedMap<String, Directory> byDirectory = new TreeMap<>();
    private int blamed;
    private int reused;

    void add(FileEntry f) {
      files++;
      switch (f.kind()) {
        case BINARY -> binaryFiles++;
        case UNREADABLE -> unreadableFiles++;
        case TEXT -> { }
      }
      lines += f.lines();
      aiLines += f.aiLines();
      unknownAiLines += f.unknownAiLines();
      f.byVendor().forEach((v, n) -> byVendor.merge(v, (long) n, Long::sum));
      f.byTool().forEach((t, n) -> byTool.merge(t, (long) n, Long::sum));
      int slash = f.path().indexOf('/');
      // Under the name the file lines show: a byte that is not UTF-8 is U+FFFD, not a lone surrogate.
      String directory = slash < 0 ? "." : GitPaths.text(f.path().substring(0, slash));
      byDirectory.computeIfAbsent(directory, k -> new Directory()).add(f);
    }

    void submodule() {
      submodules++;
    }

    void blamed() {
      blamed++;
    }

    void reused() {
      reused++;
    }

    Summary summary() {
      SortedMap<String, Tally> directories = new TreeMap<>();
      byDirectory.forEach((d, t) -> directories.put(d, new Tally(t.files, t.lines, t.aiLines, t.byVendor)));
      return new Summary(files, binaryFiles, unreadableFiles, submodules, lines, aiLines, unknownAiLines, byVendor,
          byTool, directories, blamed, reused);
    }

    private static final class Directory {
      int files;
      int lines;
      int aiLines;
      final SortedMap<String, Integer> byVendor = new TreeMap<>();

      void add(FileEntry f) {
        files++;
        lines += f.lines();
        aiLines += f.aiLines();
        f.byVendor().forEach((v, n) -> byVendor.merge(v, n, Integer::sum));
        if (f.unknownAiLines() > 0) {
          byVendor.merge(UNKNOWN_VENDOR, f.unknownAiLines(), Integer::sum);
        }
      }
    }
  }

  /** Receives a manifest as it is made: the header, each file in tree order, then the summary. */
  public interface Sink {
    void header(Header header);

    void file(FileEntry file);

    void summary(Summary summary);
  }
}
