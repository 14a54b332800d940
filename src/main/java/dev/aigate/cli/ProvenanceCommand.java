package dev.aigate.cli;

import dev.aigate.gate.Manifest;
import dev.aigate.gate.ManifestSelection;
import dev.aigate.gate.ProvenanceManifest;
import dev.aigate.git.GitRepo;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Policy;
import dev.aigate.report.ManifestFormat;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aigate provenance}: which lines of a tree came from which vendor's AI (docs/provenance.md). */
@Command(name = "provenance", mixinStandardHelpOptions = true, description = {
    "A manifest of every file at <rev>: its lines attributed to the commit that introduced each (blame, following",
    "renames; lines a human commit moved from AI code to their AI origin) and that commit's AI tools and vendors.",
    "For data pipelines: --vendors openai --list -z | xargs -0 … names the files to leave out of a training set."})
final class ProvenanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin(name = "global") GlobalOptions global;

  @Parameters(arity = "0..*", paramLabel = "[<rev>] [-- <pathspec>…]",
      description = "The revision (default HEAD), then after -- the pathspecs to limit the manifest to.")
  List<String> positional = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write the manifest here instead of standard output.")
  Path output;

  @Option(names = "--ai-only", description = "Only files with AI lines (a binary file: whose last change was AI).")
  boolean aiOnly;

  @Option(names = "--vendors", split = ",", paramLabel = "<vendor>",
      description = "Only files with lines from these vendors (anthropic,openai,…); AI of unknown vendor counts too.")
  List<String> vendors = new ArrayList<>();

  @Option(names = "--unknown-vendor", paramLabel = "count|exempt", defaultValue = "count",
      description = "Whether AI of unknown vendor counts for --vendors (default: count: it may be any of them).")
  ManifestSelection.UnknownVendors unknownVendor;

  @Option(names = "--policy-deny", description = {
      "Select as the policy's deny rules with vendors: or tools: do: files in their paths with lines from them."})
  boolean policyDeny;

  @Option(names = "--max-share", paramLabel = "<0..1>",
      description = "Only files whose share of selected lines (AI lines without --vendors) exceeds this.")
  Double maxShare;

  @Option(names = "--list", description = "Paths only, one per line (quoted as git quotes them), for scripts.")
  boolean list;

  @Option(names = "-z", description = "With --list: NUL-terminated paths, unquoted (xargs -0, git archive --exclude).")
  boolean nul;

  @Option(names = "--since-manifest", paramLabel = "<previous.jsonl>", description = {
      "Take files no commit touched since this earlier JSONL manifest (of an ancestor) from it; blame only the rest.",
      "A manifest that cannot be trusted (other repository or history, other pathspec or attribution, filtered,",
      "cut short, malformed) is refused."})
  Path sinceManifest;

  @Option(names = "--no-moves", description = "Do not follow lines moved from AI code through the AI line index (faster; header says so).")
  boolean noMoves;

  @Option(names = "--threads", paramLabel = "<n>", description = "Blames run at once (default: the number of cores, at most 4).")
  Integer threads;

  @Override
  public Integer call() {
    return Commands.guard(spec, ctx -> {
      GlobalOptions o = Commands.options(spec);
      ManifestFormat format = format(o);
      String revision = "HEAD";
      List<String> pathspec = new ArrayList<>();
      // picocli hands over everything after "--" as positional too; the first token before it is the revision.
      List<String> raw = spec.commandLine().getParseResult().originalArgs();
      int dash = raw.indexOf("--");
      int beforeDash = dash < 0 ? positional.size() : positional.size() - (raw.size() - dash - 1);
      if (beforeDash > 1) {
        throw new Commands.Failure(ExitCodes.USAGE, "one revision at most (pathspecs go after --): " + positional);
      }
      if (beforeDash == 1) {
        revision = positional.get(0);
      }
      pathspec.addAll(positional.subList(Math.max(0, beforeDash), positional.size()));
      for (String p : pathspec) {
        // The JVM decodes its arguments in the locale's charset: without LANG, "café" arrives as
        // "caf\uFFFD\uFFFD", which names nothing, and the manifest would be silently empty.
        if (p.indexOf('\uFFFD') >= 0) {
          throw new Commands.Failure(ExitCodes.USAGE, "the pathspec '" + p + "' is not the bytes that were given: Java"
              + " decoded it as " + System.getProperty("sun.jnu.encoding") + "; run with a UTF-8 locale"
              + " (LANG=C.UTF-8) or give an ASCII pathspec that covers the path");
        }
      }
      if (nul && !list) {
        throw new Commands.Failure(ExitCodes.USAGE, "-z applies to --list");
      }
      if (list && o.format != null) {
        throw new Commands.Failure(ExitCodes.USAGE, "--list writes paths, not --format " + o.format);
      }
      if (!vendors.isEmpty() && policyDeny) {
        throw new Commands.Failure(ExitCodes.USAGE, "--vendors and --policy-deny both choose vendors; give one");
      }
      if (threads != null && threads < 1) {
        throw new Commands.Failure(ExitCodes.USAGE, "--threads " + threads + " blames nothing; give 1 or more");
      }
      int workers = threads != null ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
      try (GitRepo repo = Commands.openRepo(ctx, o)) {
        Policy policy = Commands.policy(ctx, o, repo);
        ManifestSelection selection = selection(policy, unknownVendor);
        Optional<Path> base = Optional.ofNullable(sinceManifest).map(p -> ctx.cwd().resolve(p));
        long start = System.nanoTime();
        ProvenanceManifest.Result r;
        Output target = open(ctx);
        try {
          try (OutputStream out = target.stream()) {
            Manifest.Sink sink = list
                ? ManifestFormat.list(out, nul ? ManifestFormat.Paths.NUL : ManifestFormat.Paths.LINES)
                : format.sink(out);
            r = new ProvenanceManifest(repo, policy).run(new ProvenanceManifest.Request(revision, pathspec,
                selection, workers, base, noMoves ? ProvenanceManifest.Moves.IGNORE : ProvenanceManifest.Moves.FOLLOW),
                sink);
          }
          target.complete();
        } catch (IOException | UncheckedIOException e) {
          throw new Commands.Failure(ExitCodes.INTERNAL, "cannot write the manifest: " + e.getMessage());
        } catch (ProvenanceManifest.UntrustedBase e) {
          throw new Commands.Failure(ExitCodes.USAGE, "cannot build on --since-manifest " + sinceManifest + ": "
              + e.getMessage() + "; run without --since-manifest for a full manifest");
        } finally {
          target.discard();
        }
        if (output == null && ctx.out().checkError()) {
          // PrintStream swallows a closed pipe (| head): the reader got a manifest without its end.
          ctx.err().println("aigate: standard output was closed before the manifest was written to the end");
          return ExitCodes.INTERNAL;
        }
        for (String n : r.notes()) {
          ctx.err().println("aigate: note: " + n);
        }
        Manifest.Summary s = r.summary();
        ctx.err().printf("aigate: provenance: %d file(s), %d line(s), %d AI (%d of unknown vendor); %d of %d commit(s)"
            + " AI; blamed %d file(s), reused %d, in %.1f s%n", s.files(), s.lines(), s.aiLines(), s.unknownAiLines(),
            r.aiCommits(), r.commits(), s.blamed(), s.reused(), (System.nanoTime() - start) / 1e9);
        if (s.unreadableFiles() > 0) {
          ctx.err().println("aigate: " + s.unreadableFiles() + " file(s) could not be blamed; their origin is unknown"
              + " (listed as unreadable) and the manifest is incomplete");
          return ExitCodes.INTERNAL;
        }
        return ExitCodes.PASS;
      } catch (RepositoryException e) {
        throw Commands.failure(e);
      } catch (IllegalArgumentException e) {
        throw new Commands.Failure(ExitCodes.USAGE, e.getMessage());
      }
    });
  }

  private ManifestSelection selection(Policy policy, ManifestSelection.UnknownVendors unknown) {
    List<ManifestSelection.Filter> filters = new ArrayList<>();
    if (!vendors.isEmpty()) {
      filters.add(ManifestSelection.vendors(policy, vendors, unknown));
    }
    if (policyDeny) {
      filters.addAll(ManifestSelection.policyDeny(policy));
    }
    return new ManifestSelection(aiOnly ? ManifestSelection.Candidates.AI_FILES : ManifestSelection.Candidates.EVERY_FILE, filters,
        Optional.ofNullable(maxShare));
  }

  private static ManifestFormat format(GlobalOptions o) throws Commands.Failure {
    if (o.format == null) {
      return ManifestFormat.JSONL;
    }
    try {
      return ManifestFormat.parse(o.format);
    } catch (IllegalArgumentException e) {
      throw new Commands.Failure(ExitCodes.USAGE, e.getMessage());
    }
  }

  /**
   * Where the manifest goes. A file is written beside its target and moved over it only once
   * written to the end: a run that fails leaves the target as it was, and the daily
   * {@code --since-manifest m.jsonl -o m.jsonl} reads its base before replacing it.
   */
  private record Output(OutputStream stream, Optional<Path> partial, Optional<Path> target) {
    void complete() throws IOException {
      if (partial.isPresent()) {
        Files.move(partial.get(), target.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }

    void discard() {
      try {
        if (partial.isPresent()) {
          Files.deleteIfExists(partial.get());
        }
      } catch (IOException e) {
        // Left behind under a name that says it is partial; nothing claims it is a manifest.
      }
    }
  }

  private Output open(Context ctx) throws Commands.Failure {
    if (output == null) {
      return new Output(new BufferedOutputStream(new NonClosing(ctx.out()), 1 << 16), Optional.empty(),
          Optional.empty());
    }
    Path target = ctx.cwd().resolve(output).toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new Commands.Failure(ExitCodes.USAGE, "cannot write the manifest to " + output + ": " + dir
          + " is not a directory");
    }
    try {
      Path partial = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
      return new Output(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16), Optional.of(partial),
          Optional.of(target));
    } catch (IOException e) {
      throw new Commands.Failure(ExitCodes.USAGE, "cannot write the manifest to " + output + ": " + e);
    }
  }

  /** Standard output stays open for the run's own messages. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
