package dev.aigate.gate;

import dev.aigate.git.FileChange;
import dev.aigate.git.GitProcess;
import dev.aigate.git.GitRepo;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.Action;
import dev.aigate.policy.PathGlob;
import dev.aigate.policy.PathSet;
import dev.aigate.policy.Policy;
import dev.aigate.policy.ReviewPolicy;
import dev.aigate.policy.Rule;
import dev.aigate.review.ReviewRecord;
import dev.aigate.review.ReviewStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reviewer's side of signed reviews: what {@code aigate review sign} is about to approve, the
 * signature (by {@code ssh-keygen}, so agents and FIDO keys work and aigate never holds a private
 * key), and the note it appends.
 */
public final class ReviewSigning {
  private ReviewSigning() {}

  /** Signing cannot go ahead; the message says what to do. */
  public static final class SigningException extends Exception {
    private static final long serialVersionUID = 1L;

    public SigningException(String message) {
      super(message);
    }
  }

  /**
   * A statement ready to sign and what it covers.
   *
   * @param files the protected paths base..head changes (what the reviewer is shown)
   */
  public record Prepared(ReviewStatement statement, List<String> files, String notesRef, String namespace) {
    public Prepared {
      files = List.copyOf(files);
    }
  }

  /** The settings of signed reviews in {@code policy}, or the defaults. */
  static String notesRef(ReviewPolicy review) {
    return review.signatures().map(ReviewPolicy.Signatures::notesRef).orElse(ReviewPolicy.DEFAULT_NOTES_REF);
  }

  static String namespace(ReviewPolicy review) {
    return review.signatures().map(ReviewPolicy.Signatures::namespace).orElse(ReviewPolicy.DEFAULT_NAMESPACE);
  }

  /**
   * The statement for a review of {@code revision} against {@code base} for {@code target}.
   *
   * @param base the commit the reviewer diffs against; empty: the merge base with the target
   * @param target the ref the change is for; empty: the remote's default branch, else refs/heads/main
   */
  public static Prepared prepare(GitRepo repo, Policy policy, String revision, Optional<String> base,
      Optional<String> target, String reviewer, Instant now) throws RepositoryException, SigningException {
    String repoId = policy.review().repoId().orElseThrow(() -> new SigningException("the policy sets no review.repo-id;"
        + " a signed review names the repository it is for, so set one (for example 'repo-id: acme/payments')"));
    try (History h = repo.history()) {
      String head = h.resolve(revision);
      String targetRef = target.map(ReviewSigning::qualify).orElseGet(() -> defaultTarget(h));
      String baseId = base.isPresent() ? h.resolve(base.get()) : defaultBase(h, head, targetRef);
      if (baseId.equals(head)) {
        throw new SigningException(revision + " is already in " + targetRef + ": nothing to review (give --base)");
      }
      if (!h.isAncestor(baseId, head)) {
        throw new SigningException("--base " + base.orElse(baseId) + " is not a commit " + revision + " descends from:"
            + " the diff from it would not show what " + revision + "'s own commits did, and the gate would not count"
            + " the review for them; give an ancestor (the merge base with the target, by default)");
      }
      List<String> globs = new ArrayList<>(protectedGlobs(policy));
      PathSet protectedScope = new PathSet(globs.stream().map(PathGlob::compile).toList());
      globs.addAll(contentSeenThroughAliases(h, baseId, head, protectedScope));
      PathSet scope = new PathSet(globs.stream().map(PathGlob::compile).toList());
      ReviewStatement s = new ReviewStatement(repoId, targetRef, baseId, head, h.treeId(head),
          h.patchDigest(baseId, head, scope::matches), globs, ReviewStatement.Verdict.APPROVE,
          reviewer.isBlank() ? "unknown" : reviewer.strip(), now.truncatedTo(ChronoUnit.SECONDS));
      // base64 of the statement, beside base64 of an armored signature (up to about 3 KiB, RSA 4096).
      long estimated = 4L * ((s.render().length + 2) / 3) + 3072;
      if (estimated > ReviewRecord.MAX_LINE_BYTES || s.render().length > ReviewStatement.MAX_BYTES) {
        throw new SigningException("the record would be about " + estimated + " bytes, over the gate's limit of "
            + ReviewRecord.MAX_LINE_BYTES + ": its paths (" + globs.size() + " globs, from the policy and from files a"
            + " checkout shows inside them through links) are too many; review a smaller change");
      }
      return new Prepared(s, h.changedPaths(baseId, head, scope::matches), notesRef(policy.review()),
          namespace(policy.review()));
    }
  }

  /**
   * The tree paths base..head changes that a checkout of {@code head} also shows inside {@code
   * scope} (through a symlink, or as another spelling), as literal globs: the gate counts a
   * review for such a path only when the review's globs hold where the content is, so the
   * statement names it, its digest holds it, and the reviewer is shown its diff.
   */
  private static List<String> contentSeenThroughAliases(History h, String base, String head, PathSet scope)
      throws RepositoryException {
    List<FileChange> changed = new ArrayList<>();
    for (String path : h.changedPaths(base, head, p -> true)) {
      changed.add(new FileChange(FileChange.Kind.MODIFY, path, null, FileChange.EntryType.FILE, List.of()));
    }
    Map<String, List<String>> byDirectory = new LinkedHashMap<>();
    for (FileChange f : h.asCheckedOut(head, changed)) {
      if (f.aliasOf() != null && scope.matches(f.path()) && !scope.matches(f.aliasOf())) {
        int slash = f.aliasOf().lastIndexOf('/');
        byDirectory.computeIfAbsent(slash < 0 ? "" : f.aliasOf().substring(0, slash), k -> new ArrayList<>()).add(f.aliasOf());
      }
    }
    // Many files behind one directory link: their directory, so the record stays within its size.
    Set<String> out = new LinkedHashSet<>();
    byDirectory.forEach((dir, paths) -> {
      if (paths.size() > 1 && !dir.isEmpty()) {
        PathGlob.literal(dir).ifPresent(g -> out.add(g + "/**"));
      } else {
        paths.forEach(p -> PathGlob.literal(p).ifPresent(out::add));
      }
    });
    return List.copyOf(out);
  }

