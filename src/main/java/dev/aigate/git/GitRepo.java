package dev.aigate.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * A repository opened the way git opens it for a hook, turned into plain records.
 *
 * <p>The repository is always opened with {@code readEnvironment()}: {@code GIT_INDEX_FILE} is
 * how {@code git commit -a} and {@code git commit <paths>} show the hook the index being
 * committed, and {@code GIT_OBJECT_DIRECTORY} is where a push's objects wait in quarantine.
 * Nothing here writes to the repository.
 */
public final class GitRepo implements AutoCloseable {
  /** Extensions git 2.55 knows; any other means a format this tool must not guess at. */
  private static final Set<String> KNOWN_EXTENSIONS =
      Set.of("noop", "noop-v1", "preciousobjects", "partialclone", "worktreeconfig", "objectformat", "refstorage",
          "compatobjectformat", "submodulepathconfig", "relativeworktrees");

  private final Repository repo;
  private final Map<String, String> env;

  private GitRepo(Repository repo, Map<String, String> env) {
    this.repo = repo;
    this.env = env;
  }

  /**
   * Opens the repository containing {@code dir}, honouring git's environment variables.
   *
   * @throws RepositoryException when there is no repository or its format cannot be read
   */
  public static GitRepo open(Path dir, Map<String, String> env) throws RepositoryException {
    JGitWarmUp.await();
    ProcessEnvironment.install(env);
    FileRepositoryBuilder builder = new FileRepositoryBuilder();
    builder.readEnvironment();
    absolutize(builder, dir.toAbsolutePath());
    if (builder.getGitDir() == null) {
      builder.findGitDir(dir.toAbsolutePath().toFile());
    }
    if (builder.getGitDir() == null) {
      throw RepositoryException.notARepository(dir, null);
    }
    // A bare repository's work-tree-less layout must not be mistaken for a missing index.
    quarantineAlternates(builder, env);
    Repository repo;
    try {
      repo = builder.setMustExist(true).build();
    } catch (RepositoryNotFoundException e) {
      throw RepositoryException.notARepository(dir, e);
    } catch (IOException | IllegalArgumentException e) {
      throw new RepositoryException("cannot open the repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
    }
    GitRepo git = new GitRepo(repo, env);
    try {
      git.refuseUnsupportedFormat();
    } catch (RepositoryException e) {
      repo.close();
      throw e;
    }
    return git;
  }

  /**
   * git resolves relative GIT_DIR, GIT_INDEX_FILE and friends against the directory it runs in
   * (after -C); JGit against the JVM's working directory. Hooks run where git runs them, so the
   * two agree there; with -C, or in-process, only this makes them agree.
   */
  private static void absolutize(FileRepositoryBuilder b, Path dir) {
    if (b.getGitDir() != null && !b.getGitDir().isAbsolute()) {
      b.setGitDir(dir.resolve(b.getGitDir().toPath()).normalize().toFile());
    }
    if (b.getIndexFile() != null && !b.getIndexFile().isAbsolute()) {
      b.setIndexFile(dir.resolve(b.getIndexFile().toPath()).normalize().toFile());
    }
    if (b.getObjectDirectory() != null && !b.getObjectDirectory().isAbsolute()) {
      b.setObjectDirectory(dir.resolve(b.getObjectDirectory().toPath()).normalize().toFile());
    }
    if (b.getWorkTree() != null && !b.getWorkTree().isAbsolute()) {
      b.setWorkTree(dir.resolve(b.getWorkTree().toPath()).normalize().toFile());
    }
    File[] alternates = b.getAlternateObjectDirectories();
    if (alternates != null) {
      for (int i = 0; i < alternates.length; i++) {
        if (!alternates[i].isAbsolute()) {
          alternates[i] = dir.resolve(alternates[i].toPath()).normalize().toFile();
        }
      }
    }
  }

  /**
   * Wrappers that filter the environment sometimes pass {@code GIT_QUARANTINE_PATH} without
   * {@code GIT_ALTERNATE_OBJECT_DIRECTORIES}; the repository's own objects are then added so
   * both old and new objects stay visible.
   */
  private static void quarantineAlternates(FileRepositoryBuilder builder, Map<String, String> env) {
    String quarantine = env.get("GIT_QUARANTINE_PATH");
    if (quarantine != null && env.get("GIT_ALTERNATE_OBJECT_DIRECTORIES") == null && builder.getGitDir() != null) {
      builder.addAlternateObjectDirectory(new File(builder.getGitDir(), "objects"));
    }
  }

  private void refuseUnsupportedFormat() throws RepositoryException {
    Config config = repo.getConfig();
    String format = config.getString("extensions", null, "objectformat");
    if (format != null && !format.equalsIgnoreCase("sha1")) {
      throw new RepositoryException("this repository uses the " + format + " object format; aigate (JGit 7.8) reads "
          + "SHA-1 repositories only and refuses rather than misread it");
    }
    int version = config.getInt("core", null, "repositoryformatversion", 0);
    if (version >= 1) {
      for (String name : config.getNames("extensions")) {
        if (!KNOWN_EXTENSIONS.contains(name.toLowerCase(Locale.ROOT))) {
          throw new RepositoryException("this repository needs the git extension '" + name
              + "', which aigate does not know; refusing rather than misreading it");
        }
      }
    }
  }

  /** The top of the work tree, or the git directory of a bare repository. */
  public Path root() {
    return repo.isBare() ? repo.getDirectory().toPath() : repo.getWorkTree().toPath();
  }

  /** The repository's common git directory (where server-side state such as logs belongs). */
  public Path gitDir() {
    return repo.getCommonDirectory().toPath();
  }

  public boolean isBare() {
    return repo.isBare();
  }

  /** The hooks directory git uses: {@code core.hooksPath} (relative to the work tree) or the common dir's hooks. */
  public Path hooksDir() {
    String hooksPath = repo.getConfig().getString(ConfigConstants.CONFIG_CORE_SECTION, null, "hooksPath");
    if (hooksPath != null && !hooksPath.isEmpty()) {
      if (hooksPath.startsWith("~/")) {
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), hooksPath.substring(2));
      }
      Path p = Path.of(hooksPath);
      return p.isAbsolute() ? p : root().resolve(p).normalize();
    }
    return repo.getCommonDirectory().toPath().resolve("hooks");
  }

  /** Whether {@code core.hooksPath} is set (husky, lefthook, pre-commit and others set it). */
  public boolean hasHooksPath() {
    String hooksPath = repo.getConfig().getString(ConfigConstants.CONFIG_CORE_SECTION, null, "hooksPath");
    return hooksPath != null && !hooksPath.isEmpty();
  }

  /** How trailers and comments are read in this repository. */
  public TrailerSyntax trailerSyntax() {
    return configView().trailerSyntax();
  }

  /** JGit's view of the config (it does not see {@code git -c}; the git-binary workspace does). */
  private ConfigView configView() {
    Config c = repo.getConfig();
    return new ConfigView() {
      @Override
      public String get(String section, String subsection, String name) {
        return c.getString(section, subsection, name);
      }

      @Override
      public Set<String> subsections(String section) {
        return c.getSubsections(section);
      }
    };
  }

  /** Whether HEAD points at a commit (false before the first commit). */
  public boolean hasHead() throws RepositoryException {
    try {
      return repo.resolve("HEAD^{commit}") != null;
    } catch (IOException e) {
      throw new RepositoryException("cannot resolve HEAD: " + e.getMessage(), e);
    }
  }

  /** One commit, with its changes against its parent (see {@link DiffReader#commitChanges}). */
  public Change commit(String revision, boolean withContent) throws RepositoryException {
    try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      ObjectId id = repo.resolve(revision + "^{commit}");
      if (id == null) {
        throw RepositoryException.unknownRevision(revision, null);
      }
      RevCommit c = walk.parseCommit(id);
      for (RevCommit p : c.getParents()) {
        walk.parseHeaders(p);
      }
      List<FileChange> files = new DiffReader(repo, reader, withContent).commitChanges(c, null);
      return Commits.toChange(c, files, trailerSyntax());
    } catch (IOException | RevisionSyntaxException e) {
      throw new RepositoryException("cannot read '" + revision + "': " + e.getMessage(), e);
    }
  }

  /**
   * Larger JGit caches for walking history, sized to the heap: with JGit's defaults (10 MB of
   * pack windows, 10 MB of delta bases) a long audit re-inflates the same deltas over and over.
   */
  public void tuneForHistory() {
    long heap = Runtime.getRuntime().maxMemory();
    WindowCacheConfig c = new WindowCacheConfig();
    c.setPackedGitLimit(Math.min(256L << 20, heap / 4));
    c.setPackedGitWindowSize(64 << 10);
    c.setDeltaBaseCacheLimit((int) Math.min(64L << 20, heap / 8));
    c.install();
  }

  /** A session for reading many commits; close it before the repository. */
  /** Per-file blame through the git binary (the provenance manifest). */
  public Blame blame() {
    return new Blame(gitDir(), env);
  }

  /** The files of {@code commit}'s tree within {@code pathspec} (empty: all), streamed in tree order. */
  public TreeListing files(String commit, List<String> pathspec) throws RepositoryException {
    return TreeListing.of(gitDir(), env, commit, pathspec);
  }

  /** The paths first-parent commits of {@code from..to} touched, within {@code pathspec}. */
  public Set<String> touched(String from, String to, List<String> pathspec)
      throws RepositoryException {
    return TreeListing.touched(gitDir(), env, from, to, pathspec);
  }

  public History history() {
    return new History(repo, trailerSyntax(), new GitRefs(repo.getDirectory().toPath(), env));
  }

  /** A git config value of this repository (server-side settings such as {@code aigate.policy}). */
  public Optional<String> config(String section, String name) {
    return Optional.ofNullable(repo.getConfig().getString(section, null, name));
  }

  /**
   * A boolean setting as git reads one ({@code true}/{@code yes}/{@code on}/{@code 1}, a bare
   * key, and their opposites); a value git would not take is an error, not {@code false}.
   */
  public boolean configFlag(String section, String name, boolean unset) throws RepositoryException {
    try {
      return repo.getConfig().getBoolean(section, null, name, unset);
    } catch (IllegalArgumentException e) {
      throw new RepositoryException("the repository's config has " + section + "." + name + " = '"
          + config(section, name).orElse("") + "', which is not a boolean git reads", e);
    }
  }

  /**
   * Every name set in a config section, as git spells it ({@code name}, or {@code sub.name} for
   * a subsection), from every config file the repository reads.
   */
  public List<String> configNames(String section) {
    Config c = repo.getConfig();
    List<String> out = new ArrayList<>(c.getNames(section));
    for (String sub : c.getSubsections(section)) {
      for (String name : c.getNames(section, sub)) {
        out.add(sub + "." + name);
      }
    }
    return out;
  }

  /** Sets a value in this repository's own config file (installation only; hooks never write). */
  public void setConfig(String section, String name, String value) throws RepositoryException {
    StoredConfig c = repo.getConfig();
    c.setString(section, null, name, value);
    try {
      c.save();
    } catch (IOException e) {
      throw new RepositoryException("cannot write the repository config: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
