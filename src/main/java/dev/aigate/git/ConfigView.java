package dev.aigate.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few git settings the local hooks read, from whichever reader has them: JGit's parsed
 * config, or {@code git config --list} (which alone sees {@code git -c} and GitLab's injected
 * settings).
 */
interface ConfigView {
  /** The last value of {@code section[.subsection].name}, or null. */
  String get(String section, String subsection, String name);

  /** The subsections of {@code section} ({@code trailer.<name>.key} has subsection name). */
  Set<String> subsections(String section);

  /** How trailers and comments are read under this config. */
  default TrailerSyntax trailerSyntax() {
    String comment = get("core", null, "commentString");
    if (comment == null || comment.isEmpty()) {
      comment = get("core", null, "commentChar");
    }
    if (comment == null || comment.isEmpty() || comment.equals("auto")) {
      comment = "#";
    }
    String separators = get("trailer", null, "separators");
    List<TrailerSyntax.ConfiguredKey> keys = new ArrayList<>();
    for (String name : subsections("trailer")) {
      keys.add(new TrailerSyntax.ConfiguredKey(name, get("trailer", name, "key")));
    }
    return new TrailerSyntax(comment, separators == null || separators.isEmpty() ? ":" : separators, keys);
  }

  default MessageCleanup.Mode cleanupMode() {
    return MessageCleanup.Mode.fromConfig(get("commit", null, "cleanup"));
  }

  /**
   * Who the commit being made is by: {@code GIT_AUTHOR_*}/{@code GIT_COMMITTER_*} (git exports
   * them to hooks for {@code --author}), else {@code user.name}/{@code user.email}.
   */
  default Identity pending(Map<String, String> env, String nameVar, String emailVar) {
    String name = env.getOrDefault(nameVar, get("user", null, "name"));
    String email = env.getOrDefault(emailVar, get("user", null, "email"));
    return new Identity(name, email);
  }
}
