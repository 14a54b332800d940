package dev.aigate.gate;

import dev.aigate.detect.AiLineIndex;
import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Evaluator;
import dev.aigate.detect.GitAiNote;
import dev.aigate.detect.ReviewChecker;
import dev.aigate.detect.Verdict;
import dev.aigate.detect.Violation;
import dev.aigate.git.GitRepo;
import dev.aigate.git.History;
import dev.aigate.git.Identity;
import dev.aigate.git.RefUpdate;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.Mode;
import dev.aigate.policy.Policy;
import dev.aigate.policy.RefPattern;
import dev.aigate.policy.ReviewPolicy;
import dev.aigate.review.ReviewCheck;
import dev.aigate.review.ReviewTrust;
import dev.aigate.review.ReviewVerifier;
import dev.aigate.policy.ServerPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server-side gate: turns a push's ref updates into plans ({@link #plan}), judges every
 * commit the judged plans bring onto protected refs, and decides the whole push (pre-receive is
 * all or nothing) as one {@link PushDecision}.
 */
public final class PreReceive {
  static final String REPLACE_PREFIX = "refs/replace/";
  /** {@code git config aigate.lateNotesLog}: where late git-ai evidence is recorded. */
  static final String LATE_NOTES_LOG = "lateNotesLog";

  private final GitRepo repo;
  private final Map<String, String> env;
  private final Path cwd;
  private final Path explicitPolicy;
  private final Deadline deadline;
  private final PushContext context;
  private ServerPolicy.Outcome onError = ServerPolicy.Outcome.REJECT;
  /** Receive time: key validity is judged now, never at a time a signer claims. */
  private Instant receivedAt = Instant.now();
  /** The notes ref values this push brings (accepted ones only), and which commits' notes it changes. */
  private final Map<String, String> pushedNotes = new HashMap<>();
  private final Map<String, List<String>> pushedAnnotated = new HashMap<>();
  /** {@link #protectedTips}, once read. */
  private Collection<String> protectedTips;
  /** The ref names a case-insensitive repository compares pushed names with, once read. */
  private List<String> refNames;

  public PreReceive(GitRepo repo, Map<String, String> env, Path cwd, Path explicitPolicy, Deadline deadline) {
    this.repo = repo;
    this.env = env;
    this.cwd = cwd;
    this.explicitPolicy = explicitPolicy;
    this.deadline = deadline;
    this.context = PushContext.from(env);
  }

  /** The push's context as read from the environment. */
  public PushContext context() {
    return context;
  }

  /**
   * What an internal error means for this push: the policy's {@code on-error} once it is
   * loaded; before that (or with an unreadable policy), reject. Errors caused by what was pushed
   * never reach it: they are rejections inside {@link #judge}.
   */
  public ServerPolicy.Outcome onError() {
    return onError;
  }

  /** Which refs are protected, and where their policies come from. */
  private record Setup(Policy mainPolicy, String mainRef, boolean defaultBranchUnborn, RefsBefore before,
      String configured, boolean ignoreCase) {}

  /**
   * Judges a push.
   *
   * @throws InvalidPolicyException when the applicable policy is invalid (the push is rejected)
   */
  public PushOutcome judge(List<RefUpdate> updates)
      throws RepositoryException, InvalidPolicyException, PolicySource.PolicyUnavailableException {
    receivedAt = Instant.now();
    pushedNotes.clear();
    pushedAnnotated.clear();
    protectedTips = null;
    refNames = null;
    try (History history = repo.history()) {
      Setup setup = setup(history);
      onError = setup.mainPolicy().server().onError();
      updates = setup.ignoreCase() ? foldSpecialRefs(updates, setup) : updates;
      List<String> notes = new ArrayList<>();
      List<RefPlan> plans = withLateAiNotes(plan(updates, history, setup, notes), updates, history, setup, notes);
      return decide(plans, history, setup, notes, aiNotesAfter(plans, updates, setup));
    }
  }

  /**
   * Indexes the whole history for provenance ({@code aigate index rebuild}) under the policy the
   * gate applies to the default branch.
   *
   * @throws IllegalStateException when that policy does not follow provenance (nothing would use the index)
   */
  public ServerLineIndex.Rebuilt rebuildLineIndex()
      throws RepositoryException, InvalidPolicyException, PolicySource.PolicyUnavailableException, IOException {
    Policy policy;
    try (History history = repo.history()) {
      policy = setup(history).mainPolicy();
    }
    if (!policy.ai().provenance().enabled()) {
      throw new IllegalStateException("the server policy (" + policy.origin() + ") does not enable ai.provenance;"
          + " nothing would use the index");
    }
    return ServerLineIndex.rebuild(repo, policy);
  }

