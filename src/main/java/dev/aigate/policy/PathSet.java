package dev.aigate.policy;

import java.util.List;

/**
 * An ordered list of path patterns where, as in .gitignore, the last pattern that covers a path
 * decides: {@code ["src/**", "!src/generated/**"]} is src without its generated code.
 */
public record PathSet(List<PathGlob> globs) {
  public PathSet {
    globs = List.copyOf(globs);
  }

  public boolean matches(String path) {
    boolean matched = false;
    for (PathGlob glob : globs) {
      if (glob.covers(path)) {
        matched = !glob.negated();
      }
    }
    return matched;
  }

  @Override
  public String toString() {
    return globs.toString();
  }
}
