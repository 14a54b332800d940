package dev.aigate.gate;

import dev.aigate.git.History;
import dev.aigate.git.RepositoryException;
import dev.aigate.policy.InvalidPolicyException;
import dev.aigate.policy.Policy;
import dev.aigate.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the policy for a run: {@code --policy}, then {@code AIGATE_POLICY}, then
 * {@code .aigate.yml} at the repository root, then the embedded default. A policy that is named
 * but missing or unreadable is an error, never a silent fall-back to the default.
 */
public final class PolicySource {
  public static final String ENV_POLICY = "AIGATE_POLICY";

  private PolicySource() {}

  /**
   * The repository's own policy file, read only when nothing overrides it (reading it from the
   * index costs the commit hooks a git process).
   */
  @FunctionalInterface
  public interface RepositoryPolicy {
    /** The file's text, or empty when the repository has none. */
    Optional<String> read() throws RepositoryException, PolicyUnavailableException;

    /** No repository policy (a bare repository, or outside any repository). */
    static RepositoryPolicy none() {
      return Optional::empty;
    }

    /** The file in a work tree: what {@code audit} and {@code explain} on a checkout mean by "the policy". */
    static RepositoryPolicy inWorkTree(Path root) {
      return () -> {
        Path file = root.resolve(Policy.FILE_NAME);
        if (!Files.exists(file)) {
          return Optional.empty();
        }
        try {
          return Optional.of(Files.readString(file));
        } catch (IOException e) {
          throw new PolicyUnavailableException("cannot read the policy file " + file + ": " + e.getMessage());
        }
      };
    }
  }

  /**
   * The effective policy.
   *
   * @param cwd what relative paths are relative to
   * @param explicit {@code --policy} as given, or null
   * @param repository the repository's own policy file, consulted last
   */
  public static Policy resolve(Path cwd, Path explicit, Map<String, String> env, RepositoryPolicy repository)
      throws PolicyUnavailableException, InvalidPolicyException, RepositoryException {
    if (explicit != null) {
      return load(cwd.resolve(explicit), explicit.toString(), "--policy");
    }
    String fromEnv = env.get(ENV_POLICY);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return load(cwd.resolve(fromEnv), fromEnv, ENV_POLICY);
    }
    Optional<String> own = repository.read();
    if (own.isPresent()) {
      return PolicyLoader.parse(own.get(), Policy.FILE_NAME);
    }
    return PolicyLoader.embeddedDefault();
  }

  /**
   * The policy for judging a push to one ref, never taken from the pushed content: {@code --policy},
   * then {@code git config aigate.policy}, then {@code AIGATE_POLICY}, then the policy file as
   * committed at {@code baseCommit} (the ref's value before the push), then the embedded default.
   *
   * @param configured {@code git config aigate.policy} of the repository, or null
   * @param baseCommit the commit whose {@code .aigate.yml} applies, or null when there is none
   */
  public static Policy resolveForServer(Path cwd, Path explicit, String configured, Map<String, String> env,
      History history, String baseCommit, String baseRef)
      throws PolicyUnavailableException, InvalidPolicyException, RepositoryException {
    if (explicit != null) {
      return load(cwd.resolve(explicit), explicit.toString(), "--policy");
    }
    if (configured != null && !configured.isEmpty()) {
      return load(cwd.resolve(configured), configured, "git config aigate.policy");
    }
    String fromEnv = env.get(ENV_POLICY);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return load(cwd.resolve(fromEnv), fromEnv, ENV_POLICY);
    }
    if (baseCommit != null) {
      Optional<String> committed = history.fileAt(baseCommit, Policy.FILE_NAME);
      if (committed.isPresent()) {
        return PolicyLoader.parse(committed.get(), Policy.FILE_NAME + " at " + baseRef);
      }
    }
    return PolicyLoader.embeddedDefault();
  }

  /**
   * The policy as committed at {@code revision} ({@code audit --policy-rev}): a CI job judging a pull
   * request must not take the policy from the request's own head, or the request can loosen its own
   * gate. A revision that does not exist is an error; a commit without {@code .aigate.yml} is judged
   * by the embedded default, as the server gate does.
   */
  public static Policy resolveAtRevision(History history, String revision)
      throws InvalidPolicyException, RepositoryException {
    String commit = history.resolve(revision);
    Optional<String> committed = history.fileAt(commit, Policy.FILE_NAME);
    if (committed.isPresent()) {
      return PolicyLoader.parse(committed.get(), Policy.FILE_NAME + " at " + revision);
    }
    return PolicyLoader.embeddedDefault();
  }

  private static Policy load(Path file, String origin, String via)
      throws PolicyUnavailableException, InvalidPolicyException {
    try {
      return PolicyLoader.load(file, origin);
    } catch (NoSuchFileException e) {
      throw new PolicyUnavailableException("policy file not found: " + origin + " (from " + via + ")");
    } catch (IOException e) {
      throw new PolicyUnavailableException("cannot read the policy file " + origin + " (from " + via + "): "
          + e.getMessage());
    }
  }

  /** A named policy that cannot be read. */
  public static final class PolicyUnavailableException extends Exception {
    public PolicyUnavailableException(String message) {
      super(message);
    }
  }
}
