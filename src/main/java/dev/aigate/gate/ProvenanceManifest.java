package dev.aigate.gate;

import dev.aigate.BuildInfo;
import dev.aigate.detect.AiDetector;
import dev.aigate.detect.AiLineIndex;
import dev.aigate.detect.Evidence;
import dev.aigate.git.Blame;
import dev.aigate.git.FileChange;
import dev.aigate.git.GitRepo;
import dev.aigate.git.History;
import dev.aigate.git.LineDiffs;
import dev.aigate.git.RepositoryException;
import dev.aigate.git.TreeListing;
import dev.aigate.policy.Policy;
import dev.aigate.policy.ProvenancePolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The provenance manifest (issue 14, ADR 0012): every file of a tree, its current lines
 * attributed to the commit that introduced each (git blame, following renames), lines a human
 * commit moved or copied from AI code attributed to their AI origin (the AI line index), and each
 * commit's AI attribution as the gate's detector sees it.
 *
 * <p>Bounded memory: files stream from the tree listing through a window of blame jobs to the
 * sink in tree order; what is held is one attribution per AI commit, the line index (hashes),
 * and at most the window's files.
 */
public final class ProvenanceManifest {
  /** Files in flight per blame thread: enough to keep the threads busy while the sink writes. */
  static final int WINDOW_PER_THREAD = 8;

  /**
   * What to make.
   *
   * @param revision the commit whose tree is described
   * @param pathspec git pathspecs (empty: the whole tree)
   * @param selection which files to list
   * @param threads how many blames run at once
   * @param base an earlier manifest of the same repository to take unchanged files from, if any
   * @param moves whether to follow lines through the AI line index
   */
  public record Request(String revision, List<String> pathspec, ManifestSelection selection, int threads,
      Optional<Path> base, Moves moves) {
    public Request {
      pathspec = List.copyOf(pathspec);
    }
  }

  /** Whether lines a human commit moved from AI code are attributed to their origin. */
  public enum Moves { FOLLOW, IGNORE }

  /** What the run found besides the manifest. */
  public record Result(Manifest.Summary summary, List<String> notes, int aiCommits, int commits) {}

  /** The base manifest cannot be trusted; the message says why. */
  public static final class UntrustedBase extends Exception {
    public UntrustedBase(String message) {
      super(message);
    }
  }

  private final GitRepo repo;
  private final Policy policy;

  public ProvenanceManifest(GitRepo repo, Policy policy) {
    this.repo = repo;
    this.policy = policy;
  }

