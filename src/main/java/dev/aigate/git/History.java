package dev.aigate.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Read access to commits and refs for the server gate and the audit: one reader and walk per
 * session, reused for every commit (opening them per commit dominates small commits' cost).
 * Ids go in and out as hex strings so no JGit type leaves this package.
 */
public final class History implements AutoCloseable {
  private final Repository repo;
  private final ObjectReader reader;
  private final RevWalk walk;
  private final DiffReader withContent;
  private final DiffReader withoutContent;
  private final TrailerSyntax syntax;
  private final GitRefs gitRefs;
  private final Symlinks symlinks;
  private final CaseAliases spellings;

  History(Repository repo, TrailerSyntax syntax, GitRefs gitRefs) {
    this.repo = repo;
    this.gitRefs = gitRefs;
    this.reader = repo.newObjectReader();
    this.walk = new RevWalk(reader);
    this.withContent = new DiffReader(repo, reader, true);
    this.withoutContent = new DiffReader(repo, reader, false);
    this.syntax = syntax;
    this.symlinks = new Symlinks(reader);
    this.spellings = new CaseAliases(reader);
  }

  /** Every ref, peeled to the commit it names; refs to trees, blobs and unborn refs are left out. */
  public Map<String, String> commitRefs() throws RepositoryException {
    return commitRefs(name -> true);
  }

  /**
   * The refs {@code names} accepts, peeled to the commits they name, in the order of
   * {@link #commitRefs()}. Only those are peeled: peeling reads each ref's object, which is most
   * of the cost on a server with tens of thousands of refs (Gerrit's {@code refs/changes/*}).
   */
  public Map<String, String> commitRefs(Predicate<String> names) throws RepositoryException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> r : refIds().entrySet()) {
      if (names.test(r.getKey())) {
        peelToCommit(r.getValue()).ifPresent(c -> out.put(r.getKey(), c));
      }
    }
    return out;
  }

  /** Every ref and the object it names, unpeeled (no object is read); unborn refs are left out. */
  public Map<String, String> refIds() throws RepositoryException {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (Ref r : repo.getRefDatabase().getRefs()) {
        if (r.getObjectId() != null) {
          out.put(r.getName(), r.getObjectId().name());
        }
      }
      return out;
    } catch (IOException e) {
      throw new RepositoryException("cannot list refs: " + e.getMessage(), e);
    }
  }

  /**
   * Where a symbolic ref finally points ({@code refs/heads/master -> refs/heads/main}), if
   * {@code ref} is one: receive-pack updates the target when a push names the alias.
   */
  public Optional<String> symrefTarget(String ref) throws RepositoryException {
    GitRefs.Answer fast = gitRefs.target(ref);
    if (fast instanceof GitRefs.Answer.Target t) {
      return Optional.of(t.ref());
    }
    if (fast instanceof GitRefs.Answer.NotSymbolic) {
      return Optional.empty();
    }
    try {
      Ref r = repo.exactRef(ref);
      return r != null && r.isSymbolic() ? Optional.of(r.getTarget().getName()) : Optional.empty();
    } catch (IOException e) {
      throw new RepositoryException("cannot read ref " + ref + ": " + e.getMessage(), e);
    }
  }

  /** The commit a ref names now (before the push), if it exists and names one. */
  public Optional<String> refCommit(String ref) throws RepositoryException {
    GitRefs.Answer fast = gitRefs.id(ref);
    if (fast instanceof GitRefs.Answer.Names n) {
      return peelToCommit(n.id().name());
    }
    if (fast instanceof GitRefs.Answer.Absent) {
      return Optional.empty();
    }
    try {
      Ref r = repo.exactRef(ref);
      if (r == null || r.getObjectId() == null) {
        return Optional.empty();
      }
      return peelToCommit(r.getObjectId().name());
    } catch (IOException e) {
      throw new RepositoryException("cannot read ref " + ref + ": " + e.getMessage(), e);
    }
  }

  /** What kind of object an id names, after peeling annotated tags. */
  public ObjectKind kind(String id) throws RepositoryException {
    try {
      RevObject o = walk.parseAny(ObjectId.fromString(id));
      while (o instanceof RevTag tag) {
        o = walk.parseAny(tag.getObject());
      }
      return switch (o.getType()) {
        case Constants.OBJ_COMMIT -> ObjectKind.COMMIT;
        case Constants.OBJ_TREE -> ObjectKind.TREE;
        case Constants.OBJ_BLOB -> ObjectKind.BLOB;
        default -> ObjectKind.OTHER;
      };
    } catch (MissingObjectException e) {
      return ObjectKind.MISSING;
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot read object " + id + ": " + e.getMessage(), e);
    }
  }

  /** The kinds of object a ref can name. */
  public enum ObjectKind { COMMIT, TREE, BLOB, OTHER, MISSING }

  /**
   * Whether {@code commit} changes {@code path} against every parent (a root commit: whether it
   * has the path at all), the same "resolved differently" rule merges are judged by.
   */
  public boolean changesPath(String commit, String path) throws RepositoryException {
    try {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      ObjectId mine = blobAt(c, path);
      if (c.getParentCount() == 0) {
        return mine != null;
      }
      for (RevCommit p : c.getParents()) {
        walk.parseHeaders(p);
        if (Objects.equals(mine, blobAt(p, path))) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new RepositoryException("cannot read " + path + " in commit " + commit + ": " + e.getMessage(), e);
    }
  }

  private ObjectId blobAt(RevCommit c, String path) throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
      return tw == null ? null : tw.getObjectId(0).copy();
    }
  }

  /** The commit HEAD names; empty while HEAD is unborn (an empty repository). */
  public Optional<String> headCommit() throws RepositoryException {
    if (gitRefs.id(Constants.HEAD) instanceof GitRefs.Answer.Names n) {
      Optional<String> commit = peelToCommit(n.id().name());
      if (commit.isPresent()) {
        return commit;
      }
      // A HEAD that names no commit is JGit's to report, as before.
    }
    try {
      ObjectId id = repo.resolve(Constants.HEAD + "^{commit}");
      return id == null ? Optional.empty() : Optional.of(id.name());
    } catch (IOException | RevisionSyntaxException e) {
      throw new RepositoryException("cannot read HEAD: " + e.getMessage(), e);
    }
  }

  /** Whether {@code path} names a file (or a gitlink or link) in {@code commit}'s tree. */
  public boolean exists(String commit, String path) throws RepositoryException {
    try {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
        return tw != null && (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_TREE;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new RepositoryException("cannot read the tree of " + commit + ": " + e.getMessage(), e);
    }
  }

  /** The branch HEAD names (a bare repository's default branch), if HEAD is symbolic. */
  public Optional<String> defaultBranch() throws RepositoryException {
    return symrefTarget(Constants.HEAD);
  }

  /** The commit an id names, peeling annotated tags; empty for trees, blobs and tags of them. */
  public Optional<String> peelToCommit(String id) throws RepositoryException {
    try {
      RevObject o = walk.parseAny(ObjectId.fromString(id));
      while (o instanceof RevTag tag) {
        o = walk.parseAny(tag.getObject());
      }
      return o instanceof RevCommit c ? Optional.of(c.name()) : Optional.empty();
    } catch (MissingObjectException e) {
      throw new RepositoryException("object " + id + " is missing from the repository (and its quarantine)", e);
    } catch (IOException e) {
      throw new RepositoryException("cannot read object " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * The commits reachable from {@code tip} and from none of {@code exclude}, parents before
   * children.
   */
  public List<String> commitsBetween(String tip, Collection<String> exclude) throws RepositoryException {
    return walk(List.of(tip), exclude, null);
  }

  /**
   * The commits reachable from any of {@code include} and none of {@code exclude}, parents
   * before children, optionally only those committed at or after {@code since}.
   */
  public List<String> walk(Collection<String> include, Collection<String> exclude, Instant since)
      throws RepositoryException {
    return walk(include, exclude, since, null);
  }

  /** As {@link #walk(Collection, Collection, Instant)}, and committed at or before {@code until} when given. */
  public List<String> walk(Collection<String> include, Collection<String> exclude, Instant since,
      Instant until) throws RepositoryException {
    try {
      walk.reset();
      // Bodies are kept: every walked commit's message is read next, and a discarded body
      // would be inflated from the pack a second time.
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      if (since != null || until != null) {
        walk.setRevFilter(new CommittedBetween(since, until));
      }
      for (String x : include) {
        walk.markStart(walk.parseCommit(ObjectId.fromString(x)));
      }
      for (String x : exclude) {
        walk.markUninteresting(walk.parseCommit(ObjectId.fromString(x)));
      }
      List<String> out = new ArrayList<>();
      for (RevCommit c : walk) {
        out.add(c.name());
      }
      return out;
    } catch (IOException | RuntimeException e) {
      // JGit's LargeObjectException is unchecked: an object too big to hold is unreadable.
      throw new RepositoryException("cannot walk history: " + e, e);
    } finally {
      walk.reset();
      walk.setRevFilter(RevFilter.ALL);
      walk.sort(RevSort.NONE);
    }
  }

  /**
   * Commits by committer date, without stopping the walk: JGit's {@code after} and
   * {@code between} stop at the first older commit, and the committer writes that date, so one
   * backdated commit on top hid every newer commit below it.
   */
  private static final class CommittedBetween extends RevFilter {
    private final long from;
    private final long to;

    CommittedBetween(Instant since, Instant until) {
      this.from = since == null ? Long.MIN_VALUE : since.getEpochSecond();
      this.to = until == null ? Long.MAX_VALUE : until.getEpochSecond();
    }

    @Override
    public boolean include(RevWalk walker, RevCommit c) {
      long t = c.getCommitTime();
      return t >= from && t <= to;
    }

    @Override
    public RevFilter clone() {
      return this;
    }

    @Override
    public boolean requiresCommitBody() {
      return false;
    }
  }

  /** The commit a revision names ({@code HEAD}, {@code origin/main}, {@code v1.0}, {@code HEAD~2}, an id). */
  public String resolve(String revision) throws RepositoryException {
    try {
      ObjectId id = repo.resolve(revision + "^{commit}");
      if (id == null) {
        throw RepositoryException.unknownRevision(revision, null);
      }
      return id.name();
    } catch (IOException | RevisionSyntaxException e) {
      throw RepositoryException.unknownRevision(revision, e);
    }
  }

  /**
   * The commit a full or abbreviated id names, if any; an abbreviation that names more than one
   * object is an error, never a guess.
   */
  public Optional<String> commitByPrefix(String prefix) throws RepositoryException {
    // Only as an object id: resolve() tries refs first, so a pushed tag or branch spelled like
    // the prefix would take its place.
    if (!AbbreviatedObjectId.isId(prefix)) {
      return Optional.empty();
    }
    try {
      Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(prefix));
      if (ids.size() > 1) {
        throw RepositoryException.unknownRevision(prefix + " (ambiguous: it abbreviates more than one object)", null);
      }
      if (ids.isEmpty()) {
        return Optional.empty();
      }
      ObjectId id = repo.resolve(ids.iterator().next().name() + "^{commit}");
      return Optional.ofNullable(id).map(ObjectId::name);
    } catch (IncorrectObjectTypeException e) {
      return Optional.empty();
    } catch (IOException | RevisionSyntaxException e) {
      throw new RepositoryException("cannot resolve " + prefix + ": " + e.getMessage(), e);
    }
  }

  /** The merge bases of two commits (what {@code A...B} excludes). */
  public List<String> mergeBases(String a, String b) throws RepositoryException {
    try (RevWalk w = new RevWalk(reader)) {
      w.setRevFilter(RevFilter.MERGE_BASE);
      w.markStart(w.parseCommit(ObjectId.fromString(a)));
      w.markStart(w.parseCommit(ObjectId.fromString(b)));
      List<String> out = new ArrayList<>();
      for (RevCommit c : w) {
        out.add(c.name());
      }
      return out;
    } catch (IOException e) {
      throw new RepositoryException("cannot find the merge base of " + a + " and " + b + ": " + e.getMessage(), e);
    }
  }

  /** Commits at the edge of a shallow clone: their parents are not here. */
  public Set<String> shallowBoundary() throws RepositoryException {
    try {
      Set<String> out = new HashSet<>();
      for (ObjectId id : repo.getObjectDatabase().getShallowCommits()) {
        out.add(id.name());
      }
      return out;
    } catch (IOException e) {
      throw new RepositoryException("cannot read the shallow file: " + e.getMessage(), e);
    }
  }

  /**
   * A commit's raw object, kept by the walk that found it, so other threads can read its
   * header without inflating it again (call on the thread that owns this session).
   */
  public byte[] rawBody(String id, int maxBytes) throws RepositoryException {
    try {
      ObjectId oid = ObjectId.fromString(id);
      long size = reader.getObjectSize(oid, Constants.OBJ_COMMIT);
      if (size > maxBytes) {
        throw new RepositoryException("commit " + id + " is " + size + " bytes, over the gate's limit of " + maxBytes
            + " (a message that large is not a message)");
      }
      RevCommit c = walk.parseCommit(oid);
      walk.parseBody(c);
      byte[] raw = c.getRawBuffer();
      c.disposeBody();
      return raw;
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot read commit " + id + ": " + e, e);
    }
  }

  /**
   * A commit's header from its raw object (see {@link #rawBody}); safe on any thread. Parsed
   * from the bytes directly: {@code RevCommit.parse} would build a RevWalk and hash the object.
   */
  public Change header(String id, byte[] raw) throws RepositoryException {
    return Commits.header(id, raw, syntax);
  }

  /**
   * Whether a commit's raw message may hold a trailer keyed by one of {@code words}; false only
   * when it cannot. Under a {@code trailer.<name>.key} setting it always may ({@link
   * TrailerSyntax#rewritesKeys}): {@code rev: Bob} can be a {@code Reviewed-by}.
   */
  public boolean mayMention(byte[] raw, List<String> words) {
    return syntax.rewritesKeys() || Commits.mayMention(raw, words);
  }

  /** The parents of a commit. */
  public List<String> parents(String id) throws RepositoryException {
    try {
      RevCommit c = walk.parseCommit(ObjectId.fromString(id));
      List<String> out = new ArrayList<>();
      for (RevCommit p : c.getParents()) {
        out.add(p.name());
      }
      return out;
    } catch (IOException e) {
      throw new RepositoryException("cannot read commit " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * The touched paths of a commit, keeping only added lines that {@code screen} finds; null
   * keeps every added line.
   */
  public List<FileChange> files(String id, boolean content, ContentScreen screen) throws RepositoryException {
    try {
      RevCommit c = walk.parseCommit(ObjectId.fromString(id));
      for (RevCommit p : c.getParents()) {
        walk.parseHeaders(p);
      }
      return (content ? withContent : withoutContent).commitChanges(c, content ? screen : null);
    } catch (IOException e) {
      throw new RepositoryException("cannot read the changes of commit " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code files} (a commit's touched paths) with the other paths where a checkout shows them,
   * each listed as a modification with the touched file's entry type and added lines:
   *
   * <ul>
   *   <li>through the commit's symlinks: a change to {@code vendor/impl.java} is also a change
   *       to {@code src/Impl.java -> ../vendor/impl.java};
   *   <li>on a case- or normalisation-insensitive file system: with {@code src/} in the tree,
   *       {@code SRC/B.java} is also {@code src/B.java}.
   * </ul>
   */
  public List<FileChange> asCheckedOut(String id, List<FileChange> files) throws RepositoryException {
    try {
      RevTree tree = walk.parseCommit(ObjectId.fromString(id)).getTree();
      List<Symlinks.Link> links = symlinks.in(tree);
      List<FileChange> out = new ArrayList<>(files);
      Set<String> listed = new HashSet<>();
      files.forEach(f -> listed.addAll(f.paths()));
      for (FileChange f : files) {
        Set<String> also = new LinkedHashSet<>();
        for (String p : f.paths()) {
          also.addAll(spellings.of(tree, p));
        }
        if (!links.isEmpty()) {
          Set<String> reached = new LinkedHashSet<>(f.paths());
          reached.addAll(also);
          also.addAll(Symlinks.aliases(links, reached));
        }
        for (String alias : also) {
          if (listed.add(alias)) {
            // Named with the tree path that holds the content: a review scoped to paths covers
            // the alias only if it also covers where the content is (what its digest and diff saw).
            out.add(f.seenAt(alias, f.path()));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new RepositoryException("cannot read the tree of commit " + id + ": " + e.getMessage(), e);
    }
  }

  /** The largest file whose lines {@link #survivesTo} compares; a larger one does not survive. */
  private static final int MAX_SURVIVOR_BYTES = 16 << 20;

  /**
   * Whether what {@code commit} does under {@code paths} is still so at {@code tip}: no line it
   * wrote is changed or removed on the way to {@code tip}, and no line it removed is put back
   * where it was; any other entry it writes (binary, symlink, submodule) is the tip's entry at that
   * path; a path it removes is gone at {@code tip}. A review of the net patch up to {@code tip}
   * saw exactly this much of the commit.
   */
  public boolean survivesTo(String commit, String tip, Predicate<String> paths) throws RepositoryException {
    List<String> parents = parents(commit);
    String parent = parents.isEmpty() ? null : parents.get(0);
    for (FileChange f : files(commit, true, null)) {
      if (f.kind() == FileChange.Kind.RENAME && paths.test(f.oldPath()) && entry(tip, f.oldPath()).isPresent()) {
        return false;
      }
      if (!paths.test(f.path())) {
        continue;
      }
      Optional<String> atTip = entry(tip, f.path());
      if (f.kind() == FileChange.Kind.DELETE) {
        if (atTip.isPresent()) {
          return false;
        }
        continue;
      }
      Optional<String> written = entry(commit, f.path());
      if (atTip.isPresent() && atTip.equals(written)) {
        continue;
      }
      // A rename or copy is diffed against its source; a new file against nothing.
      String source = f.oldPath() != null ? f.oldPath() : f.path();
      // A mode the commit set (chmod +x) and a later commit took back was never shown either.
      Optional<String> had = parent == null ? Optional.empty() : entry(parent, source);
      if (had.isPresent() && written.isPresent() && !mode(had.get()).equals(mode(written.get()))
          && atTip.isPresent() && !mode(atTip.get()).equals(mode(written.get()))) {
        return false;
      }
      boolean text = f.entryType() == FileChange.EntryType.FILE || f.entryType() == FileChange.EntryType.EXECUTABLE;
      if (!text || atTip.isEmpty()) {
        return false;
      }
      RawText was = had.isEmpty() ? RawText.EMPTY_TEXT : text(parent, source);
      RawText now = text(commit, f.path());
      RawText last = text(tip, f.path());
      if (was == null || now == null || last == null) {
        return false;
      }
      HistogramDiff diff = new HistogramDiff();
      if (!keeps(diff.diff(RawTextComparator.DEFAULT, was, now), diff.diff(RawTextComparator.DEFAULT, now, last), was, last)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the later edits (the commit's file to the tip's) leave the commit's own edits (its
   * parent's file to its own) as they are: none touches a line the commit wrote, and none puts a
   * line the commit removed back where it was. Both lists are in order, so one sweep.
   */
  private static boolean keeps(List<Edit> own, List<Edit> later, RawText was, RawText last) {
    int from = 0;
    for (Edit e : own) {
      while (from < later.size() && later.get(from).getEndA() < e.getBeginB()) {
        from++;
      }
      Set<String> removed = null;
      for (int k = from; k < later.size() && later.get(k).getBeginA() <= e.getEndB(); k++) {
        Edit l = later.get(k);
        if (l.getEndA() > l.getBeginA() && l.getBeginA() < e.getEndB() && l.getEndA() > e.getBeginB()) {
          return false; // a line the commit wrote is changed or removed (lines put between them are not)
        }
        if (e.getEndA() > e.getBeginA() && l.getEndB() > l.getBeginB()) {
          if (removed == null) {
            removed = new HashSet<>();
            for (int i = e.getBeginA(); i < e.getEndA(); i++) {
              removed.add(was.getString(i).strip());
            }
          }
          for (int i = l.getBeginB(); i < l.getEndB(); i++) {
            // Compared as a reader sees them: a CR or trailing blank put back is the same line.
            if (removed.contains(last.getString(i).strip())) {
              return false; // a line the commit removed is put back where it was
            }
          }
        }
      }
    }
    return true;
  }

  /** A regular file at {@code commit}, as the diff splits it; null when missing, not a file, or too large. */
  private RawText text(String commit, String path) throws RepositoryException {
    try {
      Optional<ObjectId> file = regularFile(walk.parseCommit(ObjectId.fromString(commit)).getTree(), path);
      if (file.isEmpty()) {
        return null;
      }
      ObjectLoader blob = reader.open(file.get());
      return blob.getSize() > MAX_SURVIVOR_BYTES ? null : new RawText(blob.getCachedBytes(MAX_SURVIVOR_BYTES));
    } catch (IOException e) {
      throw new RepositoryException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
    }
  }

  /** The blob of the regular (or executable) file at {@code path} of a tree, if there is one. */
  private Optional<ObjectId> regularFile(RevTree tree, String path) throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
      return tw != null && (tw.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE
          ? Optional.of(tw.getObjectId(0)) : Optional.empty();
    }
  }

  private static String mode(String entry) {
    return entry.substring(0, entry.indexOf(' '));
  }

  /** The mode and object id of the entry at {@code path}, if there is one that is not a tree. */
  private Optional<String> entry(String commit, String path) throws RepositoryException {
    try (TreeWalk tw = TreeWalk.forPath(reader, path, walk.parseCommit(ObjectId.fromString(commit)).getTree())) {
      if (tw == null || (tw.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_TREE) {
        return Optional.empty();
      }
      return Optional.of(tw.getRawMode(0) + " " + tw.getObjectId(0).name());
    } catch (IOException | IllegalArgumentException e) {
      throw new RepositoryException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file a symlink at {@code link} names in the commit's tree, resolved as written (one link
   * deep); empty when it names no file of the tree (absolute, outside it, missing).
   */
  public Optional<String> symlinkTarget(String commit, String link) throws RepositoryException {
    Optional<String> text = fileAt(commit, link);
    String target = text.map(t -> Symlinks.resolve(link, t)).orElse(null);
    return target == null || target.isEmpty() || !exists(commit, target) ? Optional.empty() : Optional.of(target);
  }

  /** A regular or executable file: what has lines (symlinks and gitlinks do not). */
  private static boolean isFile(int mode) {
    return FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode);
  }

  /** Files read below one symlinked directory before the commit is called unjudgeable. */
  private static final int MAX_LINKED_FILES = 2_000;

  /**
   * What the symlinks a commit adds or retargets put at their paths: a link to a file shows that
   * file's lines at the link's path, a link to a directory every text file below it. A human
   * commit adding {@code src/Impl.java -> ../scratch/ai.java} puts AI code in {@code src/} as
   * surely as a copy would.
   */
  public List<LineDiffs.PathLines> linkedLines(String commit) throws RepositoryException {
    try {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      List<Symlinks.Link> now = symlinks.in(c.getTree());
      if (now.isEmpty()) {
        return List.of();
      }
      Set<Symlinks.Link> before = new HashSet<>();
      for (RevCommit p : c.getParents()) {
        before.addAll(symlinks.in(walk.parseCommit(p).getTree()));
      }
      List<LineDiffs.PathLines> out = new ArrayList<>();
      int files = 0;
      long[] read = {0};
      for (Symlinks.Link l : now) {
        String target = before.contains(l) ? null : Symlinks.resolve(l.path(), l.target());
        if (target == null) {
          continue;
        }
        try (TreeWalk tw = target.isEmpty() ? new TreeWalk(reader) : TreeWalk.forPath(reader, target, c.getTree())) {
          if (tw == null) {
            continue;
          }
          if (target.isEmpty()) {
            tw.addTree(c.getTree());
          } else if (FileMode.TREE.equals(tw.getRawMode(0))) {
            ObjectId dir = tw.getObjectId(0);
            tw.reset(dir);
          } else {
            linkedFile(tw.getObjectId(0), tw.getRawMode(0), l.path(), read, commit).ifPresent(out::add);
            continue;
          }
          tw.setRecursive(true);
          while (tw.next()) {
            if (++files > MAX_LINKED_FILES) {
              throw new RepositoryException("commit " + commit + " links more than " + MAX_LINKED_FILES
                  + " files into new paths, more than provenance across commits follows", null);
            }
            linkedFile(tw.getObjectId(0), tw.getRawMode(0), l.path() + "/" + tw.getPathString(), read, commit)
                .ifPresent(out::add);
          }
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot read the symlinks of commit " + commit + ": " + e.getMessage(), e);
    }
  }

  private Optional<LineDiffs.PathLines> linkedFile(ObjectId blob, int mode, String at, long[] read, String commit)
      throws IOException, RepositoryException {
    if (!isFile(mode)) {
      return Optional.empty();
    }
    byte[] bytes = extraBlob(blob, read, commit);
    if (DiffReader.isBinary(bytes)) {
      return Optional.empty();
    }
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    List<FileChange.AddedLine> added = new ArrayList<>(lines.size());
    for (int n = 0; n < lines.size(); n++) {
      added.add(new FileChange.AddedLine(n + 1, lines.get(n)));
    }
    return added.isEmpty() ? Optional.empty() : Optional.of(new LineDiffs.PathLines(at, added, List.of()));
  }

  /** The largest file a merge's own lines are read from; a bigger one cannot be judged whole. */
  public static final int MAX_MERGE_FILE_BYTES = 16 << 20;
  /**
   * What one commit's extra lines (a merge's own, a new symlink's) may read in all: these reads
   * run before the judging watchdog, so they are bounded by size instead.
   */
  public static final long MAX_EXTRA_BYTES = 64L << 20;

  /**
   * A merge's own lines: in each text file where the merge differs from every parent (a conflict
   * resolution, an "evil merge"), the lines that no parent's version of that file has. Lines the
   * merge brings from a parent are that parent's, judged with the commits that wrote them.
   */
  public List<LineDiffs.PathLines> mergeOwnLines(String merge) throws RepositoryException {
    try (TreeWalk tw = new TreeWalk(reader)) {
      RevCommit m = walk.parseCommit(ObjectId.fromString(merge));
      tw.setRecursive(true);
      tw.addTree(m.getTree());
      for (RevCommit p : m.getParents()) {
        tw.addTree(walk.parseCommit(p).getTree());
      }
      tw.setFilter(TreeFilter.ANY_DIFF);
      List<LineDiffs.PathLines> out = new ArrayList<>();
      long[] read = {0};
      while (tw.next()) {
        int mode = tw.getRawMode(0);
        if (!isFile(mode)) {
          continue;
        }
        boolean own = true;
        for (int i = 1; i < tw.getTreeCount() && own; i++) {
          own = !tw.getObjectId(i).equals(tw.getObjectId(0));
        }
        if (!own) {
          continue;
        }
        byte[] bytes = extraBlob(tw.getObjectId(0), read, merge);
        if (DiffReader.isBinary(bytes)) {
          continue;
        }
        Set<String> inParents = new HashSet<>();
        for (int i = 1; i < tw.getTreeCount(); i++) {
          if (isFile(tw.getRawMode(i))) {
            byte[] parent = extraBlob(tw.getObjectId(i), read, merge);
            inParents.addAll(new String(parent, StandardCharsets.UTF_8).lines().toList());
          }
        }
        List<FileChange.AddedLine> added = new ArrayList<>();
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        for (int n = 0; n < lines.size(); n++) {
          if (!inParents.contains(lines.get(n))) {
            added.add(new FileChange.AddedLine(n + 1, lines.get(n)));
          }
        }
        if (added.size() > LineDiffs.MAX_LINES) {
          throw new RepositoryException("merge " + merge + " adds over " + LineDiffs.MAX_LINES + " lines of its own to "
              + tw.getPathString() + ", more than provenance across commits follows", null);
        }
        if (!added.isEmpty()) {
          out.add(new LineDiffs.PathLines(tw.getPathString(), added, List.of()));
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot read the lines of merge " + merge + ": " + e.getMessage(), e);
    }
  }

  /** A blob read for a commit's extra lines, counted against {@link #MAX_EXTRA_BYTES}. */
  private byte[] extraBlob(ObjectId blob, long[] read, String commit) throws IOException, RepositoryException {
    long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
    read[0] += size;
    if (size > MAX_MERGE_FILE_BYTES || read[0] > MAX_EXTRA_BYTES) {
      throw new RepositoryException("commit " + commit + " would have provenance read over "
          + (size > MAX_MERGE_FILE_BYTES ? MAX_MERGE_FILE_BYTES + " bytes of one file" : MAX_EXTRA_BYTES + " bytes")
          + " of merged or linked files, more than it follows", null);
    }
    return reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(MAX_MERGE_FILE_BYTES);
  }

  /** A blob's lines and binary test as blame counts them; empty when the blob is missing here. */
  public Optional<Blame.Shape> blobShape(String blob) throws RepositoryException {
    try (InputStream in = reader.open(ObjectId.fromString(blob), Constants.OBJ_BLOB).openStream()) {
      return Optional.of(Blame.shape(in));
    } catch (MissingObjectException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new RepositoryException("cannot read blob " + blob + ": " + e.getMessage(), e);
    }
  }

  /** A file's text as committed in {@code commit}, if the path exists there. */
  public Optional<String> fileAt(String commit, String path) throws RepositoryException {
    try {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
        if (tw == null) {
          return Optional.empty();
        }
        return Optional.of(new String(reader.open(tw.getObjectId(0)).getCachedBytes(1 << 20), StandardCharsets.UTF_8));
      }
    } catch (IncorrectObjectTypeException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new RepositoryException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a commit adds to the record files of a directory at the root of the tree (Agent
   * Trace's {@code .agent-trace}), with every path the commit changes.
   *
   * @param added record lines of the directory's {@code *.jsonl} files that the first parent's
   *     files do not hold
   * @param changed every path the commit changes against its first parent
   * @param truncated whether the records were longer than the limit and only their start was read
   */
  public record RecordChange(List<String> added, Set<String> changed, boolean truncated) {
    public RecordChange {
      added = List.copyOf(added);
      changed = Set.copyOf(changed);
    }
  }

  /**
   * The record lines {@code commit} adds under the root directory {@code dir}, at most {@code
   * maxBytes} of them; empty for merges (what a merge brings in was judged on its own commits)
   * and for commits that leave the directory as their first parent had it, which costs one root
   * tree lookup per commit.
   */
  public Optional<RecordChange> recordsAdded(String commit, String dir, int maxBytes) throws RepositoryException {
    try {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      if (c.getParentCount() > 1) {
        return mergeRecordsAdded(c, dir, maxBytes);
      }
      Optional<ObjectId> now = rootEntry(c.getTree(), dir);
      if (now.isEmpty()) {
        return Optional.empty();
      }
      RevCommit parent = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
      if (now.equals(parent == null ? Optional.empty() : rootEntry(parent.getTree(), dir))) {
        return Optional.empty();
      }
      Set<String> changed = new LinkedHashSet<>();
      List<String> pairs = new ArrayList<>();
      try (TreeWalk tw = new TreeWalk(reader)) {
        tw.setRecursive(true);
        tw.setFilter(TreeFilter.ANY_DIFF);
        tw.addTree(parent == null ? new EmptyTreeIterator() : tree(parent.getTree()));
        tw.addTree(c.getTree());
        String prefix = dir + "/";
        while (tw.next()) {
          String path = tw.getPathString();
          changed.add(path);
          if (path.startsWith(prefix) && path.endsWith(".jsonl") && (tw.getRawMode(1) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
            pairs.add(tw.getObjectId(0).name());
            pairs.add(tw.getObjectId(1).name());
          }
        }
      }
      List<String> added = new ArrayList<>();
      long budget = maxBytes;
      boolean truncated = false;
      for (int i = 0; i < pairs.size() && !truncated; i += 2) {
        Set<String> before = new HashSet<>();
        ObjectId old = ObjectId.fromString(pairs.get(i));
        boolean hadOld = !old.equals(ObjectId.zeroId()) && reader.has(old, Constants.OBJ_BLOB);
        long oldSize = hadOld ? reader.getObjectSize(old, Constants.OBJ_BLOB) : 0;
        ObjectId fresh = ObjectId.fromString(pairs.get(i + 1));
        long size = reader.getObjectSize(fresh, Constants.OBJ_BLOB);
        if (oldSize > MAX_APPENDED_TO_BYTES) {
          // Comparing a log this long on every commit that appends to it costs more than a push may.
          truncated = true;
          break;
        }
        if (hadOld && size >= oldSize && appendsTo(fresh, old, oldSize)) {
          // A log kept by appending, as JSONL files are: what the commit adds is past the old end,
          // however long the file has grown.
          long tail = size - oldSize;
          truncated = tail > budget;
          added.addAll(linesFrom(fresh, oldSize, (int) Math.min(budget, tail)));
          budget -= Math.min(budget, tail);
          continue;
        }
        if (oldSize > maxBytes) {
          // A rewritten file too long to compare: what it adds cannot be told.
          truncated = true;
          break;
        }
        if (hadOld) {
          before.addAll(lines(old, maxBytes));
        }
        truncated = size > budget;
        for (String line : lines(fresh, (int) Math.min(budget, size))) {
          if (!before.contains(line)) {
            added.add(line);
          }
        }
        budget -= Math.min(budget, size);
      }
      return Optional.of(new RecordChange(added, changed, truncated));
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot read the " + dir + " records of commit " + commit + ": " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #recordsAdded(String, String, int)}, for a commit whose raw object the caller
   * holds: its root tree is named there, so most commits (those without {@code dir}) cost one
   * tree read and no commit parse.
   */
  public Optional<RecordChange> recordsAdded(String commit, byte[] raw, String dir, int maxBytes)
      throws RepositoryException {
    // "tree <40 hex>\n" opens every commit JGit can read; anything else takes the general path.
    if (raw.length < 46 || !Commits.startsWith(raw, 0, "tree ") || raw[45] != '\n') {
      return recordsAdded(commit, dir, maxBytes);
    }
    try {
      if (rootEntry(ObjectId.fromString(raw, 5), dir).isEmpty()) {
        return Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot read the " + dir + " records of commit " + commit + ": " + e.getMessage(), e);
    }
    return recordsAdded(commit, dir, maxBytes);
  }

  /**
   * The records a merge adds itself: lines of the directory's {@code *.jsonl} files that no
   * parent's file of that path holds, with the paths the merge resolved itself (what the
   * branches' commits added was judged on those commits).
   */
  private Optional<RecordChange> mergeRecordsAdded(RevCommit merge, String dir, int maxBytes) throws IOException,
      RepositoryException {
    Optional<ObjectId> now = rootEntry(merge.getTree(), dir);
    if (now.isEmpty()) {
      return Optional.empty();
    }
    List<RevCommit> parents = new ArrayList<>();
    for (RevCommit p : merge.getParents()) {
      RevCommit parent = walk.parseCommit(p);
      if (now.equals(rootEntry(parent.getTree(), dir))) {
        // It took one side's records as they were: none of its own.
        return Optional.empty();
      }
      parents.add(parent);
    }
    // Only merges whose records differ from every side's get here (rare): one merge-base walk.
    List<String> bases = parents.size() == 2 ? mergeBases(parents.get(0).name(), parents.get(1).name()) : List.of();
    RevTree baseTree = bases.size() == 1 ? walk.parseCommit(ObjectId.fromString(bases.get(0))).getTree() : null;
    List<String> added = new ArrayList<>();
    long budget = maxBytes;
    boolean truncated = false;
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.setRecursive(true);
      tw.setFilter(PathFilter.create(dir));
      tw.addTree(merge.getTree());
      while (tw.next() && !truncated) {
        String path = tw.getPathString();
        if (!path.endsWith(".jsonl") || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
          continue;
        }
        List<ObjectId> sides = new ArrayList<>();
        for (RevCommit p : parents) {
          regularFile(p.getTree(), path).ifPresent(sides::add);
        }
        if (sides.contains(tw.getObjectId(0))) {
          // Taken from one side as it was: no record of the merge's own, nothing to read.
          continue;
        }
        Optional<List<String>> appended = sides.size() == 2
            ? appendedByMerge(tw.getObjectId(0), sides, baseTree == null ? null : regularFile(baseTree, path).orElse(null), budget)
            : Optional.empty();
        if (appended.isPresent()) {
          for (String line : appended.get()) {
            budget -= line.length() + 1;
            added.add(line);
          }
          truncated = budget < 0;
          continue;
        }
        long size = reader.getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB);
        truncated = size > budget;
        Set<String> before = new HashSet<>();
        for (ObjectId side : sides) {
          truncated |= reader.getObjectSize(side, Constants.OBJ_BLOB) > maxBytes;
          before.addAll(lines(side, maxBytes));
        }
        for (String line : lines(tw.getObjectId(0), (int) Math.min(budget, size))) {
          if (!before.contains(line)) {
            added.add(line);
          }
        }
        budget -= Math.min(budget, size);
      }
    }
    Set<String> changed = new LinkedHashSet<>();
    for (FileChange f : files(merge.name(), false, null)) {
      changed.addAll(f.paths());
    }
    return Optional.of(new RecordChange(added, changed, truncated));
  }

  /**
   * For a merge of two sides that both appended to one log (a union merge, or a conflict
   * resolved by keeping both): the lines the merge appended past one side's end that the other
   * side did not append past the merge base's ({@code base}: the file there, or null), read
   * without reading either side whole. Empty when the file did not grow that way (then it is
   * compared whole).
   */
  private Optional<List<String>> appendedByMerge(ObjectId merged, List<ObjectId> sides, ObjectId base, long budget)
      throws IOException {
    long size = reader.getObjectSize(merged, Constants.OBJ_BLOB);
    long baseSize = base == null ? 0 : reader.getObjectSize(base, Constants.OBJ_BLOB);
    for (int kept = 0; kept < 2; kept++) {
      ObjectId first = sides.get(kept);
      ObjectId other = sides.get(1 - kept);
      long firstSize = reader.getObjectSize(first, Constants.OBJ_BLOB);
      long otherSize = reader.getObjectSize(other, Constants.OBJ_BLOB);
      if (firstSize > MAX_APPENDED_TO_BYTES || baseSize > MAX_APPENDED_TO_BYTES || size < firstSize
          || otherSize < baseSize || size - firstSize + otherSize - baseSize > budget) {
        continue;
      }
      if (appendsTo(merged, first, firstSize) && (base == null ? baseSize == 0 : appendsTo(other, base, baseSize))) {
        Set<String> theirs = new HashSet<>(linesFrom(other, baseSize, (int) (otherSize - baseSize)));
        List<String> own = new ArrayList<>();
        for (String line : linesFrom(merged, firstSize, (int) (size - firstSize))) {
          if (!theirs.contains(line)) {
            own.add(line);
          }
        }
        return Optional.of(own);
      }
    }
    return Optional.empty();
  }

  /** The entry {@code name} of a tree, read without a tree walk (one per judged commit). */
  private Optional<ObjectId> rootEntry(AnyObjectId tree, String name) throws IOException {
    byte[] want = name.getBytes(StandardCharsets.UTF_8);
    for (CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree); !p.eof(); p.next()) {
      if (p.getNameLength() == want.length && Arrays.equals(p.getEntryPathBuffer(), p.getNameOffset(),
          p.getNameOffset() + want.length, want, 0, want.length)) {
        return Optional.of(p.getEntryObjectId());
      }
    }
    return Optional.empty();
  }

  private CanonicalTreeParser tree(RevTree tree) throws IOException {
    CanonicalTreeParser p = new CanonicalTreeParser();
    p.reset(reader, tree);
    return p;
  }

  /** The longest record file whose appended records are read (both versions are read to compare them). */
  private static final long MAX_APPENDED_TO_BYTES = 256L << 20;

  /** Whether {@code fresh} is {@code old} (of {@code oldSize} bytes, empty or ending a line) with bytes appended. */
  private boolean appendsTo(ObjectId fresh, ObjectId old, long oldSize) throws IOException {
    if (oldSize == 0) {
      return true;
    }
    try (InputStream a = reader.open(fresh, Constants.OBJ_BLOB).openStream();
        InputStream b = reader.open(old, Constants.OBJ_BLOB).openStream()) {
      byte[] x = new byte[64 << 10];
      byte[] y = new byte[64 << 10];
      byte last = 0;
      for (long left = oldSize; left > 0; ) {
        int k = (int) Math.min(x.length, left);
        if (a.readNBytes(x, 0, k) != k || b.readNBytes(y, 0, k) != k || !Arrays.equals(x, 0, k, y, 0, k)) {
          return false;
        }
        last = x[k - 1];
        left -= k;
      }
      return last == '\n';
    }
  }

  /** The lines of at most {@code limit} bytes of a blob from {@code offset} on. */
  private List<String> linesFrom(ObjectId blob, long offset, int limit) throws IOException {
    try (InputStream in = reader.open(blob, Constants.OBJ_BLOB).openStream()) {
      in.skipNBytes(offset);
      return new String(in.readNBytes(limit), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** The lines of at most the first {@code limit} bytes of a blob. */
  private List<String> lines(ObjectId blob, int limit) throws IOException {
    byte[] bytes;
    try (InputStream in = reader.open(blob, Constants.OBJ_BLOB).openStream()) {
      bytes = in.readNBytes(limit);
    }
    return new String(bytes, StandardCharsets.UTF_8).lines().toList();
  }

  /** Refuses a notes tree that holds two notes on one of {@code annotated} (see {@link #duplicateNotes}). */
  private void refuseDuplicateNotes(RevTree tree, Collection<String> annotated) throws IOException, RepositoryException {
    Set<String> twice = duplicateNotes(tree, annotated);
    if (!twice.isEmpty()) {
      throw new RepositoryException("the notes tree holds two notes on " + twice.iterator().next()
          + " (one flat, one in a fan-out directory): git shows them joined and JGit one of them, so"
          + " aigate cannot read the note as git does and refuses it", null);
    }
  }

  /**
   * Which of {@code annotated} have notes at more than one path of a notes tree ({@code ab12…}
   * and {@code ab/12…}, or two fan-out depths): one walk that enters only the directories that
   * lead to those commits.
   */
  private Set<String> duplicateNotes(RevTree tree, Collection<String> annotated) throws IOException {
    NavigableSet<String> wanted = new TreeSet<>();
    for (String a : annotated) {
      wanted.add(a.toLowerCase(Locale.ROOT));
    }
    Map<String, Integer> seen = new HashMap<>();
    Set<String> out = new LinkedHashSet<>();
    if (wanted.isEmpty()) {
      return out;
    }
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(tree);
      while (tw.next()) {
        String flat = tw.getPathString().replace("/", "").toLowerCase(Locale.ROOT);
        if (tw.isSubtree()) {
          String next = wanted.ceiling(flat);
          if (next != null && next.startsWith(flat)) {
            tw.enterSubtree();
          }
        } else if (wanted.contains(flat) && seen.merge(flat, 1, Integer::sum) == 2) {
          out.add(flat);
        }
      }
    }
    return out;
  }

  /** The notes of one notes commit ({@code refs/notes/ai} at some value), read on demand. */
  public final class Notes {
    private final NoteMap map;
    private final RevTree tree;

    private Notes(NoteMap map, RevTree tree) {
      this.map = map;
      this.tree = tree;
    }

    /**
     * Which of {@code commits} have notes at two paths of the tree ({@code ab12…} and {@code
     * ab/12…}): git shows both joined, {@link #of} one of them, so such a note cannot be read.
     */
    public Set<String> duplicated(Collection<String> commits) throws RepositoryException {
      try {
        return duplicateNotes(tree, commits);
      } catch (IOException | RuntimeException e) {
        throw new RepositoryException("cannot read the notes tree: " + e.getMessage(), e);
      }
    }

    /**
     * The note on {@code commit}, at most {@code maxBytes} of it (a note is pushed content).
     *
     * @throws RepositoryException when the note cannot be read
     */
    public Optional<String> of(String commit, int maxBytes) throws RepositoryException {
      try {
        Note note = map.getNote(ObjectId.fromString(commit));
        if (note == null) {
          return Optional.empty();
        }
        ObjectLoader loader = reader.open(note.getData(), Constants.OBJ_BLOB);
        byte[] bytes;
        if (loader.getSize() > maxBytes) {
          try (InputStream in = loader.openStream()) {
            bytes = in.readNBytes(maxBytes);
          }
        } else {
          bytes = loader.getCachedBytes(maxBytes);
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        throw new RepositoryException("cannot read the note on " + commit + ": " + e.getMessage(), e);
      }
    }
  }

  /** The notes at notes commit {@code notesCommit}. */
  public Notes notes(String notesCommit) throws RepositoryException {
    try {
      RevCommit c = walk.parseCommit(ObjectId.fromString(notesCommit));
      return new Notes(NoteMap.read(reader, c), c.getTree());
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot read notes " + notesCommit + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code ancestor} is {@code descendant} or reachable from it. */
  public boolean isAncestor(String ancestor, String descendant) throws RepositoryException {
    try (RevWalk w = new RevWalk(reader)) {
      return w.isMergedInto(w.parseCommit(ObjectId.fromString(ancestor)), w.parseCommit(ObjectId.fromString(descendant)));
    } catch (IOException e) {
      throw new RepositoryException("cannot compare " + ancestor + " and " + descendant + ": " + e.getMessage(), e);
    }
  }

  /**
   * The added and deleted lines of {@code commits} (no merges) against their first parent,
   * streamed from git in the same order; renames off, so a moved file shows as added content.
   */
  public LineDiffs lineDiffs(List<String> commits) throws RepositoryException {
    return LineDiffs.of(repo.getDirectory().toPath(), commits);
  }

  /**
   * The aigate patch digest v1 of {@code from..to}, restricted to the paths {@code paths} accepts
   * ({@code from} null: against the empty tree). See {@link PatchDigest}.
   */
  public String patchDigest(String from, String to, Predicate<String> paths)
      throws RepositoryException {
    try {
      AbstractTreeIterator a = from == null
          ? new EmptyTreeIterator() : treeOf(from);
      return PatchDigest.of(reader, a, treeOf(to), paths);
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot compute the patch digest of " + from + ".." + to + ": " + e, e);
    }
  }

  /** The patch digest of a diff that changes nothing; a record carrying it reviewed no change. */
  public String emptyPatchDigest() throws RepositoryException {
    try {
      return PatchDigest.of(reader, new EmptyTreeIterator(), new EmptyTreeIterator(), path -> true);
    } catch (IOException e) {
      throw new RepositoryException("cannot compute the empty patch digest: " + e, e);
    }
  }

  /** The paths that differ between two commits' trees and that {@code paths} accepts, in tree order. */
  public List<String> changedPaths(String from, String to, Predicate<String> paths)
      throws RepositoryException {
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.setRecursive(true);
      tw.addTree(walk.parseCommit(ObjectId.fromString(from)).getTree());
      tw.addTree(walk.parseCommit(ObjectId.fromString(to)).getTree());
      tw.setFilter(TreeFilter.ANY_DIFF);
      List<String> out = new ArrayList<>();
      while (tw.next()) {
        if (paths.test(tw.getPathString())) {
          out.add(tw.getPathString());
        }
      }
      return out;
    } catch (IOException e) {
      throw new RepositoryException("cannot diff " + from + ".." + to + ": " + e.getMessage(), e);
    }
  }

  /** The tree id of a commit. */
  public String treeId(String commit) throws RepositoryException {
    try {
      return walk.parseCommit(ObjectId.fromString(commit)).getTree().name();
    } catch (IOException e) {
      throw new RepositoryException("cannot read commit " + commit + ": " + e.getMessage(), e);
    }
  }

  private CanonicalTreeParser treeOf(String commit) throws IOException {
    CanonicalTreeParser p = new CanonicalTreeParser();
    p.reset(reader, walk.parseCommit(ObjectId.fromString(commit)).getTree());
    return p;
  }

  /**
   * The lines of the notes on each of {@code annotated} in the notes commit {@code notes}
   * (commits without a note are left out). A note over {@code maxBytes} is an error, never
   * truncated.
   */
  public Map<String, List<String>> notesOn(String notes, Collection<String> annotated, int maxBytes)
      throws RepositoryException {
    try {
      RevCommit c = walk.parseCommit(ObjectId.fromString(notes));
      refuseDuplicateNotes(c.getTree(), annotated);
      NoteMap map = NoteMap.read(reader, c);
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (String a : annotated) {
        ObjectId blob = map.get(ObjectId.fromString(a));
        if (blob != null) {
          out.put(a, lines(blob, maxBytes, a));
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot read the notes in " + notes + ": " + e, e);
    }
  }

  /** One note that differs between two notes commits. */
  public record NoteChange(String annotated, List<String> before, List<String> after) {
    public NoteChange {
      before = List.copyOf(before);
      after = List.copyOf(after);
    }
  }

  /**
   * The notes that differ between the notes commits {@code before} (null: none) and
   * {@code after}. Only the changed subtrees are read, so the cost follows the change, not the
   * number of notes. Anything in the notes tree that is not a note (another path, a tree where a
   * note belongs, a symlink) is an error.
   */
  public List<NoteChange> noteChanges(String before, String after, int maxBytes) throws RepositoryException {
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.setRecursive(true);
      if (before == null) {
        tw.addTree(new EmptyTreeIterator());
      } else {
        tw.addTree(walk.parseCommit(ObjectId.fromString(before)).getTree());
      }
      tw.addTree(walk.parseCommit(ObjectId.fromString(after)).getTree());
      tw.setFilter(TreeFilter.ANY_DIFF);
      // A fan-out change moves a note from ab12.. to ab/12..: keyed by the annotated id, the
      // move is no change.
      Map<String, ObjectId> removed = new LinkedHashMap<>();
      Map<String, ObjectId> added = new LinkedHashMap<>();
      while (tw.next()) {
        // git and JGit read a note's name in either case.
        String annotated = tw.getPathString().replace("/", "").toLowerCase(Locale.ROOT);
        if (!annotated.matches("[0-9a-f]{40}")) {
          throw new RepositoryException("the notes tree holds '" + tw.getPathString() + "', which is not a note", null);
        }
        for (int side = 0; side < 2; side++) {
          FileMode mode = tw.getFileMode(side);
          if (mode == FileMode.MISSING) {
            continue;
          }
          if (mode != FileMode.REGULAR_FILE) {
            throw new RepositoryException("the note on " + annotated + " is not a plain file", null);
          }
          (side == 0 ? removed : added).put(annotated, tw.getObjectId(side));
        }
      }
      List<NoteChange> out = new ArrayList<>();
      Set<String> all = new LinkedHashSet<>(removed.keySet());
      all.addAll(added.keySet());
      // Only what the push leaves: a push that removes one of two notes already there is a repair.
      refuseDuplicateNotes(walk.parseCommit(ObjectId.fromString(after)).getTree(), all);
      for (String annotated : all) {
        ObjectId old = removed.get(annotated);
        ObjectId now = added.get(annotated);
        if (old != null && old.equals(now)) {
          continue;
        }
        out.add(new NoteChange(annotated, old == null ? List.of() : lines(old, maxBytes, annotated),
            now == null ? List.of() : lines(now, maxBytes, annotated)));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new RepositoryException("cannot read the notes " + before + ".." + after + ": " + e, e);
    }
  }

  private List<String> lines(ObjectId blob, int maxBytes, String annotated) throws IOException, RepositoryException {
    long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
    if (size > maxBytes) {
      throw new RepositoryException("the note on " + annotated + " is " + size + " bytes, over the limit of " + maxBytes,
          null);
    }
    String text = new String(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(maxBytes), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out;
  }

  @Override
  public void close() {
    walk.close();
    reader.close();
  }
}
