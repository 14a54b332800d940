package dev.aigate.git;

import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.Constants;
import org.slf4j.LoggerFactory;

/**
 * Runs JGit's costliest one-time set-up on the other core while the command does its own first
 * work (picocli's model, reading the pushed refs, the policy). Opening a repository first loads
 * JGit's message bundle (about a thousand strings, set by reflection, for the name of a shutdown
 * hook's thread), looks up the SHA-1 provider and binds SLF4J: a third of what opening cost a
 * push (docs/benchmarks.md).
 *
 * <p>Only set-up that reads no environment runs here: what depends on {@code $HOME} and the
 * git configuration waits for {@link ProcessEnvironment}. {@link GitRepo#open} waits for the
 * warm-up before it touches JGit, so no JGit class is ever initialised by two threads at once
 * (class initialisers that need each other could deadlock across threads).
 */
public final class JGitWarmUp {
  private static volatile Thread running;
  private static volatile LinkageError failure;

  private JGitWarmUp() {}

  /** Starts the warm-up once per process; a command that never opens a repository loses nothing. */
  public static synchronized void start() {
    if (running == null) {
      Thread t = new Thread(JGitWarmUp::warm, "aigate-jgit-warm-up");
      t.setDaemon(true);
      running = t;
      t.start();
    }
  }

  private static void warm() {
    try {
      JGitText.get();
      Constants.newMessageDigest();
      LoggerFactory.getLogger(JGitWarmUp.class);
    } catch (RuntimeException e) {
      // Only a head start: whatever failed here fails again, and is reported, where it is used.
    } catch (LinkageError e) {
      // A class whose initialiser failed here stays unusable, and its later use says only
      // "Could not initialize class": the cause is kept for await() to report.
      failure = e;
    }
  }

  /**
   * Waits until the warm-up, if one was started, is done.
   *
   * @throws IllegalStateException if JGit's set-up failed to link or initialise (no SHA-1 on a
   *     FIPS-only JVM, say): no repository can be read, and the cause is named
   */
  static void await() {
    Thread t = running;
    if (t == null) {
      return;
    }
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    LinkageError failed = failure;
    if (failed != null) {
      throw new IllegalStateException("JGit could not be set up on this JVM: " + failed, failed);
    }
  }
}
