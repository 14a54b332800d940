package dev.aigate.git;

import java.util.List;

/**
 * The git configuration that changes how trailers and comments are read.
 *
 * @param commentString {@code core.commentString}/{@code core.commentChar} ({@code #} by default)
 * @param separators {@code trailer.separators} ({@code :} by default)
 * @param configuredKeys {@code trailer.<name>} entries: the name and its {@code .key}, if any
 */
public record TrailerSyntax(String commentString, String separators, List<ConfiguredKey> configuredKeys) {
  public static final TrailerSyntax DEFAULT = new TrailerSyntax("#", ":", List.of());

  public TrailerSyntax {
    configuredKeys = List.copyOf(configuredKeys);
    if (commentString.isEmpty() || separators.isEmpty()) {
      throw new IllegalArgumentException("empty comment string or separators");
    }
  }

  /**
   * Whether a {@code trailer.<name>.key} setting is given: git then reads any prefix of the name
   * or the key as the key, so a token such as {@code rev} can stand for {@code Reviewed-by}.
   */
  public boolean rewritesKeys() {
    for (ConfiguredKey k : configuredKeys) {
      if (k.key() != null) {
        return true;
      }
    }
    return false;
  }

  /** One {@code trailer.<name>.*} section; {@code key} is null when only other settings are given. */
  public record ConfiguredKey(String name, String key) {}
}
