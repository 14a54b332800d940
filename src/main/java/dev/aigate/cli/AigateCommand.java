package dev.aigate.cli;

import dev.aigate.BuildInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

/** {@code aigate}: the root command; it only dispatches. */
@Command(
    name = "aigate",
    mixinStandardHelpOptions = true,
    versionProvider = AigateCommand.Version.class,
    description = "Keeps AI-generated code out of protected paths of a git repository until a human has reviewed it.",
    footer = {"", "Exit codes: 0 pass, 1 blocked by policy, 2 usage error or invalid policy, 3 internal error."})
public final class AigateCommand implements Runnable {
  /** The subcommands, by name, in help order. */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("hook", HookCommand.class);
    m.put("check", CheckCommand.class);
    m.put("explain", ExplainCommand.class);
    m.put("audit", AuditCommand.class);
    m.put("install", InstallCommand.class);
    m.put("policy", PolicyCommand.class);
    m.put("index", IndexCommand.class);
    m.put("provenance", ProvenanceCommand.class);
    m.put("review", ReviewCommand.class);
    m.put("init", InitCommand.class);
    m.put("generate-manpage", ManPageCommand.class);
    m.put("train", TrainCommand.class);
    m.put("generate-completion", AutoComplete.GenerateCompletion.class);
    return m;
  }

  private final Context context;

  @Mixin(name = "global")
  GlobalOptions global;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  AigateCommand(Context context) {
    this.context = context;
  }

  Context context() {
    return context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** The version and the commit it was built from. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"aigate " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")",
          "Java " + System.getProperty("java.version")};
    }
  }
}