  public Result run(Request request, Manifest.Sink sink) throws RepositoryException, UntrustedBase {
    repo.tuneForHistory();
    List<String> notes = new ArrayList<>();
    String commit;
    String tree;
    Attributions attributions;
    AiLineIndex index = new AiLineIndex();
    String notesCommit;
    try (History history = repo.history()) {
      commit = history.resolve(request.revision());
      tree = history.treeId(commit);
      notesCommit = history.refCommit(AiNotes.REF).orElse("");
      attributions = attribute(history, commit, notesCommit.isEmpty() ? Optional.empty() : Optional.of(notesCommit),
          notes);
      if (request.moves() == Moves.FOLLOW && attributions.ai.size() > 0) {
        buildIndex(history, attributions, index, notes);
      }
    }
    String fingerprint = fingerprint(notesCommit, request.moves());
    Optional<PreviousManifest> base = Optional.empty();
    Set<String> touched = Set.of();
    if (request.base().isPresent()) {
      PreviousManifest p = PreviousManifest.check(request.base().get(), request.pathspec(), fingerprint,
          request.moves() == Moves.FOLLOW, attributions.all);
      try (History history = repo.history()) {
        if (!history.isAncestor(p.commit(), commit)) {
          throw new UntrustedBase("it describes " + p.commit() + ", which is not an ancestor of " + commit
              + " (history was rewritten?)");
        }
      }
      try (History history = repo.history()) {
        // First-parent commits miss a merge that kept the other side's version of a file the
        // base's branch had changed: the trees differ, so the file is blamed again.
        Set<String> changed = new HashSet<>(repo.touched(p.commit(), commit, request.pathspec()));
        changed.addAll(history.changedPaths(p.commit(), commit, path -> true));
        changed.addAll(verify(history, p, commit, request.pathspec(), changed));
        touched = changed;
      }
      base = Optional.of(p);
    }
    Manifest.Header header = new Manifest.Header(Manifest.VERSION, BuildInfo.version(), commit, tree,
        request.pathspec(), request.moves() == Moves.FOLLOW, fingerprint, request.selection().describe(),
        base.map(PreviousManifest::commit).orElse(""));
    sink.header(header);
    Manifest.Totals summary = new Manifest.Totals();
    ProvenancePolicy pp = policy.ai().provenance();
    AiLineIndex.Thresholds thresholds = new AiLineIndex.Thresholds(pp.minRun(), pp.minRunChars(), pp.minShare(),
        pp.minDistinct(), pp.window());
    Blame blame = repo.blame();
    ExecutorService pool = Executors.newFixedThreadPool(request.threads(), r -> {
      Thread t = new Thread(r, "aigate-blame");
      t.setDaemon(true);
      return t;
    });
    ArrayDeque<Future<Manifest.FileEntry>> window = new ArrayDeque<>();
    int limit = request.threads() * WINDOW_PER_THREAD;
    Iterator<PreviousManifest.Entry> previous = base.map(PreviousManifest::entries).orElse(null);
    PreviousManifest.Entry prev = null;
    try (History links = repo.history(); TreeListing files = repo.files(commit, request.pathspec())) {
      while (files.hasNext()) {
        TreeListing.Entry e = files.next();
        if (e.gitlink()) {
          summary.submodule();
          continue;
        }
        Manifest.FileEntry reused = null;
        // A link is reused from no base: its target may have changed while it did not.
        if (previous != null && !touched.contains(e.path()) && !e.symlink()) {
          while ((prev == null || PreviousManifest.compare(prev.path(), e.path()) < 0) && previous.hasNext()) {
            prev = previous.next();
          }
          if (prev != null && prev.path().equals(e.path()) && prev.kind() != Manifest.Kind.UNREADABLE) {
            reused = prev.attributed(attributions::of);
          }
        }
        // A checkout reads a link's target lines at the link's path: a pipeline that takes data/
        // takes them, whether or not the target is in the pathspec.
        Optional<String> target = reused == null && e.symlink() ? links.symlinkTarget(commit, e.path())
            : Optional.empty();
        if (reused != null) {
          Manifest.FileEntry r = reused;
          window.add(CompletableFuture.completedFuture(r));
          summary.reused();
        } else if (target.isPresent()) {
          String path = e.path();
          String file = target.get();
          window.add(pool.submit(() -> blameFile(blame, commit, file, attributions, index, thresholds).at(path)));
          summary.blamed();
        } else {
          String path = e.path();
          window.add(pool.submit(() -> blameFile(blame, commit, path, attributions, index, thresholds)));
          summary.blamed();
        }
        while (window.size() >= limit) {
          emit(window.poll(), request.selection(), summary, sink);
        }
      }
      while (!window.isEmpty()) {
        emit(window.poll(), request.selection(), summary, sink);
      }
    } catch (LineDiffs.UncheckedRepositoryException e) {
      throw e.getCause();
    } finally {
      pool.shutdownNow();
      if (base.isPresent()) {
        base.get().close();
      }
    }
    Manifest.Summary totals = summary.summary();
    sink.summary(totals);
    return new Result(totals, notes, attributions.ai.size(), attributions.all.size());
  }

  /**
   * Holds every entry the run would take from the base against the file at the new revision: an
   * unchanged file keeps its kind and its line count, so a base that says otherwise was edited or
   * is of another tree, and is refused. Which commit owns which line cannot be checked without
   * blaming it again (docs/provenance.md).
   *
   * @return the paths whose blob is missing here: blamed, and so listed as unreadable, not reused
   */
  private Set<String> verify(History history, PreviousManifest base, String commit, List<String> pathspec,
      Set<String> touched) throws RepositoryException, UntrustedBase {
    Set<String> missing = new HashSet<>();
    Iterator<PreviousManifest.Entry> previous = base.entries();
    PreviousManifest.Entry prev = null;
    try (TreeListing files = repo.files(commit, pathspec)) {
      while (files.hasNext()) {
        TreeListing.Entry e = files.next();
        if (e.gitlink() || e.symlink() || touched.contains(e.path())) {
          continue;
        }
        while ((prev == null || PreviousManifest.compare(prev.path(), e.path()) < 0) && previous.hasNext()) {
          prev = previous.next();
        }
        if (prev == null || !prev.path().equals(e.path()) || prev.kind() == Manifest.Kind.UNREADABLE) {
          continue;
        }
        Optional<Blame.Shape> shape = history.blobShape(e.blob());
        if (shape.isEmpty()) {
          missing.add(e.path());
          continue;
        }
        Blame.Shape is = shape.get();
        int claimed = prev.shares().stream().mapToInt(PreviousManifest.Share::lines).sum();
        if (is.binary() != (prev.kind() == Manifest.Kind.BINARY) || !is.binary() && is.lines() != claimed) {
          throw new UntrustedBase(e.path() + ": it lists " + describe(prev.kind() == Manifest.Kind.BINARY, claimed)
              + ", the file at " + commit + " is " + describe(is.binary(), is.lines())
              + " and no commit since changed it (the base was edited, or is of another tree)");
        }
      }
    } catch (LineDiffs.UncheckedRepositoryException e) {
      throw e.getCause();
    } finally {
      base.close();
    }
    return missing;
  }

