package dev.aigate.git;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was read from the trees judged most recently, keyed by tree id (and what was asked of it). Consecutive commits share
 * nearly every subtree, so a window of recent trees saves almost every read, while a map of every
 * tree of a long history (a content-marker audit diffs every commit) would grow without bound.
 */
final class RecentTrees<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;
  /** Trees remembered; a push or a stretch of history touches far fewer distinct ones at a time. */
  static final int CAPACITY = 8192;

  RecentTrees() {
    super(256, 0.75f, true);
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > CAPACITY;
  }
}
