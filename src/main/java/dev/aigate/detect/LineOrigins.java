package dev.aigate.detect;

import java.util.List;

/**
 * A run of a commit's lines that AI commits introduced first (provenance across commits, ADR
 * 0010): what {@code aigate explain} shows line by line.
 *
 * @param path the file in the explained commit
 * @param firstLine the 1-based number of the run's first line there
 * @param lines the run's text as the commit has it (empty when the file cannot be read)
 * @param origins the AI commits the run's lines were first seen in, with their tool and path
 */
public record LineOrigins(String path, int firstLine, List<String> lines, List<AiLineIndex.Origin> origins) {
  public LineOrigins {
    if (firstLine < 1) {
      throw new IllegalArgumentException("line numbers start at 1: " + firstLine);
    }
    lines = List.copyOf(lines);
    origins = List.copyOf(origins);
  }

  /** The run {@code m} names, its text cut out of {@code file} (the commit's version of the path). */
  public static LineOrigins of(AiLineIndex.Match m, String file) {
    List<String> all = file.lines().toList();
    int from = Math.min(m.firstLine() - 1, all.size());
    int to = Math.min(m.lastLine(), all.size());
    return new LineOrigins(m.path(), m.firstLine(), from < to ? all.subList(from, to) : List.of(),
        List.copyOf(m.origins()));
  }
}