  /**
   * Brings the AI line index up to date with every ref as it is now ({@code aigate hook
   * post-receive}, after a push landed), under the policy the gate applies to the default branch.
   *
   * @return what the reader must know: a missing, unreadable or far-behind index, or nothing
   *     (also when that policy does not follow provenance, since nothing would use the index)
   */
  public List<String> updateLineIndex()
      throws RepositoryException, InvalidPolicyException, PolicySource.PolicyUnavailableException {
    try (History history = repo.history()) {
      Policy policy = setup(history).mainPolicy();
      if (!policy.ai().provenance().enabled()) {
        return List.of();
      }
      List<String> notes = new ArrayList<>();
      ServerLineIndex.prepare(repo, history, new LinkedHashSet<>(history.commitRefs().values()), policy, deadline,
          notes);
      return notes;
    }
  }

  private Setup setup(History history)
      throws RepositoryException, InvalidPolicyException, PolicySource.PolicyUnavailableException {
    ServerSettings.check(repo);
    String configured = repo.config("aigate", "policy").orElse(null);
    RefsBefore before = new RefsBefore(history);
    String mainRef = history.defaultBranch().orElse(null);
    Optional<String> mainCommit = mainRef == null ? Optional.empty() : before.commit(mainRef);
    Policy mainPolicy = PolicySource.resolveForServer(cwd, explicitPolicy, configured, env, history,
        mainCommit.orElse(null), mainRef);
    boolean unborn = mainCommit.isEmpty();
    boolean ignoreCase = repo.configFlag("core", "ignorecase", false);
    return new Setup(mainPolicy, mainRef, unborn, before, configured, ignoreCase);
  }

  /**
   * Turns ref updates into plans: replace refs refused (or judged, if the policy says so),
   * symbolic refs resolved to what they update, non-commits on protected refs refused.
   */
  List<RefPlan> plan(List<RefUpdate> updates, History history, Setup setup, List<String> notes)
      throws RepositoryException, InvalidPolicyException, PolicySource.PolicyUnavailableException {
    ServerPolicy server = setup.mainPolicy().server();
    if (server.protectedRefs().isEmpty() && setup.defaultBranchUnborn()) {
      notes.add("WARNING: the default branch " + (setup.mainRef() == null ? "(HEAD is detached)" : setup.mainRef())
          + " does not exist yet and no protected-refs are set; refs/heads/main and refs/heads/master are protected"
          + " until it does (set protected-refs to say what to protect)");
    }
    List<RefPlan> plans = new ArrayList<>();
    long planning = System.nanoTime();
    for (RefUpdate update : updates) {
      if (deadline.passed() && System.nanoTime() - planning > HistoryEvaluation.STUCK.toNanos()) {
        // Planning is cheap per ref: a push whose refs alone outlast the budget is the pusher's
        // doing, refused whatever on-timeout says (an unplanned replace ref must not pass as a timeout).
        plans.add(new RefPlan.Refuse(update.refName(), "not read before the deadline: " + updates.size()
            + " ref updates are more than one push can judge in time; push fewer at once"));
        continue;
      }
      try {
        plans.add(planOne(update, history, setup));
      } catch (RepositoryException | RuntimeException e) {
        // What the push names could not be read: the pusher's doing, so a refusal, never on-error.
        plans.add(new RefPlan.Refuse(update.refName(), "cannot read what it names: " + e.getMessage()));
      }
    }
    return plans;
  }

