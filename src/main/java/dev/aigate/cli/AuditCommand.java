package dev.aigate.cli;

import dev.aigate.gate.Audit;
import dev.aigate.gate.AuditRange;
import dev.aigate.gate.Baseline;
import dev.aigate.gate.IgnoreFile;
import dev.aigate.gate.PolicySource;
import dev.aigate.git.GitDates;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.Policy;
import dev.aigate.report.Report;
import dev.aigate.report.ReportFormat;
import dev.aigate.report.ReportOptions;
import dev.aigate.report.SarifScope;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code aigate audit}: history and CI range checks. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = {
    "Judge commits of history exactly as the server gate judges pushes, and report.",
    "Ranges as in git: main..HEAD, A...B, ^A B, a single revision (all its history), --all."})
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin(name = "global") GlobalOptions global;

  @Parameters(arity = "0..*", paramLabel = "<revision-range>", description = "What to audit (default: HEAD's history).")
  List<String> revisions = new ArrayList<>();

  @Option(names = "--all", description = {"Audit the history of every ref, as git's --all, without hosting internals",
      "(refs/changes/*, refs/pull/*, refs/merge-requests/*, refs/keep-around/*)."})
  boolean all;

  @Option(names = "--include-hosting-refs",
      description = "With --all, start from hosting internals too (a Gerrit mirror's every patch set).")
  boolean hostingRefs;

  @Option(names = "--branches", arity = "0..1", fallbackValue = "*", paramLabel = "<glob>",
      description = "Audit the branches (refs/heads/) matching the glob, or all; as git rev-list --branches[=<glob>].")
  List<String> branches = new ArrayList<>();

  @Option(names = "--tags", arity = "0..1", fallbackValue = "*", paramLabel = "<glob>",
      description = "Audit the tags (refs/tags/) matching the glob, or all; as git rev-list --tags[=<glob>].")
  List<String> tags = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "<glob>",
      description = "Leave out refs matching the glob from --all, --branches and --tags (all of them, unlike git).")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--since", paramLabel = "<date>", description = {
      "Only commits committed on or after this date, in any form git reads (2026-01-31, \"2 weeks ago\", yesterday);",
      "YYYY-MM-DD is midnight UTC. The committer writes that date: CI checks audit a range, not a date."})
  String since;

  @Option(names = "--until", paramLabel = "<date>", description = "Only commits committed on or before this date (the forms of --since).")
  String until;

  @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write the report here; the summary still goes to stderr.")
  Path output;

  @Option(names = "--report", paramLabel = "<format>=<file>", converter = ReportTargetConverter.class, description = {
      "Also write a report in this format to this file; repeat it for several (one audit, every format)."})
  List<ReportTarget> reports = new ArrayList<>();

  @Option(names = "--baseline", paramLabel = "<report.json>", description = "Suppress the findings of an earlier JSON report.")
  Path baseline;

  @Option(names = "--fail-on-empty", description = "An empty range is an error (exit 2): a CI job auditing nothing is misconfigured.")
  boolean failOnEmpty;

  @Option(names = "--threads", paramLabel = "<n>", description = "Threads that judge commits (default: the number of cores, at most 4).")
  Integer threads;

  @Option(names = "--exit-zero", description = "Exit 0 when the audit finds violations (report-only jobs); errors still fail.")
  boolean exitZero;

  @Option(names = "--policy-rev", paramLabel = "<rev>", description = {
      "Judge under .aigate.yml as committed at this revision (a pull request's base), not the work tree's.",
      "CI must use it: a pull request must not be judged by the policy it brings itself."})
  String policyRev;

  @Option(names = "--sarif-scope", paramLabel = "<scope>", defaultValue = "history", completionCandidates = ScopeNames.class,
      description = {
      "Which findings SARIF carries: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      "head keeps findings on paths that exist at the audited tip, for code scanning of long histories."})
  SarifScope sarifScope;

  @Override
  public Integer call() {
    return Commands.guard(spec, ctx -> {
      GlobalOptions o = Commands.options(spec);
      Instant from = parseDate("--since", since, ctx, o);
      Instant to = parseDate("--until", until, ctx, o);
      if (hostingRefs && !all) {
        throw new Commands.Failure(ExitCodes.USAGE, "--include-hosting-refs applies to --all; give it too");
      }
      if (!excludes.isEmpty() && !all && branches.isEmpty() && tags.isEmpty()) {
        throw new Commands.Failure(ExitCodes.USAGE, "--exclude applies to --all, --branches or --tags; give one of them");
      }
      if (threads != null && threads < 1) {
        throw new Commands.Failure(ExitCodes.USAGE, "--threads " + threads + " judges nothing; give 1 or more");
      }
      int workers = threads != null ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
      try (GitRepo repo = Commands.openRepo(ctx, o)) {
        Policy policy = policy(ctx, o, repo);
        Baseline known = loadBaseline(ctx, repo);
        ProgressLine progress = new ProgressLine(ctx.err(), System.console() != null && !ctx.env().containsKey("CI"));
        IgnoreFile ignore = ignoreFile(repo);
        Audit.Result r = Audit.run(repo, policy, new Audit.Request(revisions,
            new AuditRange.Refs(all, branches, tags, excludes,
                hostingRefs ? AuditRange.HostingRefs.INCLUDED : AuditRange.HostingRefs.EXCLUDED), from, to, workers, known, ignore), progress);
        progress.finish();
        if (r.stats().commits() == 0 && failOnEmpty && r.unreadable().isEmpty()) {
          throw new Commands.Failure(ExitCodes.USAGE, "the range " + r.scope() + " has no commits (--fail-on-empty)");
        }
        Report report = new Report(r.verdict(), r.stats(), r.notes(), r.suppressed(), r.scope(), r.pathsAtTip(), List.of());
        write(ctx, o, report);
        if (!r.unreadable().isEmpty()) {
          ctx.err().println("aigate: " + r.unreadable().size() + " commit(s) could not be read; the audit is incomplete");
          return ExitCodes.INTERNAL;
        }
        // Only the verdict is waived: an unreadable commit or a usage error still fails the job.
        return exitZero ? ExitCodes.PASS : Commands.exitCode(r.verdict().passed());
      } catch (RepositoryException e) {
        throw Commands.failure(e);
      }
    });
  }

  private void write(Context ctx, GlobalOptions o, Report report) throws Commands.Failure {
    ReportFormat main = Commands.format(o);
    List<ReportTarget> files = new ArrayList<>(reports);
    if (output != null) {
      files.add(0, new ReportTarget(main, output));
    } else {
      ReportOptions terminal = Commands.reportOptions(ctx, o, false, true);
      main.reporter(withScope(terminal)).write(report, ctx.out());
    }
    if (files.isEmpty()) {
      return;
    }
    ReportOptions plain = withScope(Commands.reportOptions(ctx, o, false, false));
    for (ReportTarget t : files) {
      Path target = ctx.cwd().resolve(t.file());
      try (OutputStream file = Files.newOutputStream(target);
          PrintStream out = new PrintStream(file, false, StandardCharsets.UTF_8)) {
        t.format().reporter(plain).write(report, out);
      } catch (IOException e) {
        throw new Commands.Failure(ExitCodes.INTERNAL, "cannot write " + t.file() + ": " + e.getMessage());
      }
    }
    if (output != null) {
      // Never a silent pass: the summary reaches the log even when the report goes to a file.
      ReportFormat.TEXT.reporter(new ReportOptions(false, false, false))
          .write(report.withoutNotes(), new PrintStream(new SummaryOnly(ctx.err()), true, StandardCharsets.UTF_8));
    }
    for (ReportTarget t : files) {
      ctx.err().println("aigate: " + t.format().name().toLowerCase(Locale.ROOT) + " report written to " + t.file());
    }
  }

  private ReportOptions withScope(ReportOptions o) {
    return new ReportOptions(o.color(), o.verbose(), o.showTrailers(), sarifScope);
  }

  /** The --sarif-scope values as users type them, for completion and help. */
  static final class ScopeNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(SarifScope.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }

  /** One {@code --report <format>=<file>}. */
  record ReportTarget(ReportFormat format, Path file) {}

  /** Reads {@code --report sarif=aigate.sarif}. */
  static final class ReportTargetConverter implements CommandLine.ITypeConverter<ReportTarget> {
    @Override
    public ReportTarget convert(String value) {
      int eq = value.indexOf('=');
      if (eq <= 0 || eq == value.length() - 1) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not <format>=<file> (for example sarif=aigate.sarif)");
      }
      String name = value.substring(0, eq);
      for (ReportFormat f : ReportFormat.values()) {
        if (f.name().equalsIgnoreCase(name)) {
          return new ReportTarget(f, Path.of(value.substring(eq + 1)));
        }
      }
      throw new CommandLine.TypeConversionException("unknown report format '" + name + "' (expected "
          + ReportFormat.names() + ")");
    }
  }

  private Policy policy(Context ctx, GlobalOptions o, GitRepo repo) throws Commands.Failure, RepositoryException {
    if (policyRev == null) {
      return Commands.policy(ctx, o, repo);
    }
    if (o.policy != null) {
      throw new Commands.Failure(ExitCodes.USAGE, "--policy and --policy-rev name two policies; give one");
    }
    try {
      return PolicySource.resolveAtRevision(repo.history(), policyRev);
    } catch (InvalidPolicyException e) {
      throw new Commands.Failure(ExitCodes.USAGE, "invalid policy at " + policyRev + ":\n" + e.render().stripTrailing());
    }
  }

  /**
   * {@code .aigateignore} from where the policy comes from: the base's with {@code --policy-rev}
   * (a pull request must not ignore its own findings), else the work tree's.
   */
  private IgnoreFile ignoreFile(GitRepo repo) throws Commands.Failure, RepositoryException {
    String text;
    String origin;
    String at = null;
    if (policyRev != null) {
      try (var history = repo.history()) {
        at = history.resolve(policyRev);
        text = history.fileAt(at, IgnoreFile.FILE_NAME).orElse(null);
      }
      origin = IgnoreFile.FILE_NAME + " at " + policyRev;
    } else if (repo.isBare()) {
      return IgnoreFile.empty();
    } else {
      Path file = repo.root().resolve(IgnoreFile.FILE_NAME);
      try {
        text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      } catch (IOException e) {
        throw new Commands.Failure(ExitCodes.USAGE, "cannot read " + IgnoreFile.FILE_NAME + ": " + e.getMessage());
      }
      origin = IgnoreFile.FILE_NAME;
    }
    if (text == null) {
      return IgnoreFile.empty();
    }
    try {
      IgnoreFile file = IgnoreFile.parse(text, origin);
      return at == null ? file : file.readAt(at);
    } catch (IllegalArgumentException e) {
      throw new Commands.Failure(ExitCodes.USAGE, "invalid " + IgnoreFile.FILE_NAME + ":\n" + e.getMessage());
    }
  }

  private static Instant parseDate(String option, String value, Context ctx, GlobalOptions o) throws Commands.Failure {
    if (value == null) {
      return null;
    }
    try {
      if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      // Not ISO: git's own forms ("2 weeks ago", "yesterday", RFC 2822).
    }
    try {
      return GitDates.parse(value, Commands.directory(ctx, o), ctx.env()).orElseThrow(() -> new Commands.Failure(
          ExitCodes.USAGE, option + " '" + value + "' is not a date git can read (2026-01-31, \"2 weeks ago\", yesterday)"));
    } catch (RepositoryException e) {
      throw Commands.failure(e);
    }
  }

  /**
   * With {@code --policy-rev}, a baseline inside the repository is read as committed at that
   * revision, like the policy and {@code .aigateignore}: the work tree's copy is the request's,
   * which could list its own findings. One outside the repository (a CI artifact) is read from disk.
   */
  private Baseline loadBaseline(Context ctx, GitRepo repo) throws Commands.Failure, RepositoryException {
    if (baseline == null) {
      return null;
    }
    // Lexically, so that a symlink the request commits cannot move its copy "outside".
    Path file = ctx.cwd().resolve(baseline).toAbsolutePath().normalize();
    try {
      Path root = repo.isBare() ? null : inside(file, repo.root());
      if (policyRev != null && root != null) {
        String path = root.relativize(file).toString().replace(File.separatorChar, '/');
        String text;
        try (var history = repo.history()) {
          text = history.fileAt(history.resolve(policyRev), path).orElse(null);
        }
        if (text == null) {
          throw new Commands.Failure(ExitCodes.USAGE, "cannot use --baseline " + baseline + ": " + path
              + " is not committed at " + policyRev + " (under --policy-rev a baseline in the repository is read as"
              + " that revision has it, so a request cannot add its own findings; pass one from outside the"
              + " repository to use another)");
        }
        return Baseline.parse(text, path + " at " + policyRev);
      }
      return Baseline.load(file);
    } catch (IOException e) {
      throw new Commands.Failure(ExitCodes.USAGE, "cannot use --baseline " + baseline + ": " + e.getMessage());
    }
  }

  /** The spelling of the work tree's root that file lies under, or null when it lies outside. */
  private static Path inside(Path file, Path workTree) throws IOException {
    for (Path root : List.of(workTree.toAbsolutePath().normalize(), workTree.toRealPath())) {
      if (file.startsWith(root) && !file.equals(root)) {
        return root;
      }
    }
    return null;
  }

  /** Lets only the final "aigate: …" summary line of a text report through. */
  private static final class SummaryOnly extends OutputStream {
    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    SummaryOnly(PrintStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.UTF_8);
        if (s.startsWith("aigate: ")) {
          target.println(s);
        }
        line.reset();
      } else {
        line.write(b);
      }
    }
  }

  /** "judged 1200/9000 commits (850/s)" on a terminal; nothing at all otherwise. */
  static final class ProgressLine implements Audit.Progress {
    private final PrintStream err;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private volatile int total;
    private long lastPrint;
    private boolean printed;

    ProgressLine(PrintStream err, boolean enabled) {
      this.err = err;
      this.enabled = enabled;
    }

    @Override
    public void total(int commits) {
      total = commits;
    }

    @Override
    public synchronized void done(int commits) {
      long now = System.nanoTime();
      if (!enabled || now - lastPrint < 250_000_000L && commits < total) {
        return;
      }
      lastPrint = now;
      double seconds = Math.max(1e-3, (now - started) / 1e9);
      err.print("\raigate: judged " + commits + "/" + total + " commits (" + Math.round(commits / seconds) + "/s)   ");
      err.flush();
      printed = true;
    }

    synchronized void finish() {
      if (printed) {
        err.println();
      }
    }
  }
}
