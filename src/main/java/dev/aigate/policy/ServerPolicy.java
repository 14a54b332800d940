package dev.aigate.policy;

import java.util.List;
import java.util.Locale;

/**
 * How the server-side gate (pre-receive) applies the policy.
 *
 * @param protectedRefs refs whose updates are judged; empty means the repository's default branch
 * @param onTimeout whether a push still unjudged at the deadline is rejected or let through
 * @param onError whether an internal error rejects the push or lets it through
 * @param breakGlass whether {@code git push -o aigate.breakglass=<reason>} may override violations
 * @param replaceRefs what a push to {@code refs/replace/*} gets
 * @param lateAiNotes what a git-ai notes push gets when its notes show that commits already on a
 *     protected ref broke the policy
 */
public record ServerPolicy(List<RefPattern> protectedRefs, Outcome onTimeout, Outcome onError, boolean breakGlass,
    ReplaceRefs replaceRefs, LateAiNotes lateAiNotes) {
  public ServerPolicy {
    protectedRefs = List.copyOf(protectedRefs);
    if (onTimeout == null || onError == null || replaceRefs == null || lateAiNotes == null) {
      throw new IllegalArgumentException("every server setting needs a value");
    }
  }

  public static final ServerPolicy DEFAULT =
      new ServerPolicy(List.of(), Outcome.REJECT, Outcome.REJECT, false, ReplaceRefs.REJECT, LateAiNotes.REPORT);

  /**
   * Replace refs make git serve one object in place of another to {@code log}, {@code archive}
   * and clones, behind the back of any gate that judged the original (JGit ignores them).
   */
  public enum ReplaceRefs {
    /** Refuse every update that creates or moves a replace ref. */
    REJECT,
    /** Judge a replacement commit as if it were pushed to a protected ref. */
    JUDGE;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * git-ai pushes its notes after the branch, so the gate learns that an accepted commit was AI
   * only when the commit is already on a protected ref: too late to block the commit.
   */
  public enum LateAiNotes {
    /** Accept the notes and report each such commit in the push output and the server's log. */
    REPORT,
    /**
     * Also refuse the notes push when such a commit changes a {@code deny} path, so the notes
     * cannot land until someone has dealt with the commit (reverted it, or changed the policy).
     */
    REJECT;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What happens to a push the gate could not fully judge. */
  public enum Outcome {
    REJECT,
    ALLOW;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
