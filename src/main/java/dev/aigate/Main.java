package dev.aigate;

import dev.aigate.cli.Aigate;

/** The process entry point: everything else is testable through {@link Aigate#run}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Aigate.run(args, System.out, System.err));
  }
}
