package dev.aigate.cli;

import dev.aigate.BuildInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;

/**
 * {@code aigate generate-manpage}: aigate(1) in troff, written from the same command model
 * that parses the arguments, so the manual cannot drift from the program. The build runs it.
 */
@Command(name = "generate-manpage", hidden = true, description = "Print the aigate(1) manual page (troff).")
final class ManPageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandSpec root = spec.root();
    StringBuilder m = new StringBuilder();
    // Reproducible: no build date; the version names the page, SOURCE_DATE_EPOCH dates it if set.
    m.append(".TH AIGATE 1 \"").append(sourceDate(Commands.context(spec).env().get("SOURCE_DATE_EPOCH")))
        .append("\" \"aigate ").append(esc(BuildInfo.version())).append("\" \"User Commands\"\n");
    m.append(".SH NAME\naigate \\- ").append(esc(root.usageMessage().description()[0])).append('\n');
    m.append(".SH SYNOPSIS\n.B aigate\n[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIarguments\\fR]\n");
    m.append(".SH DESCRIPTION\n").append(esc(
        "aigate finds AI provenance in commits (trailers, identities, message markers, content markers, the "
            + "committing agent's environment) and applies a YAML policy: protected paths, actions, and who counts as "
            + "a human reviewer. It runs as local commit hooks, as a server-side pre-receive gate, and as an audit "
            + "of history.")).append('\n');
    m.append(".SH GLOBAL OPTIONS\n");
    for (OptionSpec o : root.options()) {
      option(m, o);
    }
    m.append(".SH COMMANDS\n");
    root.subcommands().values().forEach(sub -> command(m, sub.getCommandSpec(), "aigate"));
    m.append(".SH EXIT STATUS\n");
    m.append(".TP\n.B 0\npass\n.TP\n.B 1\nblocked by policy\n.TP\n.B 2\nusage error, invalid or missing policy\n");
    m.append(".TP\n.B 3\ninternal error or unreadable repository state; hooks fail closed\n");
    m.append(".SH ENVIRONMENT\n");
    m.append(".TP\n.B AIGATE_POLICY\npolicy file, when no \\-\\-policy is given\n");
    m.append(".TP\n.B AIGATE_JAVA_OPTS\nJVM options of the installed hooks and launcher\n");
    m.append(".TP\n.B AIGATE_SKIP\n1 skips the local commit hooks (never the server gate)\n");
    m.append(".SH FILES\n.TP\n.I .aigate.yml\nthe repository's policy (see docs/policy.md)\n");
    m.append(".TP\n.I .aigateignore\nfindings audit suppresses: <commit> [<path glob>] [# reason] (see docs/ci.md)\n");
    m.append(".SH SEE ALSO\n.BR git (1),\n.BR githooks (5)\n");
    Commands.context(spec).out().print(m);
    return ExitCodes.PASS;
  }

  /** {@code SOURCE_DATE_EPOCH} as YYYY-MM-DD (UTC), or empty: the page carries no build date. */
  static String sourceDate(String epoch) {
    if (epoch == null || !epoch.matches("\\d{1,12}")) {
      return "";
    }
    return LocalDate.ofInstant(Instant.ofEpochSecond(Long.parseLong(epoch)), ZoneOffset.UTC).toString();
  }

  private static void command(StringBuilder m, CommandSpec c, String parent) {
    if (c.usageMessage().hidden()) {
      return;
    }
    String name = parent + " " + c.name();
    if (c.subcommands().isEmpty()) {
      m.append(".SS ").append(esc(name));
      for (PositionalParamSpec p : c.positionalParameters()) {
        m.append(' ').append(esc(p.paramLabel()));
      }
      m.append('\n').append(esc(String.join(" ", c.usageMessage().description()))).append('\n');
      for (OptionSpec o : c.options()) {
        if (!o.hidden() && !isGlobal(o)) {
          option(m, o);
        }
      }
    } else {
      c.subcommands().values().forEach(sub -> command(m, sub.getCommandSpec(), name));
    }
  }

  private static boolean isGlobal(OptionSpec o) {
    String n = o.longestName();
    return n.equals("-C") || n.equals("--policy") || n.equals("--format") || n.equals("--no-color")
        || n.equals("--verbose") || n.equals("--help") || n.equals("--version");
  }

  private static void option(StringBuilder m, OptionSpec o) {
    if (o.hidden()) {
      return;
    }
    m.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
    if (o.arity().max() > 0) {
      m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
    }
    m.append('\n').append(esc(String.join(" ", o.description()).replace("${DEFAULT-VALUE}",
        String.valueOf(o.defaultValue())))).append('\n');
  }

  /** troff escapes: backslashes, leading dots and quotes, hyphens. */
  static String esc(String s) {
    String t = s.replace("\\", "\\e").replace("-", "\\-");
    return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
  }
}
