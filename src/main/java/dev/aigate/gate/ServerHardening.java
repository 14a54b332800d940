package dev.aigate.gate;

import dev.aigate.git.GitRepo;
import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.Policy;
import dev.aigate.policy.ServerPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hardening checklist for a server repository (docs/hosting.md), checked against the
 * repository as it is: what holds, and what the administrator still has to do.
 */
public final class ServerHardening {
  private ServerHardening() {}

  /** One item of the checklist. */
  public record Item(Status status, String text) {
    @Override
    public String toString() {
      return "[" + status.label + "] " + text;
    }
  }

  /** Whether an item holds. */
  public enum Status {
    OK("ok"),
    TODO("todo"),
    WARNING("WARNING");

    private final String label;

    Status(String label) {
      this.label = label;
    }
  }

  public static List<Item> check(GitRepo repo, Map<String, String> env, Path cwd, Path explicitPolicy) {
    List<Item> out = new ArrayList<>();
    String configured = repo.config("aigate", "policy").orElse(null);
    Policy policy = null;
    try (History history = repo.history()) {
      Optional<String> head = history.defaultBranch();
      Optional<String> headCommit = head.isEmpty() ? Optional.empty() : history.refCommit(head.get());
      policy = PolicySource.resolveForServer(cwd, explicitPolicy, configured, env, history, headCommit.orElse(null),
          head.orElse(null));
      boolean pinned = explicitPolicy != null || configured != null && !configured.isEmpty();
      out.add(pinned ? new Item(Status.OK, "pinned server policy: " + policy.origin())
          : new Item(Status.WARNING, "the policy is the .aigate.yml committed on each protected ref: a reviewed commit"
              + " can still change the rules later pushes are judged by; pin a server-side policy with"
              + " 'aigate install --server --policy <file>' (git config aigate.policy)"));
      if (policy.server().protectedRefs().isEmpty()) {
        if (headCommit.isEmpty()) {
          out.add(new Item(Status.WARNING, "the default branch " + head.orElse("(HEAD is not symbolic)")
              + " does not exist and protected-refs is empty: until it does, refs/heads/main and refs/heads/master"
              + " are protected; set protected-refs in the policy to say what to protect"));
        } else {
          out.add(new Item(Status.OK, "protected: the default branch " + head.get() + " (protected-refs is empty)"));
        }
      } else {
        out.add(new Item(Status.OK, "protected refs: " + policy.server().protectedRefs()));
      }
    } catch (RepositoryException | InvalidPolicyException | PolicySource.PolicyUnavailableException e) {
      out.add(new Item(Status.WARNING, "the server policy cannot be loaded, so every push will be rejected: "
          + e.getMessage()));
    }
    boolean fsck = repo.config("receive", "fsckObjects").map("true"::equalsIgnoreCase).orElse(false)
        || repo.config("transfer", "fsckObjects").map("true"::equalsIgnoreCase).orElse(false);
    out.add(fsck ? new Item(Status.OK, "receive.fsckObjects is on: malformed objects never reach the gate")
        : new Item(Status.TODO, "git config receive.fsckObjects true (aigate refuses duplicate identity headers itself,"
            + " fsck refuses every malformed object)"));
    if (policy != null) {
      out.add(policy.server().replaceRefs() == ServerPolicy.ReplaceRefs.REJECT
          ? new Item(Status.OK, "pushes to refs/replace/* are refused (replace-refs: reject)")
          : new Item(Status.WARNING, "replace-refs: judge: replacement commits are judged, other replacements refused"));
      out.add(policy.server().onTimeout() == ServerPolicy.Outcome.REJECT
          && policy.server().onError() == ServerPolicy.Outcome.REJECT
          ? new Item(Status.OK, "on-timeout and on-error reject")
          : new Item(Status.WARNING, "on-timeout: " + policy.server().onTimeout().yamlName() + ", on-error: "
              + policy.server().onError().yamlName() + ": 'allow' lets unjudged pushes through when the gate itself"
              + " is slow or broken (pushed content it cannot read is rejected regardless)"));
    }
    out.add(new Item(Status.OK, "symbolic refs (refs/heads/master -> refs/heads/main) are judged as the ref they update"));
    out.add(repo.config("receive", "denyNonFastForwards").map("true"::equalsIgnoreCase).orElse(false)
        && repo.config("receive", "denyDeletes").map("true"::equalsIgnoreCase).orElse(false)
        ? new Item(Status.OK, "receive.denyNonFastForwards and receive.denyDeletes are on")
        : new Item(Status.TODO, "git config receive.denyNonFastForwards true and receive.denyDeletes true, or the"
            + " host's branch protection (aigate judges content, not history rewrites or deletions)"));
    out.add(repo.config("receive", "advertisePushOptions").map("true"::equalsIgnoreCase).orElse(false)
        ? new Item(Status.OK, "receive.advertisePushOptions is on (break-glass can be requested)")
        : new Item(Status.TODO, "break-glass needs: git config receive.advertisePushOptions true"));
    out.add(new Item(Status.OK, "break-glass use is logged to " + BreakGlassLog.path(repo)));
    return out;
  }
}
