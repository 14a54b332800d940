package dev.aigate.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  /** {@code commit.verbose}: true, or a positive number (git reads it as bool-or-int). */
  default boolean verboseByConfig() {
    String v = get("commit", null, "verbose");
    if (v == null) {
      return false;
    }
    String t = v.strip().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("yes") || t.equals("on")) {
      return true;
    }
    try {
      return Integer.parseInt(t) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  default MessageCleanup.Mode cleanupMode() {
    MessageCleanup.Mode mode = MessageCleanup.Mode.fromConfig(get("commit", null, "cleanup"));
    String string = get("core", null, "commentString");
    boolean auto = (string == null || string.isEmpty()) && "auto".equals(get("core", null, "commentChar"));
    if (auto && (mode == MessageCleanup.Mode.STRIP || mode == MessageCleanup.Mode.DEFAULT)) {
      // core.commentChar=auto: git picked, for this message, a character no line of it starts
      // with; which one is not told to hooks. No line is taken for a comment (lenient: a kept
      // line can only add evidence).
      return MessageCleanup.Mode.WHITESPACE;
    }
    return mode;
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
