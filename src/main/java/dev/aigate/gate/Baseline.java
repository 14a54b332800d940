package dev.aigate.gate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Fingerprint;
import dev.aigate.detect.Suppression;
import dev.aigate.detect.Violation;
import dev.aigate.policy.Action;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Known findings from an earlier JSON report, so an old repository can adopt aigate and fail
 * only on new violations. A finding is known by its commit, path and the class of its action
 * (fingerprint v2), so renaming a rule keeps its findings known; an entry with only a v1
 * fingerprint (commit, path, rule) matches by that. Entries that match nothing any more are
 * reported as stale.
 */
public final class Baseline {
  /** One known finding: its commit (null when the report gave only a fingerprint) and fingerprints. */
  record Entry(String commit, String path, String v1, String v2) {}

  private final List<Entry> entries;

  private Baseline(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Reads every violation of a JSON report aigate wrote, suppressed ones included. */
  public static Baseline load(Path report) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(report.toFile())) {
      return read(p, report.toString());
    }
  }

  /** The same, from a report's text (as committed at a revision); origin names it in errors. */
  public static Baseline parse(String report, String origin) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(report)) {
      return read(p, origin);
    }
  }

  private static Baseline read(JsonParser p, String origin) throws IOException {
    List<Entry> out = new ArrayList<>();
    try {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(origin + " is not an aigate JSON report");
      }
      readReport(p, out);
    } catch (JsonProcessingException e) {
      throw new IOException(origin + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new Baseline(out);
  }

  private static void readReport(JsonParser p, List<Entry> out) throws IOException {
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

  private static void readCommit(JsonParser p, List<Entry> out) throws IOException {
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
          String action = null;
          String fingerprint = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
              case "path" -> path = p.getText();
              case "rule" -> rule = p.getText();
              case "action" -> action = p.getText();
              case "fingerprint" -> fingerprint = p.getText();
              default -> p.skipChildren();
            }
          }
          violations.add(new String[] {path, rule, action, fingerprint});
        }
      } else {
        p.skipChildren();
      }
    }
    for (String[] v : violations) {
      String v1 = v[3] != null ? v[3] : id != null && v[0] != null && v[1] != null ? Fingerprint.of(id, v[0], v[1]) : null;
      Action action = action(v[2]);
      String v2 = id != null && v[0] != null && action != null ? Fingerprint.stable(id, v[0], action) : null;
      if (v1 != null || v2 != null) {
        out.add(new Entry(id, v[0], v1, v2));
      }
    }
  }

  private static Action action(String yamlName) {
    for (Action a : Action.values()) {
      if (a.yamlName().equals(yamlName)) {
        return a;
      }
    }
    return null;
  }

  /** The full commit ids the entries name. */
  public Set<String> commits() {
    Set<String> out = new HashSet<>();
    for (Entry e : entries) {
      if (e.commit() != null && e.commit().matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
        out.add(e.commit());
      }
    }
    return out;
  }

  public int size() {
    return entries.size();
  }

  /**
   * The verdicts without known findings, what was suppressed, and the stale entries: those whose
   * commit was judged here (or is gone from the repository) and that matched no finding.
   *
   * @param gone commits of {@link #commits()} that are no longer in the repository
   */
  public Applied apply(List<CommitVerdict> verdicts, Set<String> gone) {
    Set<String> v1 = new HashSet<>();
    Set<String> v2 = new HashSet<>();
    for (Entry e : entries) {
      if (e.v2() != null) {
        v2.add(e.v2());
      } else {
        v1.add(e.v1());
      }
    }
    Set<String> matched = new HashSet<>();
    Set<String> judged = new HashSet<>();
    List<CommitVerdict> out = new ArrayList<>(verdicts.size());
    List<Suppression> suppressed = new ArrayList<>();
    for (CommitVerdict c : verdicts) {
      judged.add(c.change().id());
      List<Violation> kept = new ArrayList<>();
      List<Violation> known = new ArrayList<>();
      for (Violation v : c.violations()) {
        String stable = Fingerprint.stable(c, v);
        String old = Fingerprint.of(c, v);
        if (v2.contains(stable) || v1.contains(old)) {
          matched.add(stable);
          matched.add(old);
          known.add(v);
        } else {
          kept.add(v);
        }
      }
      CommitVerdict after = known.isEmpty() ? c : new CommitVerdict(c.change(), c.ai(), c.reviews(), kept, c.ref());
      out.add(after);
      known.forEach(v -> suppressed.add(new Suppression(after, v, Suppression.Source.BASELINE, "")));
    }
    List<String> stale = new ArrayList<>();
    for (Entry e : entries) {
      boolean used = matched.contains(e.v2() != null ? e.v2() : e.v1());
      if (!used && e.commit() != null && (judged.contains(e.commit()) || gone.contains(e.commit()))) {
        stale.add(e.commit().substring(0, Math.min(12, e.commit().length())) + " " + e.path());
      }
    }
    return new Applied(out, suppressed, stale);
  }

  /** Verdicts after a baseline. */
  public record Applied(List<CommitVerdict> verdicts, List<Suppression> suppressed, List<String> stale) {
    public Applied {
      verdicts = List.copyOf(verdicts);
      suppressed = List.copyOf(suppressed);
      stale = List.copyOf(stale);
    }
  }
}