  private RefPlan planOne(RefUpdate update, History history, Setup setup)
      throws RepositoryException, InvalidPolicyException, PolicySource.PolicyUnavailableException {
    String ref = update.refName();
    Policy mainPolicy = setup.mainPolicy();
    if (ref.startsWith(REPLACE_PREFIX)) {
      return planReplace(update, history, setup);
    }
    if (ref.equals(AiNotes.REF)) {
      return planAiNotes(update, history);
    }
    if (ref.startsWith("refs/notes/")) {
      return planNotes(update, history, mainPolicy.review());
    }
    String target = caseTwin(history.symrefTarget(ref).orElse(ref), history, setup);
    if (!isProtected(ref, setup) && !isProtected(target, setup)) {
      return new RefPlan.Skip(ref, RefPlan.SkipReason.NOT_PROTECTED);
    }
    if (update.isDelete()) {
      return new RefPlan.Skip(ref, RefPlan.SkipReason.DELETED);
    }
    History.ObjectKind kind = history.kind(update.newId());
    if (kind != History.ObjectKind.COMMIT) {
      return new RefPlan.Refuse(ref, "a protected ref must name a commit, and this names "
          + kind.name().toLowerCase(Locale.ROOT) + " " + update.newId());
    }
    String tip = history.peelToCommit(update.newId()).orElseThrow();
    // Through a symbolic ref the old value is the target's: judge against what the target holds.
    Optional<String> base = ref.equals(target) && !update.isCreate()
        ? history.peelToCommit(update.oldId()) : history.refCommit(target);
    boolean creates = base.isEmpty();
    Policy policy = creates || target.equals(setup.mainRef()) ? mainPolicy
        : PolicySource.resolveForServer(cwd, explicitPolicy, setup.configured(), env, history, base.get(), target);
    List<String> exclude = new ArrayList<>();
    if (creates) {
      // A new protected ref brings in whatever no protected ref had before.
      exclude.addAll(protectedTips(setup));
    } else {
      exclude.add(base.get());
    }
    return new RefPlan.Judge(ref, target, tip, exclude, policy);
  }

  /**
   * On a case-insensitive repository, {@code refs/REPLACE/<id>} is a replace ref and
   * {@code refs/NOTES/AI} is git-ai's notes ref: the updates are renamed to the spelling whose
   * rules apply, so none escapes them by its case.
   */
  private static List<RefUpdate> foldSpecialRefs(List<RefUpdate> updates, Setup setup) {
    Optional<String> reviews = setup.mainPolicy().review().signatures().map(ReviewPolicy.Signatures::notesRef);
    List<RefUpdate> out = new ArrayList<>(updates.size());
    for (RefUpdate u : updates) {
      String ref = u.refName();
      String lower = ref.toLowerCase(Locale.ROOT);
      String name = ref;
      if (reviews.isPresent() && reviews.get().equalsIgnoreCase(ref)) {
        name = reviews.get();
      } else if (lower.equals(AiNotes.REF)) {
        name = AiNotes.REF;
      } else if (lower.startsWith(REPLACE_PREFIX)) {
        name = REPLACE_PREFIX + ref.substring(REPLACE_PREFIX.length());
      } else if (lower.startsWith("refs/notes/")) {
        name = "refs/notes/" + ref.substring("refs/notes/".length());
      }
      out.add(name.equals(ref) ? u : new RefUpdate(u.oldId(), u.newId(), name));
    }
    return out;
  }

  /**
   * The ref a case-insensitive repository ({@code core.ignorecase}: macOS, Windows) really
   * updates: its loose ref for {@code refs/heads/MAIN} is the file of {@code refs/heads/main}, so
   * a push naming the first moves the second. Judged as that ref; elsewhere {@code ref} itself.
   */
  private String caseTwin(String ref, History history, Setup setup) throws RepositoryException {
    if (!setup.ignoreCase()) {
      return ref;
    }
    if (refNames == null) {
      refNames = new ArrayList<>(history.refIds().keySet());
      if (setup.mainRef() != null) {
        refNames.add(setup.mainRef());
      }
      refNames.addAll(List.of("refs/heads/main", "refs/heads/master"));
    }
    for (String name : refNames) {
      if (!name.equals(ref) && name.equalsIgnoreCase(ref) && isProtected(name, setup)) {
        return name;
      }
    }
    return ref;
  }

  /**
   * The distinct commits the protected refs named before the push, read once per push: a push
   * creating thousands of protected refs used to peel every protected ref again for each.
   */
  private Collection<String> protectedTips(Setup setup) throws RepositoryException {
    if (protectedTips == null) {
      protectedTips = List.copyOf(new LinkedHashSet<>(setup.before().commits(name -> isProtected(name, setup)).values()));
    }
    return protectedTips;
  }

