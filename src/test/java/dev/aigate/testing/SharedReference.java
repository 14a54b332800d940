package dev.aigate.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code shared/reference}, the read-only research material that sits beside the project
 * root (and beside the clone CI tests). Tests that use it fail, not skip, when it is missing.
 */
public final class SharedReference {
  private SharedReference() {}

  public static Path path(String relative) {
    String override = System.getenv("AIGATE_SHARED_REFERENCE");
    Path base = override != null ? Path.of(override)
        : Path.of(System.getProperty("user.dir")).resolve("../shared/reference").normalize();
    Path p = base.resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("missing " + p + " (set AIGATE_SHARED_REFERENCE to shared/reference)");
    }
    return p;
  }
}
