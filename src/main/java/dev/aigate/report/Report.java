package dev.aigate.report;

import dev.aigate.detect.LineOrigins;
import dev.aigate.detect.Statistics;
import dev.aigate.detect.Suppression;
import dev.aigate.detect.Verdict;
import java.util.List;
import java.util.Set;

/**
 * Everything a report shows.
 *
 * @param verdict the judged changes
 * @param stats AI share by tool, path and month (audits), or null
 * @param notes what the reader must know about how the judging went (shallow boundaries,
 *     unreadable commits, the range)
 * @param suppressed findings a baseline or {@code .aigateignore} took out of the verdict
 * @param scope what was judged, in words ({@code main..feature}, {@code staged change})
 * @param pathsAtTip of the paths findings name, those that exist at the audited tip (what
 *     {@code --sarif-scope head} keeps); null when no tip was audited
 * @param lineOrigins for {@code explain}, the runs of lines provenance traced to AI commits
 */
public record Report(Verdict verdict, Statistics stats, List<String> notes, List<Suppression> suppressed, String scope,
    Set<String> pathsAtTip, List<LineOrigins> lineOrigins) {
  public Report {
    lineOrigins = List.copyOf(lineOrigins);
    notes = List.copyOf(notes);
    suppressed = List.copyOf(suppressed);
    pathsAtTip = pathsAtTip == null ? null : Set.copyOf(pathsAtTip);
  }

  public static Report of(Verdict verdict) {
    return new Report(verdict, null, List.of(), List.of(), null, null, List.of());
  }

  /** {@code explain}'s report: one commit's verdict and where its lines came from. */
  public static Report explained(Verdict verdict, List<LineOrigins> lineOrigins) {
    return new Report(verdict, null, List.of(), List.of(), null, null, lineOrigins);
  }

  public boolean isAudit() {
    return stats != null;
  }

  /** The same report without its notes (the summary line on stderr). */
  public Report withoutNotes() {
    return new Report(verdict, stats, List.of(), suppressed, scope, pathsAtTip, lineOrigins);
  }
}