  /**
   * git-ai's notes are AI evidence for the commits they annotate: they may grow, never shrink.
   * Deleting them or rewriting them (a non-fast-forward update) would take evidence away.
   */
  private RefPlan planAiNotes(RefUpdate update, History history) throws RepositoryException {
    Optional<RefPlan.Refuse> refused = appendOnly(update, history, "git-ai's notes", "AI evidence",
        "git fetch origin refs/notes/ai:refs/notes/origin-ai && git notes --ref=ai merge refs/notes/origin-ai");
    if (refused.isPresent()) {
      return refused.get();
    }
    String before = update.isCreate() ? history.refCommit(update.refName()).orElse(null) : update.oldId();
    if (before != null) {
      // A fast-forward can still remove or rewrite a note ('git notes remove' commits on top).
      for (History.NoteChange change : history.noteChanges(before, update.newId(), GitAiNote.MAX_BYTES)) {
        Set<String> after = attributed(change.after());
        for (String was : attributed(change.before())) {
          if (!after.contains(was)) {
            return new RefPlan.Refuse(update.refName(), "the note on " + change.annotated().substring(0, 12)
                + (change.after().isEmpty() ? " is removed" : " is rewritten") + " and no longer attributes " + was
                + "; git-ai's notes are AI evidence and may only grow");
          }
        }
      }
    }
    return new RefPlan.Skip(update.refName(), RefPlan.SkipReason.AI_NOTES);
  }

  /** What a git-ai note attributes to AI, as "{@code <path> to <tool>}" entries. */
  private static Set<String> attributed(List<String> note) {
    Set<String> out = new LinkedHashSet<>();
    if (!note.isEmpty()) {
      GitAiNote.parse(String.join("\n", note)).forEach(a -> out.add(a.path() + " to " + a.tool()));
    }
    return out;
  }

  /**
   * Notes refs that hold evidence only grow: no deletion, a notes commit, a fast-forward of what
   * the ref held. Empty when the update passes those checks.
   */
  private static Optional<RefPlan.Refuse> appendOnly(RefUpdate update, History history, String what, String holds,
      String howToMerge) throws RepositoryException {
    String ref = update.refName();
    if (update.isDelete()) {
      return Optional.of(new RefPlan.Refuse(ref, "deleting " + what + " would take " + holds + " away"));
    }
    History.ObjectKind kind = history.kind(update.newId());
    if (kind != History.ObjectKind.COMMIT) {
      return Optional.of(new RefPlan.Refuse(ref, what + " must name a notes commit, and this names "
          + kind.name().toLowerCase(Locale.ROOT) + " " + update.newId()));
    }
    String before = update.isCreate() ? history.refCommit(ref).orElse(null) : update.oldId();
    if (before != null && !history.isAncestor(before, update.newId())) {
      return Optional.of(new RefPlan.Refuse(ref, "not a fast-forward: a non-fast-forward update would rewrite "
          + holds + "; fetch and merge them (" + howToMerge + ") and push again"));
    }
    return Optional.empty();
  }

