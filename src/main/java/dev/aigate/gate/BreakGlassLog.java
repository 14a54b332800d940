package dev.aigate.gate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Violation;
import dev.aigate.git.GitRepo;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The server-side record of every break-glass push, one JSON object a line, so its use can be
 * audited later. A break-glass that cannot be recorded is not granted.
 *
 * <p>The path is {@code git config aigate.breakGlassLog} (server configuration, never pushed
 * content), else {@code $GIT_DIR/aigate/break-glass.log}.
 */
final class BreakGlassLog {
  static final String CONFIG_NAME = "breakGlassLog";

  private BreakGlassLog() {}

  static Path path(GitRepo repo) {
    return ServerLog.path(repo, CONFIG_NAME, "break-glass.log");
  }

  /** Appends the record; empty when it was written, else why not. */
  static Optional<String> append(GitRepo repo, PushDecision.BreakGlass decision, List<CommitVerdict> verdicts,
      List<RefPlan.Judge> refs) {
    String record;
    try {
      record = record(decision, verdicts, refs);
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot write the break-glass log: " + e.getMessage());
    }
    return ServerLog.append(path(repo), record).map(why -> "cannot write the break-glass log " + why);
  }

  private static String record(PushDecision.BreakGlass d, List<CommitVerdict> verdicts, List<RefPlan.Judge> refs)
      throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.now().toString());
      g.writeStringField("pusher", d.pusher());
      g.writeStringField("reason", d.reason());
      g.writeNumberField("blocking", d.blocking());
      g.writeArrayFieldStart("refs");
      for (RefPlan.Judge r : refs) {
        g.writeStartObject();
        g.writeStringField("ref", r.target());
        g.writeStringField("tip", r.tip());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("violations");
      for (CommitVerdict c : verdicts) {
        for (Violation v : c.violations()) {
          if (v.blocking()) {
            g.writeStartObject();
            g.writeStringField("commit", c.change().id());
            g.writeStringField("path", v.path());
            g.writeStringField("rule", v.rule());
            g.writeStringField("action", v.action().yamlName());
            g.writeEndObject();
          }
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return w.toString();
  }
}
