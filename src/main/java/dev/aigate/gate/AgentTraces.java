package dev.aigate.gate;

import dev.aigate.detect.AgentTrace;
import dev.aigate.detect.Confidence;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Kind;
import dev.aigate.detect.Signal;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Policy;
import dev.aigate.policy.ToolSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Agent Trace records committed under {@code .agent-trace/} as AI evidence: a record a commit
 * adds that attributes lines of a file the same commit changes makes the commit AI-attributed.
 * Evidence only, like git-ai notes: a record never clears a commit, and a record about a file
 * the commit does not touch describes some other commit's work.
 */
final class AgentTraces {
  /** Record bytes read per commit; a team's records grow by a few kilobytes a commit. */
  static final int MAX_BYTES = 8 << 20;
  private static final int MAX_EVIDENCE = 20;

  private final Policy policy;

  AgentTraces(Policy policy) {
    this.policy = policy;
  }

  /**
   * @throws RepositoryException when the commit adds records this reader cannot read whole (more
   *     than {@link #MAX_BYTES}, or lines that are no readable record): an unread record is not a
   *     human one, so the commit cannot be judged
   */
  List<Evidence> evidence(History history, String commit) throws RepositoryException {
    return evidence(commit, history.recordsAdded(commit, AgentTrace.DIR, MAX_BYTES));
  }

  /** As {@link #evidence(History, String)}, for a commit whose raw object the caller holds. */
  List<Evidence> evidence(History history, String commit, byte[] raw) throws RepositoryException {
    return evidence(commit, history.recordsAdded(commit, raw, AgentTrace.DIR, MAX_BYTES));
  }

  private List<Evidence> evidence(String commit, Optional<History.RecordChange> change) throws RepositoryException {
    if (change.isEmpty()) {
      return List.of();
    }
    if (change.get().truncated()) {
      throw new RepositoryException("it adds more than " + (MAX_BYTES >> 20) + " MiB of Agent Trace records to "
          + AgentTrace.DIR + "/, more than aigate reads; an unread record is not a human one", null);
    }
    AgentTrace.Parsed parsed = AgentTrace.read(change.get().added());
    if (parsed.unreadable() > 0) {
      throw new RepositoryException("it adds " + parsed.unreadable() + " line(s) to " + AgentTrace.DIR
          + "/*.jsonl that are no Agent Trace record aigate can read (one JSON object per line, at most "
          + (AgentTrace.MAX_LINE >> 20) + " MiB, nested at most 16 deep); an unread record is not a human one", null);
    }
    List<Evidence> out = new ArrayList<>();
    for (AgentTrace.Claim claim : parsed.claims()) {
      if (out.size() == MAX_EVIDENCE) {
        break;
      }
      String path = claim.path().startsWith("./") ? claim.path().substring(2) : claim.path();
      if (!change.get().changed().contains(path)) {
        continue;
      }
      ToolSignature tool = tool(claim);
      // An agent's hook wrote the record: a catalogued agent's unnamed contributor is that agent.
      Confidence confidence = claim.contributor() == AgentTrace.Contributor.AI || !tool.id().equals(ToolSignature.UNKNOWN)
          ? Confidence.ATTRIBUTION : Confidence.HEURISTIC;
      out.add(new Evidence(tool, Signal.TRACE, Kind.TRACE, confidence, "Agent Trace: " + claim.lines()
          + (claim.contributor() == AgentTrace.Contributor.AI ? " AI" : " unattributed") + " line(s) in " + path
          + (claim.tool().isEmpty() ? "" : " by " + claim.tool())
          + (claim.model().isEmpty() ? "" : " (" + claim.model() + ")"), path));
    }
    return out;
  }

  /** The tool a claim names, else the vendor of its model, else unknown: never no tool. */
  private ToolSignature tool(AgentTrace.Claim claim) {
    ToolSignature named = policy.ai().tool(claim.tool());
    if (!named.id().equals(ToolSignature.UNKNOWN)) {
      return named;
    }
    return AgentTrace.vendor(claim.model()).map(ToolSignature::unknownOf).orElse(named);
  }
}
