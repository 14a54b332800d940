package dev.aigate.detect;

import dev.aigate.policy.ToolSignature;
import java.util.Objects;

/**
 * One sighting of AI provenance.
 *
 * @param tool the tool it points to ({@link ToolSignature#unknown()} when it cannot be told)
 * @param signal where it was seen
 * @param kind which convention it follows
 * @param confidence who wrote it: the tool, a person, the environment, or a heuristic shape
 * @param evidence the line, identity or variable that shows it
 * @param path for content evidence, the file; null otherwise
 * @param line for content evidence, the 1-based line in the new file; 0 otherwise
 */
public record Evidence(ToolSignature tool, Signal signal, Kind kind, Confidence confidence, String evidence,
    String path, int line) {
  public Evidence(ToolSignature tool, Signal signal, Kind kind, Confidence confidence, String evidence,
      String path) {
    this(tool, signal, kind, confidence, evidence, path, 0);
  }

  // Written out (see Identity): evidence goes into a set for every judged change.
  @Override
  public boolean equals(Object o) {
    return o instanceof Evidence e && tool == e.tool && signal == e.signal && kind == e.kind
        && confidence == e.confidence && evidence.equals(e.evidence) && Objects.equals(path, e.path)
        && line == e.line;
  }

  @Override
  public int hashCode() {
    return (tool.id().hashCode() * 31 + signal.hashCode()) * 31 + evidence.hashCode();
  }

  @Override
  public String toString() {
    return tool.id() + " (" + tool.vendor() + ") via " + signal.label() + " [" + kind.label() + ", "
        + confidence.label() + "]: " + evidence + (path == null ? "" : " in " + path);
  }
}
