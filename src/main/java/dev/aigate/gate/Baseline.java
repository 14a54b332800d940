package dev.aigate.gate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Fingerprint;
import dev.aigate.detect.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Known findings from an earlier JSON report, so an old repository can adopt aigate and fail
 * only on new violations. Findings match by fingerprint (commit, path, rule).
 */
public final class Baseline {
  private final Set<String> fingerprints;

  private Baseline(Set<String> fingerprints) {
    this.fingerprints = fingerprints;
  }

  /** Reads the fingerprints of every violation in a JSON report aigate wrote. */
  public static Baseline load(Path report) throws IOException {
    Set<String> out = new HashSet<>();
    try (JsonParser p = new JsonFactory().createParser(report.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(report + " is not an aigate JSON report");
      }
      readReport(p, out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(report + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new Baseline(out);
  }

  private static void readReport(JsonParser p, Set<String> out) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("commits") && p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          readCommit(p, out);
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private static void readCommit(JsonParser p, Set<String> out) throws IOException {
    String id = null;
    List<String[]> violations = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("id")) {
        id = p.getText();
      } else if (field.equals("violations") && p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          String path = null;
          String rule = null;
          String fingerprint = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
              case "path" -> path = p.getText();
              case "rule" -> rule = p.getText();
              case "fingerprint" -> fingerprint = p.getText();
              default -> p.skipChildren();
            }
          }
          violations.add(new String[] {path, rule, fingerprint});
        }
      } else {
        p.skipChildren();
      }
    }
    for (String[] v : violations) {
      if (v[2] != null) {
        out.add(v[2]);
      } else if (id != null && v[0] != null && v[1] != null) {
        out.add(Fingerprint.of(id, v[0], v[1]));
      }
    }
  }

  public int size() {
    return fingerprints.size();
  }

  /** The verdicts without known findings, and how many were suppressed. */
  public Applied apply(List<CommitVerdict> verdicts) {
    List<CommitVerdict> out = new ArrayList<>(verdicts.size());
    int suppressed = 0;
    for (CommitVerdict c : verdicts) {
      List<Violation> kept = new ArrayList<>();
      for (Violation v : c.violations()) {
        if (fingerprints.contains(Fingerprint.of(c, v))) {
          suppressed++;
        } else {
          kept.add(v);
        }
      }
      out.add(kept.size() == c.violations().size() ? c
          : new CommitVerdict(c.change(), c.ai(), c.reviews(), kept, c.ref()));
    }
    return new Applied(out, suppressed);
  }

  /** Verdicts after a baseline. */
  public record Applied(List<CommitVerdict> verdicts, int suppressed) {}
}
