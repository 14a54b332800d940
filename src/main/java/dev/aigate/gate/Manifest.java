package dev.aigate.gate;

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

  /** Lines of one vendor, tool or directory. */
  public static final class Tally {
    public int files;
    public int lines;
    public int aiLines;
    public final SortedMap<String, Integer> byVendor = new TreeMap<>();

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

  /**
   * The last line: totals over the files the manifest lists, and how many were blamed in this
   * run or taken from the base. Its presence proves the manifest was written to the end.
   */
  public static final class Summary {
    public int files;
    public int binaryFiles;
    public int unreadableFiles;
    public int submodules;
    public long lines;
    public long aiLines;
    public long unknownAiLines;
    public final SortedMap<String, Long> byVendor = new TreeMap<>();
    public final SortedMap<String, Long> byTool = new TreeMap<>();
    /** Per top-level directory; files at the root under {@code .}. */
    public final SortedMap<String, Tally> byDirectory = new TreeMap<>();
    public int blamed;
    public int reused;

    public void add(FileEntry f) {
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
      byDirectory.computeIfAbsent(slash < 0 ? "." : f.path().substring(0, slash), k -> new Tally()).add(f);
    }

    /** The share of all lines, 0 for none. */
    public double share(long n) {
      return lines == 0 ? 0 : (double) n / lines;
    }
  }

  /** Receives a manifest as it is made: the header, each file in tree order, then the summary. */
  public interface Sink {
    void header(Header header);

    void file(FileEntry file);

    void summary(Summary summary);
  }
}