  /**
   * The globs a review covers: everything when unlisted paths need review, else every path a
   * review-requiring or deny rule names. Negations are left out, so the scope is never smaller
   * than what the policy protects.
   */
  static List<String> protectedGlobs(Policy policy) {
    if (policy.defaultAction() == Action.REQUIRE_REVIEW || policy.defaultAction() == Action.DENY) {
      return List.of("**");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Rule r : policy.rules()) {
      if (r.action() == Action.REQUIRE_REVIEW || r.action() == Action.DENY) {
        for (PathGlob g : r.paths().globs()) {
          if (!g.negated()) {
            out.add(g.toString());
          }
        }
      }
    }
    out.add(Policy.FILE_NAME);
    return List.copyOf(out);
  }

  static String qualify(String ref) {
    return ref.startsWith("refs/") ? ref : "refs/heads/" + ref;
  }

  static String defaultTarget(History h) {
    try {
      Optional<String> remoteHead = h.symrefTarget("refs/remotes/origin/HEAD");
      if (remoteHead.isPresent() && remoteHead.get().startsWith("refs/remotes/origin/")) {
        return "refs/heads/" + remoteHead.get().substring("refs/remotes/origin/".length());
      }
    } catch (RepositoryException e) {
      // No remote HEAD: the conventional default below.
    }
    return "refs/heads/main";
  }

  static String defaultBase(History h, String head, String target) throws RepositoryException, SigningException {
    String name = target.startsWith("refs/heads/") ? target.substring("refs/heads/".length()) : target;
    for (String candidate : List.of("refs/remotes/origin/" + name, target)) {
      Optional<String> tip = h.refCommit(candidate);
      if (tip.isPresent()) {
        List<String> bases = h.mergeBases(head, tip.get());
        if (!bases.isEmpty()) {
          return bases.get(0);
        }
      }
    }
    throw new SigningException("cannot find where the change starts: neither refs/remotes/origin/" + name + " nor "
        + target + " shares history with it; give --base <rev>");
  }

  /**
   * Signs {@code statement} with {@code ssh-keygen -Y sign}; {@code key} may be a private key or,
   * with ssh-agent, its public key. ssh-keygen's prompts (passphrase, FIDO touch) reach the user.
   */
  public static String sign(byte[] statement, Path key, String namespace, Map<String, String> env)
      throws SigningException {
    ProcessBuilder pb = new ProcessBuilder("ssh-keygen", "-q", "-Y", "sign", "-n", namespace, "-f", key.toString());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process p = pb.start();
      try (var in = p.getOutputStream()) {
        in.write(statement);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      int rc = p.waitFor();
      if (rc != 0 || !out.contains("BEGIN SSH SIGNATURE")) {
        throw new SigningException("ssh-keygen -Y sign -n " + namespace + " -f " + key + " failed (exit " + rc + ")");
      }
      return out;
    } catch (IOException e) {
      throw new SigningException("cannot run ssh-keygen (OpenSSH 8.2 or later is needed): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SigningException("interrupted while signing");
    }
  }

  /** The diff of the protected files base..head that the reviewer approves, as git shows it. */
  public static String protectedDiff(GitProcess git, Prepared p) throws RepositoryException {
    ReviewStatement s = p.statement();
    List<String> diff = new ArrayList<>(List.of("--no-pager", "diff", "--no-color", "--no-ext-diff", "--no-textconv", s.base(),
        s.head(), "--"));
    p.files().forEach(f -> diff.add(":(literal)" + f));
    return git.require(null, diff.toArray(String[]::new));
  }

  /** The record's line added to the note on the reviewed head, lines sorted and unique (as cat_sort_uniq merges). */
  public static void append(GitProcess git, String notesRef, String head, ReviewRecord record) throws RepositoryException {
    GitProcess.Result existing = git.run(null, "notes", "--ref", notesRef, "show", head);
    TreeSet<String> lines = new TreeSet<>();
    if (existing.ok()) {
      for (String l : existing.out().split("\n")) {
        if (!l.isBlank()) {
          lines.add(l.strip());
        }
      }
    }
    lines.add(record.toLine());
    String body = String.join("\n", lines) + "\n";
    git.require(body.getBytes(StandardCharsets.UTF_8), "notes", "--ref", notesRef, "add", "-f", "-F", "-", head);
  }

  /** Review records as lines of the note on {@code commit}, read from the local notes ref. */
  public static List<String> recordsOn(GitProcess git, String notesRef, String commit) throws RepositoryException {
    GitProcess.Result r = git.run(null, "notes", "--ref", notesRef, "show", commit);
    List<String> out = new ArrayList<>();
    if (r.ok()) {
      for (String l : r.out().split("\n")) {
        if (!l.isBlank()) {
          out.add(l.strip());
        }
      }
    }
    return out;
  }
}