  /**
   * A git-ai notes update for commits already on protected refs: they are re-judged with the new
   * notes ({@link LateAiNotes}); what the notes reveal is reported and logged, and with
   * {@code late-ai-notes: reject} the notes update is refused when it reveals AI in a deny path
   * or cannot be re-judged.
   */
  private List<RefPlan> withLateAiNotes(List<RefPlan> plans, List<RefUpdate> updates, History history, Setup setup,
      List<String> notes) {
    int at = -1;
    for (int i = 0; i < plans.size(); i++) {
      if (plans.get(i) instanceof RefPlan.Skip s && s.reason() == RefPlan.SkipReason.AI_NOTES) {
        at = i;
      }
    }
    if (at < 0) {
      return plans;
    }
    RefUpdate update = updates.stream().filter(u -> u.refName().equals(AiNotes.REF)).findFirst().orElseThrow();
    LateAiNotes.Result result;
    try {
      Map<String, String> tips = setup.before().commits(ref -> !ref.startsWith("refs/notes/") && isProtected(ref, setup));
      String before = update.isCreate() ? setup.before().commit(AiNotes.REF).orElse(null) : update.oldId();
      result = LateAiNotes.find(history, before, update.newId(), tips,
          (ref, tip) -> ref.equals(setup.mainRef()) ? setup.mainPolicy()
              : PolicySource.resolveForServer(cwd, explicitPolicy, setup.configured(), env, history, tip, ref),
          (plan, commits) -> new HistoryEvaluation(history, repo::history, deadline,
              Math.min(2, Runtime.getRuntime().availableProcessors())).withAiNotes(Optional.of(update.newId()))
              .judge(commits, plan.target(), plan.policy(), pusherIneligible(plan.policy()), Set.of(),
                  signedReviews(history, plan, commits)));
    } catch (RepositoryException | RuntimeException e) {
      result = new LateAiNotes.Result(List.of(), List.of("the notes cannot be read: " + e.getMessage()));
    }
    Path log = ServerLog.path(repo, LATE_NOTES_LOG, "late-ai-notes.log");
    for (LateAiNotes.Finding f : result.findings()) {
      notes.add("LATE AI EVIDENCE: " + f.describe());
      Optional<String> failed;
      try {
        failed = ServerLog.append(log, LateAiNotes.record(f, update.newId(), context.pusher()));
      } catch (IOException e) {
        failed = Optional.of(e.getMessage());
      }
      failed.ifPresent(why -> notes.add("WARNING: cannot record late AI evidence in " + why));
    }
    result.incomplete().forEach(why -> notes.add("WARNING: " + AiNotes.REF + ": not re-judged: " + why));
    if (setup.mainPolicy().server().lateAiNotes() != ServerPolicy.LateAiNotes.REJECT) {
      return plans;
    }
    Optional<LateAiNotes.Finding> denied = result.findings().stream().filter(LateAiNotes.Finding::deniesPath)
        .findFirst();
    String reason = null;
    if (denied.isPresent()) {
      reason = "these notes show " + denied.get().describe() + ", in a deny path (late-ai-notes: reject); revert"
          + " the commit or change the policy, then push the notes again";
    } else if (!result.incomplete().isEmpty()) {
      reason = "the commits these notes annotate cannot all be re-judged (late-ai-notes: reject): "
          + result.incomplete().get(0);
    }
    if (reason == null) {
      return plans;
    }
    List<RefPlan> out = new ArrayList<>(plans);
    out.set(at, new RefPlan.Refuse(AiNotes.REF, reason));
    return out;
  }

  /** The notes commit refs/notes/ai will name after this push: its pushed value if accepted, else today's. */
  private static Optional<String> aiNotesAfter(List<RefPlan> plans, List<RefUpdate> updates, Setup setup)
      throws RepositoryException {
    for (RefUpdate u : updates) {
      if (u.refName().equals(AiNotes.REF) && !u.isDelete()
          && plans.stream().anyMatch(p -> p instanceof RefPlan.Skip s && s.reason() == RefPlan.SkipReason.AI_NOTES)) {
        return Optional.of(u.newId());
      }
    }
    return setup.before().commit(AiNotes.REF);
  }

  /**
   * The review notes ref is evidence, so it only grows: a fast-forward, no record removed or
   * changed, and every new record parses and verifies at receive time (no junk a later reader
   * has to wade through). Other notes refs are not judged.
   */
  private RefPlan planNotes(RefUpdate update, History history, ReviewPolicy review) throws RepositoryException {
    String ref = update.refName();
    if (review.signatures().isEmpty() || !ref.equals(review.signatures().get().notesRef())) {
      return new RefPlan.Skip(ref, RefPlan.SkipReason.NOTES);
    }
    Optional<RefPlan.Refuse> refused = appendOnly(update, history, "the review notes ref", "review records",
        "'aigate review push' does both");
    if (refused.isPresent()) {
      return refused.get();
    }
    String before = update.isCreate() ? history.refCommit(ref).orElse(null) : update.oldId();
    Optional<ReviewTrust> trust;
    try {
      trust = ReviewTrustFiles.load(review, Optional.empty(), receivedAt);
    } catch (ReviewTrustFiles.Unavailable e) {
      return new RefPlan.Refuse(ref, "review records cannot be verified: " + e.getMessage());
    }
    ReviewVerifier verifier = new ReviewVerifier(trust.orElseThrow());
    List<String> annotated = new ArrayList<>();
    for (History.NoteChange change : history.noteChanges(before, update.newId(), SignedReviews.MAX_NOTE_BYTES)) {
      String on = change.annotated().substring(0, 12);
      Set<String> after = new HashSet<>(change.after());
      for (String old : change.before()) {
        if (!after.contains(old)) {
          return new RefPlan.Refuse(ref, "review records are append-only; the note on " + on
              + " loses or changes a record");
        }
      }
      Set<String> old = new HashSet<>(change.before());
      for (String line : change.after()) {
        if (old.contains(line)) {
          continue;
        }
        ReviewCheck check = verifier.checkLine(line);
        if (check instanceof ReviewCheck.Rejected rejected) {
          return new RefPlan.Refuse(ref, "a new review record on " + on + " does not verify: " + rejected.reason());
        }
      }
      annotated.add(change.annotated());
    }
    pushedNotes.put(ref, update.newId());
    pushedAnnotated.put(ref, annotated);
    return new RefPlan.Skip(ref, RefPlan.SkipReason.REVIEW_NOTES);
  }

