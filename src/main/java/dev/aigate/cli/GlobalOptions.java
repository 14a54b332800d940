package dev.aigate.cli;

import dev.aigate.report.ReportFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Options every command takes, before or after the subcommand name ({@code aigate -C repo check}
 * and {@code aigate check -C repo} mean the same). Mixed into the root and each leaf command;
 * {@link Commands#options} merges them, the later (more specific) one winning.
 */
public final class GlobalOptions {
  @Option(names = "-C", paramLabel = "<dir>", description = "Run as if started in <dir> (like git -C).")
  Path directory;

  @Option(names = "--policy", paramLabel = "<file>",
      description = "Policy file (default: $AIGATE_POLICY, else .aigate.yml at the repository root, else the embedded default).")
  Path policy;

  @Option(names = "--format", paramLabel = "<format>", description = "Report format: text, json, sarif, junit, markdown or codequality (default: text).",
      completionCandidates = FormatNames.class)
  String format;

  @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set or output is not a terminal).")
  Boolean noColor;

  @Option(names = {"-v", "--verbose"}, description = "List every evaluated commit, not only those with findings.")
  Boolean verbose;

  /** The --format values, for shell completion. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ReportFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }

  void fillFrom(GlobalOptions outer) {
    if (directory == null) {
      directory = outer.directory;
    }
    if (policy == null) {
      policy = outer.policy;
    }
    if (format == null) {
      format = outer.format;
    }
    if (noColor == null) {
      noColor = outer.noColor;
    }
    if (verbose == null) {
      verbose = outer.verbose;
    }
  }
}
