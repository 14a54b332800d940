package dev.aigate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aigate.BuildInfo;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evaluator;
import dev.aigate.detect.Evidence;
import dev.aigate.detect.Fingerprint;
import dev.aigate.detect.Violation;
import dev.aigate.git.FileChange;
import dev.aigate.policy.Action;
import dev.aigate.policy.Policy;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: one result per violation, every result with a
 * location (GitHub rejects the whole file for one without), rules with descriptions and help
 * that carry the fix, and the baseline fingerprints as partial fingerprints. Checked against the
 * official schema in tests, and with the SARIF Multitool's GitHub rules in CI.
 *
 * <p>A violation of the commit as a whole (a missing disclosure) is located at the first path
 * the commit touches, or at {@code .aigate.yml} when it touches none; docs/ci.md documents it.
 */
final class SarifReporter implements Reporter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private final SarifScope scope;

  SarifReporter(SarifScope scope) {
    this.scope = scope;
  }

  /** A finding as SARIF shows it: the violation and the file it is located at. */
  private record Finding(CommitVerdict commit, Violation violation, String path, int line) {}

  @Override
  public void write(Report report, PrintStream out) {
    List<Finding> findings = new ArrayList<>();
    for (CommitVerdict c : report.verdict().commits()) {
      for (Violation v : c.violations()) {
        Finding f = new Finding(c, v, location(c, v), firstLine(c, v));
        if (scope == SarifScope.HISTORY || report.pathsAtTip() == null || report.pathsAtTip().contains(f.path())) {
          findings.add(f);
        }
      }
    }
    Map<String, Violation> rules = new LinkedHashMap<>();
    for (Finding f : findings) {
      rules.putIfAbsent(f.violation().rule(), f.violation());
    }
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    rules.keySet().forEach(r -> ruleIndex.put(r, ruleIndex.size()));
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "aigate");
      g.writeStringField("informationUri", BuildInfo.home());
      g.writeStringField("semanticVersion", BuildInfo.version());
      g.writeArrayFieldStart("rules");
      for (Violation r : rules.values()) {
        rule(r, g);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      for (Finding f : findings) {
        result(f, ruleIndex.get(f.violation().rule()), g);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("invocations");
      g.writeStartObject();
      g.writeBooleanField("executionSuccessful", true);
      g.writeArrayFieldStart("toolExecutionNotifications");
      List<String> notes = new ArrayList<>(report.notes());
      long outOfScope = report.verdict().violationCount() - findings.size();
      if (outOfScope > 0) {
        notes.add(outOfScope + " finding(s) on paths that no longer exist at the tip are left out (--sarif-scope head);"
            + " --sarif-scope history or the JSON report lists them");
      }
      for (String note : notes) {
        g.writeStartObject();
        g.writeObjectFieldStart("message");
        g.writeStringField("text", sentence(note));
        g.writeEndObject();
        g.writeStringField("level", "note");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void rule(Violation v, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", v.rule());
    g.writeStringField("name", name(v));
    g.writeObjectFieldStart("shortDescription");
    g.writeStringField("text", shortDescription(v));
    g.writeEndObject();
    g.writeObjectFieldStart("fullDescription");
    g.writeStringField("text", fullDescription(v));
    g.writeEndObject();
    g.writeObjectFieldStart("help");
    g.writeStringField("text", fullDescription(v) + " Fix: " + sentence(v.fix()));
    g.writeStringField("markdown", MarkdownReporter.escape(fullDescription(v)) + "\n\n**Fix:** "
        + MarkdownReporter.escape(sentence(v.fix())) + "\n\n`aigate explain <commit>` shows a commit's evidence and reviews.");
    g.writeEndObject();
    g.writeStringField("helpUri", helpUri(v));
    g.writeObjectFieldStart("defaultConfiguration");
    g.writeStringField("level", v.action().blocks() ? "error" : "warning");
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("action", v.action().yamlName());
    g.writeArrayFieldStart("tags");
    g.writeString("ai-provenance");
    g.writeString(v.action().yamlName());
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  /** A human name, PascalCase as SARIF advises: the action, then the rule. */
  static String name(Violation v) {
    StringBuilder out = new StringBuilder();
    for (String word : (v.action().yamlName() + "-" + v.rule()).split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }

  private static String shortDescription(Violation v) {
    if (v.rule().equals(Evaluator.DISCLOSURE_RULE)) {
      return "AI-attributed commit without a disclosure trailer.";
    }
    if (v.rule().equals(Evaluator.POLICY_FILE_RULE)) {
      return "Unreviewed change to the policy file.";
    }
    return switch (v.action()) {
      case DENY -> "AI-attributed change to a path rule '" + v.rule() + "' denies.";
      case REQUIRE_REVIEW -> "AI-attributed change to a path rule '" + v.rule() + "' protects, without review.";
      case WARN -> "AI-attributed change to a path rule '" + v.rule() + "' watches.";
      case ALLOW, REQUIRE_DISCLOSURE -> "AI-attributed change under rule '" + v.rule() + "'.";
    };
  }

  private static String fullDescription(Violation v) {
    if (v.rule().equals(Evaluator.DISCLOSURE_RULE)) {
      return "The policy (ai.disclosure) asks every AI-attributed commit to name its tool in a trailer; this commit"
          + " shows AI evidence but no such trailer. SARIF locates the finding at the first file the commit touches.";
    }
    if (v.rule().equals(Evaluator.POLICY_FILE_RULE)) {
      return "The policy file " + Policy.FILE_NAME + " guards itself: an AI-attributed change to it, and on a protected"
          + " ref any change to it, needs a valid human review whatever the rules say.";
    }
    return switch (v.action()) {
      case DENY -> "Rule '" + v.rule() + "' of the aigate policy denies AI-attributed changes to its paths;"
          + " a review does not lift a deny rule.";
      case REQUIRE_REVIEW -> "Rule '" + v.rule() + "' of the aigate policy lets AI-attributed changes to its paths"
          + " through only with enough valid human reviews (review.required, review.reviewers).";
      case WARN -> "Rule '" + v.rule() + "' of the aigate policy reports AI-attributed changes to its paths;"
          + " it does not block.";
      case ALLOW, REQUIRE_DISCLOSURE -> "Rule '" + v.rule() + "' of the aigate policy.";
    };
  }

  private static String helpUri(Violation v) {
    if (v.rule().equals(Evaluator.DISCLOSURE_RULE)) {
      return BuildInfo.docs("policy.md#ai");
    }
    return BuildInfo.docs(v.action() == Action.REQUIRE_REVIEW ? "policy.md#review" : "policy.md#rules");
  }

  private static void result(Finding f, int index, JsonGenerator g) throws IOException {
    CommitVerdict c = f.commit();
    Violation v = f.violation();
    g.writeStartObject();
    g.writeStringField("ruleId", v.rule());
    g.writeNumberField("ruleIndex", index);
    g.writeStringField("level", v.blocking() ? "error" : "warning");
    g.writeObjectFieldStart("message");
    String id = c.change().id();
    g.writeStringField("text", sentence(Sanitize.line(v.message()) + " in commit " + id.substring(0, Math.min(12, id.length()))
        + " (" + Sanitize.line(c.change().subject()) + ")") + (v.blocking() ? " Fix: " + sentence(v.fix()) : ""));
    g.writeEndObject();
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", uri(f.path()));
    g.writeStringField("uriBaseId", "%SRCROOT%");
    g.writeEndObject();
    if (f.line() > 0) {
      g.writeObjectFieldStart("region");
      g.writeNumberField("startLine", f.line());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField("aigate/v1", Fingerprint.of(c, v));
    g.writeStringField("aigate/v2", Fingerprint.stable(c, v));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("commit", id);
    if (c.ref() != null) {
      g.writeStringField("ref", c.ref());
    }
    g.writeStringField("rule", v.rule());
    g.writeStringField("action", v.action().yamlName());
    Evidence first = c.ai().isEmpty() ? null : c.ai().get(0);
    g.writeStringField("tool", first == null ? "unknown" : first.tool().id());
    g.writeStringField("vendor", first == null ? "unknown" : first.tool().vendor());
    g.writeStringField("author", c.change().author().toString());
    g.writeStringField("subject", c.change().subject());
    if (v.path().isEmpty()) {
      g.writeStringField("scope", "commit");
    }
    g.writeArrayFieldStart("evidence");
    for (Evidence e : c.ai()) {
      g.writeString(e.toString());
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The file a finding is shown at; see the class comment for commit-level findings. */
  static String location(CommitVerdict c, Violation v) {
    if (!v.path().isEmpty()) {
      return v.path();
    }
    for (FileChange f : c.change().files()) {
      for (String p : f.paths()) {
        return p;
      }
    }
    return Policy.FILE_NAME;
  }

  /** The first added line that shows AI content in the finding's file, or 0. */
  static int firstLine(CommitVerdict c, Violation v) {
    int line = 0;
    for (Evidence e : c.ai()) {
      if (e.line() > 0 && v.path().equals(e.path()) && (line == 0 || e.line() < line)) {
        line = e.line();
      }
    }
    return line;
  }

  /** SARIF's messages are sentences (SARIF2001). */
  private static String sentence(String text) {
    String t = text.strip();
    return t.endsWith(".") ? t : t + ".";
  }

  /** A relative URI reference for a repository path: each segment percent-encoded (RFC 3986). */
  static String uri(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
