package dev.aigate.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The workspace as the git binary reports it: three short git processes (where the work tree
 * is, the effective config, the staged diff) instead of JGit's start-up. git applies its own
 * environment ({@code GIT_INDEX_FILE}, {@code GIT_DIR}, {@code git -c} settings, includes), so
 * what the hook sees is what the commit gets.
 */
final class GitWorkspace implements Workspace {
  private final GitCli git;
  private final Path root;
  private final Map<String, String> env;
  private final Config config;
  /** The staged diff without content, started with the other two commands (most policies need only it). */
  private final GitCli.Pending prefetched;

  /** The index entries of files a hook is sure to ask for, looked up with the other commands. */
  private final Map<String, GitCli.Pending> prefetchedEntries;

  /** Asked for on every commit (the local policy), so its index entry is looked up up front. */
  private static final String POLICY_FILE = ".aigate.yml";

  private GitWorkspace(GitCli git, Path root, Map<String, String> env, Config config, GitCli.Pending prefetched,
      Map<String, GitCli.Pending> prefetchedEntries) {
    this.git = git;
    this.root = root;
    this.env = env;
    this.config = config;
    this.prefetched = prefetched;
    this.prefetchedEntries = prefetchedEntries;
  }

  /** git could not be started at all (not installed, not on PATH). */
  static final class GitUnavailableException extends Exception {
    GitUnavailableException(Throwable cause) {
      super(cause);
    }
  }

  static GitWorkspace open(Path dir, Map<String, String> env, Runnable whileGitRuns)
      throws RepositoryException, GitUnavailableException {
    GitCli here = new GitCli(dir, env);
    // All three at once: each is a few milliseconds of git, and a process start is most of that.
    GitCli.Pending location = here.start("rev-parse", "--show-toplevel", "--show-object-format");
    GitCli.Pending configList = here.start("config", "-z", "--list");
    GitCli.Pending staged = here.start(GitCli.stagedArgs(false, null));
    GitCli.Pending policyEntry = here.start(GitCli.indexEntryArgs(POLICY_FILE));
    whileGitRuns.run();
    String[] where;
    try {
      where = new String(GitCli.getOrUnavailable(location), StandardCharsets.UTF_8).split("\n");
    } catch (RepositoryException e) {
      if (e.getMessage().contains("not a git repository")) {
        throw RepositoryException.notARepository(dir, e);
      }
      throw e;
    }
    String format = where.length > 1 ? where[1].strip() : "sha1";
    if (!format.equals("sha1") && !format.startsWith("--")) {
      throw new RepositoryException("this repository uses the " + format + " object format; aigate reads "
          + "SHA-1 repositories only and refuses rather than misread it");
    }
    Path root = Path.of(where[0].strip());
    return new GitWorkspace(new GitCli(root, env), root, env, Config.parse(configList.get()), staged,
        Map.of(POLICY_FILE, policyEntry));
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public TrailerSyntax trailerSyntax() {
    return config.trailerSyntax();
  }

  @Override
  public MessageCleanup.Mode cleanupMode() {
    return config.cleanupMode();
  }

  @Override
  public boolean verboseByConfig() {
    return config.verboseByConfig();
  }

  @Override
  public Identity pendingAuthor() {
    return config.pending(env, "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL");
  }

  @Override
  public Identity pendingCommitter() {
    return config.pending(env, "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL");
  }

  @Override
  public boolean hasHead() {
    return git.succeeds("rev-parse", "-q", "--verify", "HEAD^{commit}");
  }

  @Override
  public List<FileChange> staged(boolean withContent) throws RepositoryException {
    return withContent ? git.staged(true, null) : git.staged(prefetched.get(), false, null);
  }

  @Override
  public List<FileChange> stagedForAmend(boolean withContent) throws RepositoryException {
    return git.staged(withContent, git.succeeds("rev-parse", "-q", "--verify", "HEAD^1^{commit}") ? "HEAD^" : GitCli.EMPTY_TREE);
  }

  @Override
  public Optional<String> stagedFile(String path) throws RepositoryException {
    GitCli.Pending entry = prefetchedEntries.get(path);
    byte[] listing = entry == null ? git.run(GitCli.indexEntryArgs(path)) : entry.get();
    return git.indexFile(path, listing);
  }

  @Override
  public void close() {
    // nothing held open
  }

  /** {@code git config -z --list}: "key\nvalue\0" entries; section and name lower-cased by git. */
  record Config(Map<String, String> values, Map<String, Set<String>> subsections) implements ConfigView {
    static Config parse(byte[] list) {
      Map<String, String> values = new LinkedHashMap<>();
      Map<String, Set<String>> subs = new LinkedHashMap<>();
      for (String entry : new String(list, StandardCharsets.UTF_8).split("\0")) {
        if (entry.isEmpty()) {
          continue;
        }
        int nl = entry.indexOf('\n');
        String key = nl < 0 ? entry : entry.substring(0, nl);
        String value = nl < 0 ? "true" : entry.substring(nl + 1);
        values.put(key, value); // the last one wins, as for git config --get
        int first = key.indexOf('.');
        int last = key.lastIndexOf('.');
        if (first > 0 && last > first) {
          subs.computeIfAbsent(key.substring(0, first), k -> new LinkedHashSet<>()).add(key.substring(first + 1, last));
        }
      }
      return new Config(values, subs);
    }

    @Override
    public String get(String section, String subsection, String name) {
      String key = section.toLowerCase(Locale.ROOT) + "." + (subsection == null ? "" : subsection + ".")
          + name.toLowerCase(Locale.ROOT);
      return values.get(key);
    }

    @Override
    public Set<String> subsections(String section) {
      return subsections.getOrDefault(section.toLowerCase(Locale.ROOT), Set.of());
    }
  }

}
