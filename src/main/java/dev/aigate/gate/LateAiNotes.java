package dev.aigate.gate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.GitAiNote;
import dev.aigate.detect.Signal;
import dev.aigate.detect.Violation;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Action;
import dev.aigate.policy.Policy;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * git-ai notes that arrive after the commits they annotate (ADR 0010). git-ai pushes
 * {@code refs/notes/ai} in a second push after the branch, so a commit the gate accepted as human
 * may turn out to be AI once its note lands. Such commits are re-judged with the new notes: each
 * one that the notes alone make a violation is a finding, reported (and, with
 * {@code late-ai-notes: reject}, the notes push refused when the commit changes a {@code deny}
 * path).
 */
final class LateAiNotes {
  /** Annotated commits re-judged per push; beyond it the rest are named as not re-judged. */
  static final int MAX_COMMITS = 500;

  /** Resolves the policy that governs a protected ref at its current tip. */
  interface PolicyFor {
    Policy at(String ref, String tip) throws Exception;
  }

  /** Judges commits of a protected ref the way the gate judges a push to it. */
  interface Judge {
    HistoryEvaluation.Result judge(RefPlan.Judge plan, List<String> commits) throws RepositoryException,
        ReviewTrustFiles.Unavailable;
  }

  /** A commit on {@code ref} that its git-ai note alone makes a violation. */
  record Finding(String commit, String ref, List<Evidence> evidence, List<Violation> violations) {
    Finding {
      evidence = List.copyOf(evidence);
      violations = List.copyOf(violations);
    }

    boolean deniesPath() {
      return violations.stream().anyMatch(v -> v.blocking() && v.action() == Action.DENY);
    }

    String describe() {
      List<String> paths = violations.stream().filter(Violation::blocking).map(Violation::path).distinct().toList();
      return "commit " + commit.substring(0, 12) + " on " + ref + " is AI by its git-ai note ("
          + evidence.get(0).evidence() + (evidence.size() > 1 ? ", +" + (evidence.size() - 1) + " more" : "")
          + ") and breaks the policy in " + String.join(", ", paths.subList(0, Math.min(5, paths.size())))
          + (paths.size() > 5 ? " (+" + (paths.size() - 5) + " more)" : "")
          + "; it was accepted as human before the note arrived";
    }
  }

  /**
   * What re-judging found.
   *
   * @param incomplete commits that could not be re-judged, with why: never counted as clean
   */
  record Result(List<Finding> findings, List<String> incomplete) {
    Result {
      findings = List.copyOf(findings);
      incomplete = List.copyOf(incomplete);
    }
  }

  private LateAiNotes() {}

  /**
   * Re-judges the commits on protected refs whose git-ai note the update {@code before → after}
   * adds or changes.
   *
   * @param protectedTips every protected ref's commit before the push
   */
  static Result find(History history, String before, String after, Map<String, String> protectedTips,
      PolicyFor policyFor, Judge judge) throws RepositoryException {
    List<String> annotated = new ArrayList<>();
    for (History.NoteChange change : history.noteChanges(before, after, GitAiNote.MAX_BYTES)) {
      // A note that attributes no line to AI (only h_ keys, or junk) raises nothing.
      if (!change.after().isEmpty() && !GitAiNote.parse(String.join("\n", change.after())).isEmpty()) {
        annotated.add(change.annotated());
      }
    }
    List<String> incomplete = new ArrayList<>();
    if (annotated.size() > MAX_COMMITS) {
      incomplete.add((annotated.size() - MAX_COMMITS) + " more annotated commits beyond the first " + MAX_COMMITS
          + " (push the notes in smaller steps)");
      annotated = annotated.subList(0, MAX_COMMITS);
    }
    List<String> present = new ArrayList<>();
    for (String c : annotated) {
      // A note on a commit this repository does not have annotates nothing on a protected ref.
      if (history.kind(c) == History.ObjectKind.COMMIT) {
        present.add(c);
      }
    }
    List<Finding> findings = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    for (Map.Entry<String, String> ref : protectedTips.entrySet()) {
      List<String> onRef = new ArrayList<>();
      for (String c : present) {
        if (!reported.contains(c) && history.isAncestor(c, ref.getValue())) {
          onRef.add(c);
        }
      }
      if (onRef.isEmpty()) {
        continue;
      }
      try {
        Policy policy = policyFor.at(ref.getKey(), ref.getValue()).withoutProvenance();
        for (Finding f : judgeRef(history, ref.getKey(), ref.getValue(), onRef, policy, judge, incomplete)) {
          findings.add(f);
          reported.add(f.commit());
        }
      } catch (Exception e) {
        incomplete.add(onRef.size() + " annotated commit(s) on " + ref.getKey() + ": " + e.getMessage());
      }
    }
    return new Result(findings, incomplete);
  }

  /**
   * Judges the annotated commits of one ref together with everything after them on it, so that
   * merge reviews and ranges signed after them still cover them.
   */
  private static List<Finding> judgeRef(History history, String ref, String tip, List<String> onRef, Policy policy,
      Judge judge, List<String> incomplete) throws RepositoryException, ReviewTrustFiles.Unavailable {
    Set<String> exclude = new LinkedHashSet<>();
    for (String c : onRef) {
      exclude.addAll(history.parents(c));
    }
    List<String> range = history.commitsBetween(tip, List.copyOf(exclude));
    Set<String> inRange = new HashSet<>(range);
    Map<String, CommitVerdict> verdicts = new LinkedHashMap<>();
    collect(judge.judge(new RefPlan.Judge(ref, ref, tip, List.copyOf(exclude), policy), range), verdicts, incomplete,
        ref);
    for (String c : onRef) {
      if (!inRange.contains(c)) {
        // The parent of another annotated commit hides this one: judged by itself.
        collect(judge.judge(new RefPlan.Judge(ref, ref, c, history.parents(c), policy), List.of(c)), verdicts,
            incomplete, ref);
      }
    }
    List<Finding> out = new ArrayList<>();
    for (String c : onRef) {
      CommitVerdict v = verdicts.get(c);
      // Only what the note changes is news: a commit with other AI evidence was judged as AI when it was pushed.
      if (v != null && v.blocked() && v.ai().stream().allMatch(e -> e.signal() == Signal.NOTE)) {
        out.add(new Finding(c, ref, v.ai(), v.violations()));
      }
    }
    return out;
  }

  private static void collect(HistoryEvaluation.Result r, Map<String, CommitVerdict> into, List<String> incomplete,
      String ref) {
    r.verdicts().forEach(v -> into.put(v.change().id(), v));
    r.unreadable().forEach(u -> incomplete.add("commit " + u));
    if (r.timedOut()) {
      incomplete.add(r.pending() + " commit(s) on " + ref + " unjudged at the deadline");
    }
  }

  /** One line of the late-notes log. */
  static String record(Finding f, String notesCommit, String pusher) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.now().toString());
      g.writeStringField("pusher", pusher);
      g.writeStringField("notes", notesCommit);
      g.writeStringField("commit", f.commit());
      g.writeStringField("ref", f.ref());
      g.writeArrayFieldStart("evidence");
      for (Evidence e : f.evidence()) {
        g.writeString(e.evidence());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("violations");
      for (Violation v : f.violations()) {
        if (v.blocking()) {
          g.writeStartObject();
          g.writeStringField("path", v.path());
          g.writeStringField("rule", v.rule());
          g.writeStringField("action", v.action().yamlName());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return w.toString();
  }
}
