package dev.aigate.gate;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.ReviewChecker;
import dev.aigate.detect.Verdict;
import dev.aigate.git.GitRepo;
import dev.aigate.git.History;
import dev.aigate.git.Identity;
import dev.aigate.git.RefUpdate;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.Mode;
import dev.aigate.policy.Policy;
import dev.aigate.policy.RefPattern;
import dev.aigate.policy.ServerPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server-side gate: judges every commit a push brings onto a protected ref, and decides
 * the whole push (pre-receive is all or nothing).
 */
public final class PreReceive {
  public static final String BREAK_GLASS_OPTION = "aigate.breakglass";
  /** Variables hosting products use to name the pusher, most specific first. */
  private static final List<String> PUSHER_VARIABLES =
      List.of("AIGATE_PUSHER", "GL_USERNAME", "GITHUB_USER_LOGIN", "GITEA_PUSHER_NAME", "REMOTE_USER");
  private static final List<String> PUSHER_EMAIL_VARIABLES = List.of("AIGATE_PUSHER_EMAIL", "GITEA_PUSHER_EMAIL");

  private final GitRepo repo;
  private final Map<String, String> env;
  private final Path cwd;
  private final Path explicitPolicy;
  private final Deadline deadline;
  private ServerPolicy.Outcome onError = ServerPolicy.Outcome.REJECT;

  public PreReceive(GitRepo repo, Map<String, String> env, Path cwd, Path explicitPolicy, Deadline deadline) {
    this.repo = repo;
    this.env = env;
    this.cwd = cwd;
    this.explicitPolicy = explicitPolicy;
    this.deadline = deadline;
  }

  /**
   * Judges a push.
   *
   * @throws InvalidPolicyException when the applicable policy is invalid (the push is rejected)
   */
  public PushOutcome judge(List<RefUpdate> updates)
      throws RepositoryException, InvalidPolicyException, PolicySource.PolicyUnavailableException {
    String configured = repo.config("aigate", "policy").orElse(null);
    String pusher = firstOf(PUSHER_VARIABLES);
    List<CommitVerdict> verdicts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> origins = new LinkedHashSet<>();
    int refsJudged = 0;
    int pending = 0;
    String timeoutOutcome = null;
    boolean warnMode = true;
    boolean breakGlassAllowed = true;
    try (History history = repo.history()) {
      Map<String, String> before = history.commitRefs();
      Optional<String> defaultBranch = history.defaultBranch();
      HistoryEvaluation evaluation = new HistoryEvaluation(history, repo::history, deadline,
          Math.min(2, Runtime.getRuntime().availableProcessors()));
      // Which refs are protected is the default branch's policy's call; each protected ref is
      // then judged by the policy committed on it before the push.
      String mainRef = defaultBranch.orElse(null);
      Policy mainPolicy = PolicySource.resolveForServer(cwd, explicitPolicy, configured, env, history,
          mainRef == null ? null : before.get(mainRef), mainRef);
      onError = mainPolicy.server().onError();
      for (int u = 0; u < updates.size(); u++) {
        RefUpdate update = updates.get(u);
        String ref = update.refName();
        if (ref.startsWith("refs/notes/")) {
          notes.add(ref + ": notes are not code; not judged");
          continue;
        }
        if (!isProtected(ref, mainPolicy.server(), defaultBranch)) {
          notes.add(ref + ": not a protected ref; not judged");
          continue;
        }
        if (update.isDelete()) {
          notes.add(ref + ": deleted; aigate judges content, not deletions (see receive.denyDeletes)");
          continue;
        }
        Optional<String> tip = history.peelToCommit(update.newId());
        if (tip.isEmpty()) {
          notes.add(ref + ": points to a tree or blob, not a commit; nothing to judge");
          continue;
        }
        String base = update.isCreate() ? null : history.peelToCommit(update.oldId()).orElse(null);
        Policy policy = update.isCreate() || ref.equals(mainRef) ? mainPolicy
            : PolicySource.resolveForServer(cwd, explicitPolicy, configured, env, history, base, ref);
        List<String> exclude = new ArrayList<>();
        if (update.isCreate()) {
          // A new protected ref brings in whatever no protected ref had before.
          before.forEach((name, commit) -> {
            if (isProtected(name, mainPolicy.server(), defaultBranch)) {
              exclude.add(commit);
            }
          });
        } else if (base != null) {
          exclude.add(base);
        }
        origins.add(policy.origin());
        warnMode &= policy.mode() == Mode.WARN;
        breakGlassAllowed &= policy.server().breakGlass();
        refsJudged++;
        List<ReviewChecker.Ineligible> ineligible = pusherIneligible(policy, pusher);
        HistoryEvaluation.Result r = evaluation.judge(evaluation.newCommits(tip.get(), exclude), ref, policy, ineligible,
            Set.of());
        verdicts.addAll(r.verdicts());
        if (!r.unreadable().isEmpty()) {
          throw new RepositoryException("cannot read " + r.unreadable().size() + " pushed commit(s): " + r.unreadable().get(0));
        }
        if (r.timedOut()) {
          pending = r.pending() + countRemaining(updates, u + 1);
          timeoutOutcome = policy.server().onTimeout().yamlName();
          break;
        }
      }
    }
    Verdict verdict = new Verdict(verdicts, origins.isEmpty() ? "none (no protected ref pushed)" : String.join(", ", origins),
        refsJudged > 0 && warnMode);
    String breakGlass = null;
    boolean accepted = verdict.passed();
    if (timeoutOutcome != null) {
      accepted = accepted && timeoutOutcome.equals("allow");
    }
    Optional<String> requested = pushOption(BREAK_GLASS_OPTION);
    if (!accepted && requested.isPresent() && breakGlassAllowed && refsJudged > 0 && !requested.get().isBlank()) {
      breakGlass = requested.get();
      accepted = true;
    }
    return new PushOutcome(verdict, refsJudged, notes, pending, timeoutOutcome, breakGlass, pusher,
        ProcessClock.sinceStart(), accepted);
  }