  /** The signed reviews that may cover {@code commits} of {@code plan}. */
  private SignedReviews signedReviews(History history, RefPlan.Judge plan, List<String> commits)
      throws RepositoryException, ReviewTrustFiles.Unavailable {
    ReviewPolicy review = plan.policy().review();
    Optional<ReviewTrust> trust = ReviewTrustFiles.load(review, Optional.empty(), receivedAt);
    if (trust.isEmpty()) {
      return SignedReviews.none();
    }
    String notesRef = review.signatures().orElseThrow().notesRef();
    Optional<String> notes = pushedNotes.containsKey(notesRef) ? Optional.of(pushedNotes.get(notesRef))
        : history.refCommit(notesRef);
    if (notes.isEmpty()) {
      return SignedReviews.none();
    }
    Optional<String> rangeBase = Optional.empty();
    if (plan.exclude().size() == 1) {
      rangeBase = history.mergeBases(plan.tip(), plan.exclude().get(0)).stream().findFirst();
    }
    return SignedReviews.find(history, trust.get(), review.binding(), plan.target(), commits, plan.exclude(), rangeBase,
        plan.tip(), notes.get(), pushedAnnotated.getOrDefault(notesRef, List.of()));
  }

  /**
   * {@code refs/replace/<id>} makes git serve the pushed object wherever {@code <id>} appears.
   * Refused unless the policy says {@code replace-refs: judge}; then a replacement commit is
   * judged as if pushed to the default branch, and anything else is refused.
   */
  private RefPlan planReplace(RefUpdate update, History history, Setup setup) throws RepositoryException {
    String ref = update.refName();
    if (update.isDelete()) {
      return new RefPlan.Skip(ref, RefPlan.SkipReason.DELETED);
    }
    if (setup.mainPolicy().server().replaceRefs() == ServerPolicy.ReplaceRefs.REJECT) {
      return new RefPlan.Refuse(ref, "replace refs make git serve other objects in place of judged ones"
          + " (replace-refs: reject); use replace-refs: judge in the server policy to allow them");
    }
    if (history.kind(update.newId()) != History.ObjectKind.COMMIT) {
      return new RefPlan.Refuse(ref, "only commits can be judged as replacements; this replaces with a "
          + history.kind(update.newId()).name().toLowerCase(Locale.ROOT));
    }
    List<String> exclude = new ArrayList<>(protectedTips(setup));
    String target = setup.mainRef() == null ? ref : setup.mainRef();
    return new RefPlan.Judge(ref, target, history.peelToCommit(update.newId()).orElseThrow(), exclude,
        setup.mainPolicy());
  }

