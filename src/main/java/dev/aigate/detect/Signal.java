package dev.aigate.detect;

/** Where AI provenance was seen. */
public enum Signal {
  /** A trailer of the message's trailer block ({@code Co-Authored-By: Claude <noreply@anthropic.com>}). */
  TRAILER("trailer"),
  /** An attribution line or marker elsewhere in the message. */
  MESSAGE("message"),
  /** The commit's author identity. */
  AUTHOR("author"),
  /** The commit's committer identity. */
  COMMITTER("committer"),
  /** An added line of code. */
  CONTENT("content"),
  /** The environment of the process making the commit (local hooks only). */
  ENVIRONMENT("environment"),
  /**
   * Lines an AI-attributed commit introduced elsewhere, which this commit moves, copies or
   * re-adds into a protected path (provenance across commits, ADR 0010).
   */
  PROVENANCE("provenance"),
  /** A git-ai authorship note ({@code refs/notes/ai}) that attributes lines of the commit to an AI session. */
  NOTE("note"),
  /** An Agent Trace record ({@code .agent-trace/*.jsonl}) the commit adds about a file it changes. */
  TRACE("trace");

  private final String label;

  Signal(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
