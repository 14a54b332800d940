package dev.aigate.policy;

import java.util.List;

/**
 * How the server-side gate (pre-receive) applies the policy.
 *
 * @param protectedRefs refs whose updates are judged; empty means the repository's default branch
 * @param onTimeout whether a push still unjudged at the deadline is rejected or let through
 * @param onError whether an internal error rejects the push or lets it through
 * @param breakGlass whether {@code git push -o aigate.breakglass=<reason>} may override violations
 */
public record ServerPolicy(List<RefPattern> protectedRefs, Outcome onTimeout, Outcome onError, boolean breakGlass) {
  public ServerPolicy {
    protectedRefs = List.copyOf(protectedRefs);
  }

  public static final ServerPolicy DEFAULT = new ServerPolicy(List.of(), Outcome.REJECT, Outcome.REJECT, false);

  /** What happens to a push the gate could not fully judge. */
  public enum Outcome {
    REJECT,
    ALLOW;

    public String yamlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