  private PushOutcome decide(List<RefPlan> plans, History history, Setup setup, List<String> notes,
      Optional<String> aiNotes) throws RepositoryException {
    HistoryEvaluation evaluation = new HistoryEvaluation(history, repo::history, deadline,
        Math.min(2, Runtime.getRuntime().availableProcessors())).withAiNotes(aiNotes);
    List<CommitVerdict> verdicts = new ArrayList<>();
    Set<String> origins = new LinkedHashSet<>();
    List<PushDecision.Cause> causes = new ArrayList<>();
    List<String> details = new ArrayList<>();
    // A commit judged under one policy says nothing about another policy: reported once per
    // (commit, policy). Every ref's commits are still judged in full, so that merge coverage
    // sees the whole graph of each ref. Policies are told apart by identity: refs that share a
    // policy share its one loaded instance, and policies loaded apart hold their own compiled
    // patterns, which never compared equal anyway. The record's deep hash over the whole
    // catalogue was a sixth of a push's start-up.
    Map<Policy, Set<String>> judged = new IdentityHashMap<>();
    boolean warnMode = true;
    boolean breakGlassAllowed = true;
    int pendingCommits = 0;
    int pendingRefs = 0;
    ServerPolicy.Outcome onTimeout = null;
    for (RefPlan plan : plans) {
      if (plan instanceof RefPlan.Refuse refuse) {
        add(causes, PushDecision.Cause.REFUSED_REF);
        details.add(refuse.describe());
      }
    }
    List<RefPlan.Judge> toJudge = plans.stream().filter(p -> p instanceof RefPlan.Judge)
        .map(p -> (RefPlan.Judge) p).toList();
    Optional<Policy> following = toJudge.stream().map(RefPlan.Judge::policy)
        .filter(p -> p.ai().provenance().enabled()).findFirst();
    if (following.isPresent()) {
      // One index for the whole push: the history before it, then each judged commit once.
      AiLineIndex lines = ServerLineIndex.prepare(repo, history, setup.before().allCommits(), following.get(), deadline,
          notes);
      evaluation.withLineIndex(() -> lines);
    }
    for (int i = 0; i < toJudge.size(); i++) {
      RefPlan.Judge plan = toJudge.get(i);
      Policy policy = plan.policy();
      if (i > 0 && deadline.passed()) {
        // Each ref's walk takes time even when it brings no new commit: past the deadline the
        // rest are not judged, and that is a timeout, not an acceptance.
        pendingRefs = toJudge.size() - i;
        onTimeout = policy.server().onTimeout();
        break;
      }
      origins.add(policy.origin());
      warnMode &= policy.mode() == Mode.WARN;
      breakGlassAllowed &= policy.server().breakGlass();
      Set<String> done = judged.computeIfAbsent(policy, p -> new HashSet<>());
      HistoryEvaluation.Result r;
      try {
        List<String> commits = evaluation.newCommits(plan.tip(), plan.exclude());
        SignedReviews signed = signedReviews(history, plan, commits);
        signed.problems().forEach(p -> notes.add(plan.target() + ": " + p));
        r = evaluation.judge(commits, plan.target(), policy, pusherIneligible(policy), Set.of(), signed);
      } catch (ReviewTrustFiles.Unavailable e) {
        add(causes, PushDecision.Cause.UNREADABLE);
        details.add(plan.ref() + ": signed reviews cannot be judged: " + e.getMessage());
        continue;
      } catch (RepositoryException | RuntimeException e) {
        add(causes, PushDecision.Cause.UNREADABLE);
        details.add(plan.ref() + ": cannot read the pushed commits: " + e.getMessage());
        continue;
      }
      Evaluator evaluator = new Evaluator(policy, Optional.of(plan.target()));
      for (CommitVerdict v : r.verdicts()) {
        if (!done.add(v.change().id())) {
          continue;
        }
        verdicts.add(history.changesPath(v.change().id(), Policy.FILE_NAME)
            ? evaluator.requireReviewOfPolicyChange(v) : v);
      }
      if (!r.unreadable().isEmpty()) {
        add(causes, PushDecision.Cause.UNREADABLE);
        r.unreadable().forEach(u -> details.add("cannot judge commit " + u));
      }
      if (!r.stuck().isEmpty()) {
        add(causes, PushDecision.Cause.UNREADABLE);
        r.stuck().forEach(s -> details.add("commit " + s.substring(0, 12) + " held the gate alone for over "
            + HistoryEvaluation.STUCK.toSeconds() + " s; content that cannot be judged in time is refused"));
      }
      if (r.timedOut()) {
        pendingCommits = r.pending();
        pendingRefs = toJudge.size() - i - 1;
        onTimeout = policy.server().onTimeout();
        break;
      }
    }
    Verdict verdict = new Verdict(verdicts, origins.isEmpty() ? "none (no protected ref pushed)" : String.join(", ", origins),
        !toJudge.isEmpty() && warnMode);
    if (toJudge.isEmpty() && causes.isEmpty()) {
      notes.add("no protected ref in this push (protected: " + protectedDescription(setup) + ")");
    }
    int blocking = (int) verdicts.stream().flatMap(v -> v.violations().stream()).filter(Violation::blocking).count();
    if (!verdict.passed()) {
      add(causes, PushDecision.Cause.VIOLATIONS);
    }
    boolean timedOut = onTimeout != null;
    if (timedOut && onTimeout == ServerPolicy.Outcome.REJECT) {
      add(causes, PushDecision.Cause.TIMEOUT);
    }
    PushDecision decision;
    Optional<String> requested = context.breakGlass();
    if (causes.isEmpty()) {
      decision = timedOut ? new PushDecision.TimeoutAllowed(pendingCommits, pendingRefs) : new PushDecision.Accepted();
    } else if (requested.isPresent() && causes.equals(List.of(PushDecision.Cause.VIOLATIONS))) {
      decision = breakGlass(requested.get(), breakGlassAllowed, blocking, verdicts, toJudge, causes, details);
    } else {
      if (requested.isPresent()) {
        details.add("break-glass does not override " + causes + "; only policy violations can be overridden");
      }
      decision = new PushDecision.Rejected(causes, details);
    }
    return new PushOutcome(verdict, plans, notes, pendingCommits, pendingRefs, decision, context,
        deadline.elapsed());
  }

