package dev.aigate.gate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the hosting environment says about a push, read once: who pushes, which push options came
 * with it, and which host shows the output.
 *
 * @param pusher the pusher's login or name as the host gives it, or empty
 * @param pusherEmail the pusher's e-mail as the host gives it, or empty
 * @param breakGlass the {@code -o aigate.breakglass[=<reason>]} option, if sent (empty string:
 *     sent without a reason)
 * @param host who renders the hook's output
 */
public record PushContext(String pusher, String pusherEmail, Optional<String> breakGlass, Host host) {
  public static final String BREAK_GLASS_OPTION = "aigate.breakglass";
  /** Variables hosting products use to name the pusher, most specific first. */
  private static final List<String> PUSHER_VARIABLES =
      List.of("AIGATE_PUSHER", "GL_USERNAME", "GITHUB_USER_LOGIN", "GITEA_PUSHER_NAME", "REMOTE_USER");
  private static final List<String> PUSHER_EMAIL_VARIABLES = List.of("AIGATE_PUSHER_EMAIL", "GITEA_PUSHER_EMAIL");

  /** Hosts whose hook output needs a marker to be shown. */
  public enum Host {
    /** GitLab shows only lines prefixed {@code GL-HOOK-ERR: } in its web UI. */
    GITLAB,
    OTHER
  }

  public PushContext {
    if (pusher == null || pusherEmail == null || breakGlass == null || host == null) {
      throw new IllegalArgumentException("a push context needs every field (empty, not null)");
    }
  }

  public static PushContext from(Map<String, String> env) {
    Host host = env.containsKey("GL_ID") || env.containsKey("GL_USERNAME") ? Host.GITLAB : Host.OTHER;
    return new PushContext(firstOf(env, PUSHER_VARIABLES), firstOf(env, PUSHER_EMAIL_VARIABLES),
        pushOption(env, BREAK_GLASS_OPTION), host);
  }

  public boolean knowsPusher() {
    return !pusher.isEmpty() || !pusherEmail.isEmpty();
  }

  /** A {@code git push -o key=value} option, if the client sent it (needs receive.advertisePushOptions). */
  private static Optional<String> pushOption(Map<String, String> env, String key) {
    int count;
    try {
      count = Integer.parseInt(env.getOrDefault("GIT_PUSH_OPTION_COUNT", "0"));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    for (int i = 0; i < count; i++) {
      String option = env.getOrDefault("GIT_PUSH_OPTION_" + i, "");
      if (option.equals(key)) {
        return Optional.of("");
      }
      if (option.startsWith(key + "=")) {
        return Optional.of(option.substring(key.length() + 1).strip());
      }
    }
    return Optional.empty();
  }

  private static String firstOf(Map<String, String> env, List<String> variables) {
    for (String v : variables) {
      String value = env.get(v);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return "";
  }
}