  private static String describe(boolean binary, int lines) {
    return binary ? "binary" : "text of " + lines + " line(s)";
  }

  private static void emit(Future<Manifest.FileEntry> f, ManifestSelection selection, Manifest.Totals summary,
      Manifest.Sink sink) throws RepositoryException {
    Manifest.FileEntry entry;
    try {
      entry = f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RepositoryException re) {
        throw re;
      }
      throw new IllegalStateException("blame failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepositoryException("interrupted", e);
    }
    if (selection.selects(entry)) {
      summary.add(entry);
      sink.file(entry);
    }
  }

  /** One file: blame, then lines of human commits matched against the AI line index. */
  private static Manifest.FileEntry blameFile(Blame blame, String commit, String path, Attributions attributions,
      AiLineIndex index, AiLineIndex.Thresholds thresholds) throws RepositoryException {
    Lines lines = new Lines(attributions, index.size() > 0);
    Blame.Outcome outcome = blame.file(commit, path, lines);
    if (outcome instanceof Blame.Unreadable u) {
      return Manifest.FileEntry.unreadable(path, u.reason());
    }
    if (outcome instanceof Blame.Binary) {
      Lines last = new Lines(attributions, false);
      Blame.Outcome o = blame.changes(commit, path, last);
      if (o instanceof Blame.Unreadable u || last.count == 0) {
        return Manifest.FileEntry.unreadable(path, o instanceof Blame.Unreadable u ? u.reason() : "no commit changed it");
      }
      // The last change, then every AI commit before it: a rename or a one-byte human edit does
      // not make an AI's binary file human.
      List<Manifest.CommitShare> changes = new ArrayList<>();
      for (String id : last.commits) {
        if (changes.isEmpty() || attributions.of(id).ai()) {
          changes.add(new Manifest.CommitShare(id, 0, 0, attributions.of(id)));
        }
      }
      return Manifest.FileEntry.of(path, Manifest.Kind.BINARY, changes);
    }
    AiLineIndex.Origin[] origins = lines.texts == null ? new AiLineIndex.Origin[0]
        : index.origins(Arrays.copyOf(lines.texts, lines.count), thresholds);
    Map<String, int[]> shares = new LinkedHashMap<>();
    for (int i = 0; i < lines.count; i++) {
      AiLineIndex.Origin o = i < origins.length ? origins[i] : null;
      String id = o != null ? o.commit() : lines.commits.get(lines.commitOf[i]);
      int[] s = shares.computeIfAbsent(id, k -> new int[2]);
      s[0]++;
      if (o != null) {
        s[1]++;
      }
    }
    List<Manifest.CommitShare> out = new ArrayList<>();
    shares.forEach((id, s) -> out.add(new Manifest.CommitShare(id, s[0], s[1], attributions.of(id))));
    out.sort(Comparator.comparingInt(Manifest.CommitShare::lines).reversed().thenComparing(Manifest.CommitShare::id));
    return Manifest.FileEntry.of(path, Manifest.Kind.TEXT, out);
  }

  /** One file's blamed lines: commit per line, and the text of human lines when the index is in use. */
  private static final class Lines implements Blame.Sink {
    private final Attributions attributions;
    private final List<String> commits = new ArrayList<>();
    private final Map<String, Integer> ordinal = new HashMap<>();
    private int[] commitOf = new int[64];
    private String[] texts;
    private int count;

    Lines(Attributions attributions, boolean keepHumanText) {
      this.attributions = attributions;
      this.texts = keepHumanText ? new String[64] : null;
    }

    @Override
    public void line(String commit, int line, byte[] content, int length) {
      Integer o = ordinal.get(commit);
      if (o == null) {
        o = commits.size();
        ordinal.put(commit, o);
        commits.add(commit);
      }
      if (count == commitOf.length) {
        commitOf = Arrays.copyOf(commitOf, count * 2);
        if (texts != null) {
          texts = Arrays.copyOf(texts, count * 2);
        }
      }
      commitOf[count] = o;
      if (texts != null && !attributions.of(commit).ai()) {
        texts[count] = new String(content, 0, length, StandardCharsets.UTF_8);
      }
      count++;
    }
  }