  private PushDecision breakGlass(String reason, boolean allowed, int blocking, List<CommitVerdict> verdicts,
      List<RefPlan.Judge> judged, List<PushDecision.Cause> causes, List<String> details) {
    if (!allowed) {
      details.add("break-glass requested, but the policy does not allow it (break-glass: true)");
      return new PushDecision.Rejected(causes, details);
    }
    if (reason.isBlank()) {
      details.add("break-glass requested without a reason (-o aigate.breakglass=\"<reason>\")");
      return new PushDecision.Rejected(causes, details);
    }
    PushDecision.BreakGlass decision = new PushDecision.BreakGlass(reason, context.pusher(), blocking);
    Optional<String> logged = BreakGlassLog.append(repo, decision, verdicts, judged);
    if (logged.isPresent()) {
      details.add("break-glass refused: " + logged.get());
      return new PushDecision.Rejected(causes, details);
    }
    return decision;
  }

  private static void add(List<PushDecision.Cause> causes, PushDecision.Cause cause) {
    if (!causes.contains(cause)) {
      causes.add(cause);
    }
  }

  private String protectedDescription(Setup setup) {
    List<RefPattern> refs = setup.mainPolicy().server().protectedRefs();
    if (!refs.isEmpty()) {
      return refs.toString();
    }
    return setup.defaultBranchUnborn() ? "refs/heads/main, refs/heads/master (the default branch is unborn)"
        : "the default branch " + setup.mainRef();
  }

  private static boolean isProtected(String ref, Setup setup) {
    if (isProtected(ref, setup.mainPolicy().server(), Optional.ofNullable(setup.mainRef()),
        setup.defaultBranchUnborn())) {
      return true;
    }
    if (!setup.ignoreCase()) {
      return false;
    }
    ServerPolicy server = setup.mainPolicy().server();
    if (server.protectedRefs().isEmpty()) {
      boolean conventional = ref.equalsIgnoreCase("refs/heads/main") || ref.equalsIgnoreCase("refs/heads/master");
      return setup.mainRef() != null && ref.equalsIgnoreCase(setup.mainRef())
          || (setup.defaultBranchUnborn() || setup.mainRef() == null) && conventional;
    }
    return server.protectedRefs().stream().anyMatch(p -> p.matchesIgnoringCase(ref));
  }

  /**
   * Whether {@code ref} is protected: by the policy's {@code protected-refs}, else the default
   * branch; while the default branch is unborn, {@code main} and {@code master} too, so the first
   * push of a new repository is never waved through for naming the "wrong" branch.
   */
  static boolean isProtected(String ref, ServerPolicy server, Optional<String> defaultBranch, boolean unborn) {
    if (server.protectedRefs().isEmpty()) {
      boolean conventional = ref.equals("refs/heads/main") || ref.equals("refs/heads/master");
      return defaultBranch.map(ref::equals).orElse(false) || (unborn || defaultBranch.isEmpty()) && conventional;
    }
    return server.protectedRefs().stream().anyMatch((RefPattern p) -> p.matches(ref));
  }

  private List<ReviewChecker.Ineligible> pusherIneligible(Policy policy) {
    if (!policy.review().excludePusher() || !context.knowsPusher()) {
      return List.of();
    }
    return List.of(new ReviewChecker.Ineligible(new Identity(context.pusher(), context.pusherEmail()), context.pusher(),
        "the reviewer is the pusher (review.exclude-pusher)"));
  }
}
