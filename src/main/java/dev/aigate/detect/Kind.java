package dev.aigate.detect;

/** Which convention of the attribution grammar (docs/detection.md) a detection follows. */
public enum Kind {
  /** {@code Co-authored-by: <tool or model> <email>}. */
  CO_AUTHOR("co-author"),
  /** {@code Assisted-by:}, {@code Generated-by:}, {@code AI-Tool:} and the rest of the disclosure family. */
  DISCLOSURE("disclosure-trailer"),
  /** A trailer that names a tool by its key or links its session: {@code Claude-Session:}, {@code Amp-Thread:}. */
  SESSION("session-trailer"),
  /** Another {@code *-by:} trailer whose value is a tool's identity ({@code Signed-off-by: Claude <noreply@anthropic.com>}). */
  OTHER_TRAILER("other-trailer"),
  /** {@code Generated with [Tool](url)} and its prose kin, or a catalogue message pattern. */
  MARKER("marker"),
  /** A link to a cloud agent's task or session page. */
  LINK("agent-link"),
  /** A pasted chat transcript ({@code # Aider chat conversation:}). */
  TRANSCRIPT("transcript"),
  /** The author or committer is a tool's identity. */
  IDENTITY("identity"),
  /** The author or committer is a GitHub App bot. */
  BOT("bot"),
  /** The committing process's environment. */
  ENVIRONMENT("environment"),
  /** An added line of code. */
  CONTENT("content"),
  /** Lines an AI-attributed commit introduced elsewhere, carried into a protected path (ADR 0010). */
  PROVENANCE("provenance"),
  /** A git-ai authorship note ({@code refs/notes/ai}) on the commit. */
  NOTE("git-ai-note"),
  /** An Agent Trace record committed in the tree ({@code .agent-trace/*.jsonl}). */
  TRACE("agent-trace");

  private final String label;

  Kind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
