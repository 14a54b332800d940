package dev.aigate.gate;

import java.util.List;

/**
 * The one decision about a push, which the exit code and every report format render, so they
 * cannot disagree.
 */
public sealed interface PushDecision {
  boolean accepted();

  /** A word for machines: {@code accepted}, {@code break-glass}, {@code timeout-allowed}, {@code rejected}. */
  String label();

  /** Every judged commit passed (or nothing protected was pushed). */
  record Accepted() implements PushDecision {
    @Override
    public boolean accepted() {
      return true;
    }

    @Override
    public String label() {
      return "accepted";
    }
  }

  /** Blocking violations, let through by {@code -o aigate.breakglass=<reason>}; logged. */
  record BreakGlass(String reason, String pusher, int blocking) implements PushDecision {
    public BreakGlass {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("break-glass needs a reason");
      }
    }

    @Override
    public boolean accepted() {
      return true;
    }

    @Override
    public String label() {
      return "break-glass";
    }
  }

  /** The deadline passed with commits unjudged and the policy says {@code on-timeout: allow}. */
  record TimeoutAllowed(int pendingCommits, int pendingRefs) implements PushDecision {
    @Override
    public boolean accepted() {
      return true;
    }

    @Override
    public String label() {
      return "timeout-allowed";
    }
  }

  /** Rejected, for every reason that applies. */
  record Rejected(List<Cause> causes, List<String> details) implements PushDecision {
    public Rejected {
      causes = List.copyOf(causes);
      details = List.copyOf(details);
      if (causes.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs a cause");
      }
    }

    @Override
    public boolean accepted() {
      return false;
    }

    @Override
    public String label() {
      return "rejected";
    }

    /** Whether the push was rejected because the gate could not read or hold what it carries. */
    public boolean unjudgeable() {
      return causes.contains(Cause.UNREADABLE);
    }
  }

  /** Why a push is rejected. */
  enum Cause {
    /** Blocking policy violations. */
    VIOLATIONS,
    /** A ref update the gate refuses (replace refs, non-commits on protected refs, ...). */
    REFUSED_REF,
    /** Pushed objects the gate cannot read or hold (malformed, over the size limit, held the gate alone). */
    UNREADABLE,
    /** The deadline passed with commits unjudged ({@code on-timeout: reject}). */
    TIMEOUT
  }
}