  /**
   * What an internal error means for this push: the policy's {@code on-error} once it is
   * loaded; before that (or with an unreadable policy), reject.
   */
  public ServerPolicy.Outcome onError() {
    return onError;
  }

  /** Whether a break-glass was asked for, and what the gate will say about it. */
  public Optional<String> breakGlassRequest() {
    return pushOption(BREAK_GLASS_OPTION);
  }

  private static int countRemaining(List<RefUpdate> updates, int from) {
    return Math.max(0, updates.size() - from);
  }

  static boolean isProtected(String ref, ServerPolicy server, Optional<String> defaultBranch) {
    if (server.protectedRefs().isEmpty()) {
      return defaultBranch.map(ref::equals).orElse(ref.equals("refs/heads/main") || ref.equals("refs/heads/master"));
    }
    return server.protectedRefs().stream().anyMatch((RefPattern p) -> p.matches(ref));
  }

  private List<ReviewChecker.Ineligible> pusherIneligible(Policy policy, String pusher) {
    if (!policy.review().excludePusher() || pusher.isEmpty() && firstOf(PUSHER_EMAIL_VARIABLES).isEmpty()) {
      return List.of();
    }
    return List.of(new ReviewChecker.Ineligible(new Identity(pusher, firstOf(PUSHER_EMAIL_VARIABLES)), pusher,
        "the reviewer is the pusher (review.exclude-pusher)"));
  }

  /** A {@code git push -o key=value} option, if the client sent it (needs receive.advertisePushOptions). */
  private Optional<String> pushOption(String key) {
    int count;
    try {
      count = Integer.parseInt(env.getOrDefault("GIT_PUSH_OPTION_COUNT", "0"));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    for (int i = 0; i < count; i++) {
      String option = env.getOrDefault("GIT_PUSH_OPTION_" + i, "");
      if (option.equals(key)) {
        return Optional.of("");
      }
      if (option.startsWith(key + "=")) {
        return Optional.of(option.substring(key.length() + 1));
      }
    }
    return Optional.empty();
  }

  private String firstOf(List<String> variables) {
    for (String v : variables) {
      String value = env.get(v);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return "";
  }
}
