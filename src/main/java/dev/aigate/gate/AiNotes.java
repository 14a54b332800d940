package dev.aigate.gate;

import dev.aigate.detect.Confidence;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.GitAiNote;
import dev.aigate.detect.Kind;
import dev.aigate.detect.Signal;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * git-ai notes as AI evidence (ADR 0010): a note that attributes lines of a commit to an AI
 * session makes the commit AI-attributed. Evidence only: a note never clears a commit.
 */
final class AiNotes {
  static final String REF = "refs/notes/ai";
  /** Evidence lines kept per commit. */
  private static final int MAX_EVIDENCE = 20;

  private final Policy policy;
  private final History.Notes notes;

  AiNotes(Policy policy, History.Notes notes) {
    this.policy = policy;
    this.notes = notes;
  }

  List<Evidence> evidence(String commit) throws RepositoryException {
    Optional<String> note = notes.of(commit, GitAiNote.MAX_BYTES);
    if (note.isEmpty()) {
      return List.of();
    }
    List<Evidence> out = new ArrayList<>();
    for (GitAiNote.Attribution a : GitAiNote.parse(note.get())) {
      if (out.size() == MAX_EVIDENCE) {
        break;
      }
      out.add(new Evidence(policy.ai().tool(a.tool()), Signal.NOTE, Kind.NOTE, Confidence.ATTRIBUTION, "git-ai note: " + a.lines() + " AI line(s) in " + a.path()
          + " by " + a.tool() + (a.model().isEmpty() ? "" : " (" + a.model() + ")"), a.path()));
    }
    return out;
  }
}
