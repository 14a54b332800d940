package dev.aigate.gate;

import dev.aigate.git.GitRepo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's own settings, {@code git config aigate.*} in the server repository. A name aigate
 * does not know is refused, never ignored: {@code aigate.polcy} would leave the pinned policy
 * unset, and the gate would quietly judge by the policy committed in the repository instead.
 */
final class ServerSettings {
  /** Lower-cased, as git compares names. */
  private static final Set<String> KNOWN = Set.of("policy", BreakGlassLog.CONFIG_NAME.toLowerCase(Locale.ROOT),
      PreReceive.LATE_NOTES_LOG.toLowerCase(Locale.ROOT));

  private ServerSettings() {}

  static void check(GitRepo repo) throws PolicySource.PolicyUnavailableException {
    List<String> unknown = new ArrayList<>();
    for (String name : repo.configNames("aigate")) {
      if (!KNOWN.contains(name.toLowerCase(Locale.ROOT))) {
        unknown.add("aigate." + name);
      }
    }
    if (!unknown.isEmpty()) {
      Set<String> known = new TreeSet<>(List.of("aigate.policy", "aigate." + BreakGlassLog.CONFIG_NAME,
          "aigate." + PreReceive.LATE_NOTES_LOG));
      throw new PolicySource.PolicyUnavailableException("the server's git config sets " + String.join(", ", unknown)
          + ", which aigate does not know (a misspelt setting is not applied); known: " + String.join(", ", known)
          + ". Fix or remove it: git config --unset " + unknown.get(0));
    }
  }
}