  /** Every commit of the history, and the attribution of its AI ones. */
  static final class Attributions {
    final Set<String> all = new HashSet<>();
    final Map<String, Manifest.Attribution> ai = new HashMap<>();
    final List<String> own = new ArrayList<>();

    Manifest.Attribution of(String commit) {
      return ai.getOrDefault(commit, Manifest.Attribution.HUMAN);
    }
  }

  /**
   * Judges every commit of the revision's history once, as {@code audit} does: identity, message,
   * git-ai notes, Agent Trace records.
   */
  private Attributions attribute(History history, String commit, Optional<String> notesCommit, List<String> notes)
      throws RepositoryException {
    Attributions out = new Attributions();
    AiDetector detector = new AiDetector(policy.ai());
    AiNotes aiNotes = notesCommit.isPresent() ? new AiNotes(policy, history.notes(notesCommit.get())) : null;
    AgentTraces traces = new AgentTraces(policy);
    Set<String> boundary = history.shallowBoundary();
    if (!boundary.isEmpty()) {
      notes.add("shallow clone: lines older than the " + boundary.size() + " boundary commit(s) are attributed to them");
    }
    for (String c : history.walk(List.of(commit), List.of(), null)) {
      out.all.add(c);
      byte[] raw = history.rawBody(c, HistoryEvaluation.MAX_COMMIT_BYTES);
      List<Evidence> evidence = new ArrayList<>(detector.detect(history.header(c, raw), Map.of()));
      if (aiNotes != null) {
        evidence.addAll(aiNotes.evidence(c));
      }
      if (!boundary.contains(c)) {
        evidence.addAll(traces.evidence(history, c));
      }
      if (!evidence.isEmpty()) {
        Set<String> tools = new TreeSet<>();
        Set<String> vendors = new TreeSet<>();
        Set<String> signals = new TreeSet<>();
        for (Evidence e : evidence) {
          tools.add(e.tool().id());
          vendors.add(e.tool().vendor());
          signals.add(e.signal().label());
        }
        out.ai.put(c, new Manifest.Attribution(List.copyOf(tools), List.copyOf(vendors), List.copyOf(signals)));
      }
      if (!boundary.contains(c) && history.parents(c).size() <= 1) {
        out.own.add(c);
      }
    }
    return out;
  }

  /** The AI line index of the whole history (ADR 0010's recording, every commit, parents first). */
  private static void buildIndex(History history, Attributions attributions, AiLineIndex index, List<String> notes)
      throws RepositoryException {
    int truncated = 0;
    try (LineDiffs diffs = history.lineDiffs(attributions.own)) {
      for (String id : attributions.own) {
        LineDiffs.CommitLines cl = diffs.next();
        if (cl.truncated()) {
          truncated++;
        }
        List<AiLineIndex.PathLines> files = new ArrayList<>(cl.files().size());
        for (LineDiffs.PathLines p : cl.files()) {
          List<AiLineIndex.Line> added = new ArrayList<>(p.added().size());
          for (FileChange.AddedLine l : p.added()) {
            added.add(new AiLineIndex.Line(l.number(), l.text()));
          }
          files.add(new AiLineIndex.PathLines(p.path(), added, List.of()));
        }
        Manifest.Attribution a = attributions.of(id);
        index.record(id, files, a.ai() ? a.tools().get(0) : null);
      }
    } catch (LineDiffs.UncheckedRepositoryException e) {
      throw e.getCause();
    }
    if (truncated > 0) {
      notes.add(truncated + " commit(s) changed more than " + LineDiffs.MAX_LINES
          + " lines; lines past that were not followed through the AI line index");
    }
  }

  /**
   * Changed whenever a rule of attribution changes, so that bases made under the old rule are
   * refused even by a build of the same version: binary files now carry every AI change.
   */
  private static final String ATTRIBUTION_RULES = "binary files: last change and every AI change";

  /**
   * A digest of what attribution depends on: the AI section of the policy (catalogue, markers,
   * thresholds), the git-ai notes, and whether moves are followed. Records print their lists in
   * order, so the text is the same on every run.
   */
  private String fingerprint(String notesCommit, Moves moves) {
    String text = BuildInfo.version() + "\n" + ATTRIBUTION_RULES + "\n" + policy.ai() + "\n" + notesCommit + "\n" + moves;
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        b.append(String.format("%02x", d[i]));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
