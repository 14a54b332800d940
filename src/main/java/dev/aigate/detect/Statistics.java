package dev.aigate.detect;

import dev.aigate.policy.ToolSignature;

import dev.aigate.git.FileChange;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How much AI-attributed work landed where: what a team reads to see its AI share.
 *
 * @param commits commits judged
 * @param aiCommits of those, with AI evidence
 * @param pathsJudged touched paths of AI-attributed commits that were held against the rules
 * @param byTool AI-attributed commits per tool id (a commit with two tools counts for both)
 * @param byTopLevel AI-attributed commits per top-level directory they touch ({@code (root)} for files at the top)
 * @param byMonth AI-attributed commits per author month ({@code YYYY-MM}, UTC)
 */
public record Statistics(int commits, int aiCommits, int pathsJudged, Map<String, Integer> byTool,
    Map<String, Integer> byTopLevel, Map<String, Integer> byMonth) {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

  public static Statistics of(Iterable<CommitVerdict> verdicts) {
    int commits = 0;
    int ai = 0;
    int paths = 0;
    Map<String, Integer> byTool = new TreeMap<>();
    Map<String, Integer> byTop = new TreeMap<>();
    Map<String, Integer> byMonth = new TreeMap<>();
    for (CommitVerdict v : verdicts) {
      commits++;
      if (!v.isAi()) {
        continue;
      }
      ai++;
      Set<String> tools = new LinkedHashSet<>();
      boolean named = v.ai().stream().anyMatch(e -> !e.tool().id().equals(ToolSignature.UNKNOWN));
      for (Evidence e : v.ai()) {
        // The model behind a named tool (an unknown tool of a known vendor) is not another tool.
        boolean modelOfNamedTool = named && e.tool().id().equals(ToolSignature.UNKNOWN)
            && !e.tool().vendor().equals(ToolSignature.UNKNOWN);
        if (!modelOfNamedTool) {
          tools.add(e.tool().id());
        }
      }
      tools.forEach(t -> byTool.merge(t, 1, Integer::sum));
      Set<String> tops = new LinkedHashSet<>();
      for (FileChange f : v.change().files()) {
        for (String p : f.paths()) {
          paths++;
          int slash = p.indexOf('/');
          tops.add(slash < 0 ? "(root)" : p.substring(0, slash));
        }
      }
      tops.forEach(t -> byTop.merge(t, 1, Integer::sum));
      if (v.change().authorTime() > 0) {
        byMonth.merge(MONTH.format(Instant.ofEpochSecond(v.change().authorTime())), 1, Integer::sum);
      }
    }
    return new Statistics(commits, ai, paths, byTool, byTop, byMonth);
  }

  /** AI-attributed commits as a percentage of all judged, one decimal ({@code 75.0%}). */
  public String aiShare() {
    return String.format(Locale.ROOT, "%.1f%%", aiSharePercent());
  }

  /** AI-attributed commits as a percentage of all judged, rounded to one decimal; 0 for no commits. */
  public double aiSharePercent() {
    return commits == 0 ? 0.0 : Math.round(1000.0 * aiCommits / commits) / 10.0;
  }
}
