package dev.aigate.detect;

/**
 * An open-addressing map from non-zero {@code long} keys to {@code int} values: the line index
 * holds one entry per distinct line of a history (millions on large ones), where a boxed
 * {@code HashMap<Long, Integer>} would cost about five times the memory.
 */
final class LongIntMap {
  private long[] keys;
  private int[] values;
  private int size;

  LongIntMap() {
    this(1 << 10);
  }

  private LongIntMap(int capacity) {
    keys = new long[capacity];
    values = new int[capacity];
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@code missing}. */
  int get(long key, int missing) {
    int i = slot(keys, key);
    return keys[i] == key ? values[i] : missing;
  }

  boolean contains(long key) {
    return keys[slot(keys, key)] == key;
  }

  void put(long key, int value) {
    if (key == 0) {
      throw new IllegalArgumentException("0 is the empty slot");
    }
    int i = slot(keys, key);
    if (keys[i] != key) {
      if ((size + 1) * 2 > keys.length) {
        grow();
        i = slot(keys, key);
      }
      keys[i] = key;
      size++;
    }
    values[i] = value;
  }

  /** Calls {@code each} for every entry, in no particular order. */
  void forEach(Entry each) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        each.accept(keys[i], values[i]);
      }
    }
  }

  interface Entry {
    void accept(long key, int value);
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int j = slot(keys, oldKeys[i]);
        keys[j] = oldKeys[i];
        values[j] = oldValues[i];
      }
    }
  }

  /** The slot holding {@code key}, or the empty slot where it would go (linear probing). */
  private static int slot(long[] keys, long key) {
    int mask = keys.length - 1;
    // Keys are already hashes, but a pusher can choose lines: mix before taking low bits.
    int i = (int) (mix(key) & mask);
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  @Override
  public String toString() {
    return "LongIntMap[" + size + "/" + keys.length + "]";
  }
}
