package dev.aigate.gate;

import dev.aigate.detect.AiLineIndex;
import dev.aigate.git.GitRepo;
import dev.aigate.git.History;
import dev.aigate.git.LineDiffs;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's AI line index for a push (issue 12, ADR 0010): loaded from {@link LineIndexStore},
 * brought up to date with what landed since it was written, so that a push costs what it
 * carries, not what the history holds. A missing, unreadable or far-behind index is said in the
 * push's notes, and the push is judged against what is known.
 */
public final class ServerLineIndex {
  /** Landed commits a push indexes before it is judged; beyond that, {@code aigate index rebuild}. */
  static final int MAX_CATCH_UP = 5_000;

  private ServerLineIndex() {}

  /** What a rebuild did. */
  public record Rebuilt(int commits, int aiLines, int linesSeen, Path file, long bytes, List<String> partlyIndexed) {
    public Rebuilt {
      partlyIndexed = List.copyOf(partlyIndexed);
    }
  }

  /** What the index lacks when commits were cut at {@link LineDiffs#MAX_LINES} added lines. */
  public static String partlyIndexed(List<String> commits) {
    return "provenance: " + commits.size() + " commit(s) add more than " + LineDiffs.MAX_LINES + " lines, indexed"
        + " up to that limit only, so lines past it are not followed into later commits: "
        + String.join(", ", commits.stream().limit(10).map(c -> c.substring(0, 12)).toList())
        + (commits.size() > 10 ? ", …" : "");
  }

  /**
   * The index covering the history of {@code refTips} (as far as it can be brought up to date
   * within {@link #MAX_CATCH_UP} commits and the deadline), saved again when it moved.
   */
  static AiLineIndex prepare(GitRepo repo, History history, Collection<String> refTips, Policy policy,
      Deadline deadline, List<String> notes) throws RepositoryException {
    LineIndexStore store = LineIndexStore.in(repo.gitDir());
    String key = key(policy);
    Optional<LineIndexStore.Loaded> loaded;
    try {
      loaded = store.load(key);
    } catch (IOException e) {
      notes.add("provenance: the AI line index cannot be read (" + e.getMessage() + "); this push was matched"
          + " against its own commits only; run 'aigate index rebuild' on the server");
      return new AiLineIndex();
    }
    if (loaded.isEmpty()) {
      notes.add("provenance: no AI line index for this policy at " + store.file() + "; this push was matched"
          + " against its own commits only; run 'aigate index rebuild' on the server");
      return new AiLineIndex();
    }
    AiLineIndex index = loaded.get().index();
    List<String> known = new ArrayList<>();
    for (String t : loaded.get().tips()) {
      if (history.kind(t) == History.ObjectKind.COMMIT) {
        known.add(t);
      }
    }
    List<String> tips = List.copyOf(new LinkedHashSet<>(refTips));
    List<String> behind = own(history, history.walk(tips, known, null));
    if (behind.isEmpty()) {
      return index;
    }
    if (behind.size() > MAX_CATCH_UP) {
      notes.add("provenance: the AI line index is " + behind.size() + " commits behind the server's refs; this"
          + " push was matched against the history it covers; run 'aigate index rebuild' on the server");
      return index;
    }
    try {
      List<String> partly = new Provenance(policy, index).learn(behind, headers(history), history::lineDiffs, deadline);
      if (!partly.isEmpty()) {
        notes.add(partlyIndexed(partly));
      }
    } catch (Provenance.Interrupted e) {
      notes.add("provenance: the deadline passed while the AI line index caught up with "
          + behind.size() + " landed commits; run 'aigate index rebuild' on the server");
      return index;
    }
    try {
      store.save(index, tips, key);
    } catch (IOException e) {
      notes.add("provenance: the AI line index could not be saved (" + e.getMessage() + ")");
    }
    return index;
  }

  /** Indexes the whole history of every ref from scratch and stores it. */
  static Rebuilt rebuild(GitRepo repo, Policy policy) throws RepositoryException, IOException {
    LineIndexStore store = LineIndexStore.in(repo.gitDir());
    try (History history = repo.history()) {
      List<String> tips = List.copyOf(new LinkedHashSet<>(history.commitRefs().values()));
      List<String> commits = own(history, history.walk(tips, List.of(), null));
      AiLineIndex index = new AiLineIndex();
      List<String> partly;
      try {
        partly = new Provenance(policy, index).learn(commits, headers(history), history::lineDiffs, Deadline.none());
      } catch (Provenance.Interrupted e) {
        throw new IllegalStateException("no deadline, yet interrupted", e);
      }
      while (!store.save(index, tips, key(policy))) {
        // A push is saving its own update; ours covers at least as much, so wait and write it.
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the index lock", e);
        }
      }
      return new Rebuilt(commits.size(), index.size(), index.linesSeen(), store.file(), Files.size(store.file()), partly);
    }
  }

  /**
   * What decides which lines are AI's: an index built under another catalogue would misjudge
   * them. Thresholds are left out, since they apply when matching, not when indexing.
   */
  static String key(Policy policy) {
    String what = policy.ai().catalogue() + "|" + policy.ai().content() + "|" + policy.ai().builtin();
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The commits whose diff is their own: no merges (their lines came with the merged commits). */
  private static List<String> own(History history, List<String> commits) throws RepositoryException {
    Set<String> shallow = history.shallowBoundary();
    List<String> out = new ArrayList<>(commits.size());
    for (String c : commits) {
      if (!shallow.contains(c) && history.parents(c).size() <= 1) {
        out.add(c);
      }
    }
    return out;
  }

  private static Provenance.Headers headers(History history) {
    return id -> history.header(id, history.rawBody(id, HistoryEvaluation.MAX_COMMIT_BYTES));
  }
}
