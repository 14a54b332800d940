package dev.aigate.report;

import dev.aigate.detect.Statistics;
import dev.aigate.detect.Verdict;
import java.util.List;

/**
 * Everything a report shows.
 *
 * @param verdict the judged changes
 * @param stats AI share by tool, path and month (audits), or null
 * @param notes what the reader must know about how the judging went (shallow boundaries,
 *     unreadable commits, the range)
 * @param suppressed violations a baseline suppressed
 * @param scope what was judged, in words ({@code main..feature}, {@code staged change})
 */
public record Report(Verdict verdict, Statistics stats, List<String> notes, int suppressed, String scope) {
  public Report {
    notes = List.copyOf(notes);
  }

  public static Report of(Verdict verdict) {
    return new Report(verdict, null, List.of(), 0, null);
  }

  public boolean isAudit() {
    return stats != null;
  }
}
