package dev.aigate.gate;

import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The refs as they were before the push, peeled on demand. A plan needs a handful of them (the
 * default branch, the protected refs a new ref is judged against, git-ai's notes), and peeling
 * every ref reads one object per ref: with Gerrit's 47k {@code refs/changes/*} that was 89 % of
 * a push's time. What is read is what {@link History#commitRefs()} would say about that ref.
 */
final class RefsBefore {
  private final History history;
  private final Map<String, Optional<String>> one = new HashMap<>();
  private Map<String, String> all;

  RefsBefore(History history) {
    this.history = history;
  }

  /** The commit {@code ref} named before the push; empty if it did not exist or names no commit. */
  Optional<String> commit(String ref) throws RepositoryException {
    if (all != null) {
      return Optional.ofNullable(all.get(ref));
    }
    Optional<String> known = one.get(ref);
    if (known == null) {
      known = history.refCommit(ref);
      one.put(ref, known);
    }
    return known;
  }

  /** The refs {@code names} accepts and the commits they name; only those refs are peeled. */
  Map<String, String> commits(Predicate<String> names) throws RepositoryException {
    if (all != null) {
      Map<String, String> out = new LinkedHashMap<>();
      all.forEach((ref, c) -> {
        if (names.test(ref)) {
          out.put(ref, c);
        }
      });
      return out;
    }
    return history.commitRefs(names);
  }

  /** Every ref's commit (provenance indexes everything that landed). */
  Collection<String> allCommits() throws RepositoryException {
    if (all == null) {
      all = history.commitRefs();
    }
    return all.values();
  }
}
