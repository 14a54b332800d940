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

  /**
   * Whether some path below {@code dir} may match: any of its patterns may cover one. Errs
   * towards yes: a negation that excludes every path below {@code dir} is not looked at.
   */
  public boolean mayMatchBelow(String dir) {
    for (PathGlob glob : globs) {
      if (!glob.negated() && glob.mayCoverBelow(dir)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether every path below {@code dir} matches: {@code dir} does (a pattern that covers a
   * directory covers what is in it) and no negation may cover a path below it.
   */
  public boolean decidesBelow(String dir) {
    if (!matches(dir)) {
      return false;
    }
    for (PathGlob glob : globs) {
      if (glob.negated() && glob.mayCoverBelow(dir)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return globs.toString();
  }
}
