package dev.aigate.git;

import java.io.File;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Makes JGit see the same environment and configuration files git does.
 *
 * <p>Two reasons. JGit reads the user config from the JVM's {@code user.home}, which ignores
 * {@code $HOME} and {@code GIT_CONFIG_GLOBAL}; git's hooks and tests rely on both. And on every
 * start JGit runs {@code git} twice to locate the system config, which costs a hook about 30 ms;
 * git's own rules ({@code GIT_CONFIG_NOSYSTEM}, {@code GIT_CONFIG_SYSTEM}, else
 * {@code /etc/gitconfig}) need no subprocess.
 */
final class ProcessEnvironment extends SystemReader.Delegate {
  private final Map<String, String> env;
  private final SystemReader base;

  /** Installs a reader for {@code env} as JGit's process-wide reader; one aigate run per process. */
  static void install(Map<String, String> env) {
    SystemReader current = SystemReader.getInstance();
    SystemReader base = current instanceof ProcessEnvironment p ? p.base() : current;
    SystemReader.setInstance(new ProcessEnvironment(env, base));
  }

  private ProcessEnvironment(Map<String, String> env, SystemReader base) {
    super(base);
    this.env = Map.copyOf(env);
    this.base = base;
  }

  private SystemReader base() {
    return base;
  }

  @Override
  public String getenv(String variable) {
    return env.get(variable);
  }

  @Override
  public FileBasedConfig openUserConfig(Config parent, FS fs) {
    String global = env.get("GIT_CONFIG_GLOBAL");
    if (global != null) {
      return global.isEmpty() || global.equals("/dev/null") ? empty(parent, fs) : new FileBasedConfig(parent, new File(global), fs);
    }
    String home = env.get("HOME");
    if (home == null || home.isEmpty()) {
      return super.openUserConfig(parent, fs);
    }
    return new FileBasedConfig(parent, new File(home, ".gitconfig"), fs);
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    String noSystem = env.get("GIT_CONFIG_NOSYSTEM");
    if (noSystem != null && !noSystem.isEmpty() && !noSystem.equals("0") && !noSystem.equalsIgnoreCase("false")) {
      return empty(parent, fs);
    }
    String system = env.get("GIT_CONFIG_SYSTEM");
    File file = new File(system != null && !system.isEmpty() ? system : "/etc/gitconfig");
    return file.isFile() ? new FileBasedConfig(parent, file, fs) : empty(parent, fs);
  }

  @Override
  public FileBasedConfig openJGitConfig(Config parent, FS fs) {
    String home = env.get("HOME");
    if (home == null || home.isEmpty()) {
      return super.openJGitConfig(parent, fs);
    }
    return new FileBasedConfig(parent, new File(home, ".config/jgit/config"), fs);
  }

  private static FileBasedConfig empty(Config parent, FS fs) {
    return new FileBasedConfig(parent, null, fs) {
      @Override
      public void load() {}

      @Override
      public boolean isOutdated() {
        return false;
      }
    };
  }
}
