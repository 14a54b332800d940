package dev.aigate.git;

import java.util.Locale;

/**
 * What {@code git commit} does to the message file after the commit-msg hook has run, so the
 * hook judges the message that will be stored rather than the raw file.
 *
 * <p>git's rules (githooks(5), {@code builtin/commit.c}): {@code commit.cleanup} decides; its
 * {@code default} is {@code strip} when an editor was opened and {@code whitespace} otherwise,
 * and git exports {@code GIT_EDITOR=:} to hooks exactly when no editor is opened. git cuts at
 * the scissors line only for {@code commit -v} or under {@code scissors} with an editor: a
 * scissors line typed into any other message is kept, and so is what follows it.
 */
public final class MessageCleanup {
  /** The cleanup modes of {@code commit.cleanup}. */
  public enum Mode {
    STRIP,
    WHITESPACE,
    VERBATIM,
    SCISSORS,
    DEFAULT;

    public static Mode fromConfig(String value) {
      if (value == null || value.isBlank()) {
        return DEFAULT;
      }
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return DEFAULT; // git dies on an invalid value; the commit will fail anyway
      }
    }
  }

  private MessageCleanup() {}

  /** How the message was written: whether git opened an editor, and whether the commit is {@code -v}. */
  public record Editing(boolean editorOpened, boolean verbose) {}

  /**
   * The message git will store.
   *
   * @param raw the message file as the hook sees it
   * @param mode {@code commit.cleanup}
   * @param editing whether git opened an editor ({@code GIT_EDITOR} is not {@code :}), and whether
   *     the commit is {@code -v}
   * @param syntax for the comment string
   */
  public static String apply(String raw, Mode mode, Editing editing, TrailerSyntax syntax) {
    boolean editorUsed = editing.editorOpened();
    Mode effective = mode == Mode.DEFAULT ? (editorUsed ? Mode.STRIP : Mode.WHITESPACE) : mode;
    if (effective == Mode.VERBATIM) {
      return raw;
    }
    String msg = raw;
    // builtin/commit.c: "if (verbose || cleanup_mode == COMMIT_MSG_CLEANUP_SCISSORS)"; scissors
    // without an editor is whitespace.
    if (editing.verbose() || editorUsed && effective == Mode.SCISSORS) {
      int cut = new TrailerParser(syntax).locateScissors(msg, msg.length());
      msg = msg.substring(0, cut);
    }
    return stripSpace(msg, effective == Mode.STRIP ? syntax.commentString() : null);
  }

  /** strbuf.c {@code strbuf_stripspace}. */
  static String stripSpace(String s, String commentPrefix) {
    StringBuilder out = new StringBuilder(s.length() + 1);
    int empties = 0;
    for (int i = 0; i < s.length(); ) {
      int nl = s.indexOf('\n', i);
      int next = nl < 0 ? s.length() : nl + 1;
      String line = s.substring(i, next);
      i = next;
      if (commentPrefix != null && line.startsWith(commentPrefix)) {
        continue;
      }
      int len = line.length();
      while (len > 0 && TrailerParser.isSpace(line.charAt(len - 1))) {
        len--;
      }
      if (len > 0) {
        if (empties > 0 && out.length() > 0) {
          out.append('\n');
        }
        empties = 0;
        out.append(line, 0, len).append('\n');
      } else {
        empties++;
      }
    }
    return out.toString();
  }
}
