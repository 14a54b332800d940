package dev.aigate.e2e;

import dev.aigate.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged jar, run as a user's hooks run it. All end-to-end tests share one HOME and one
 * class-data-sharing archive, so each spawned JVM starts as fast as an installed aigate does.
 */
final class RealJar {
  static final Path JAR = Path.of(System.getProperty("aigate.jar", "target/aigate.jar")).toAbsolutePath();
  static final Path WORK = Path.of("target/e2e").toAbsolutePath();
  static final Path HOME = WORK.resolve("home");
  private static final Path CDS = WORK.resolve("aigate-e2e.jsa");
  private static String javaOpts;

  private RealJar() {}

  /** JVM flags for every spawned aigate: the shared archive, once it has been built. */
  static synchronized String javaOpts() {
    if (javaOpts == null) {
      try {
        if (!Files.isRegularFile(JAR)) {
          throw new IllegalStateException(JAR + " is missing; end-to-end tests run after 'mvn package'");
        }
        Files.createDirectories(HOME);
        String base = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
        Files.deleteIfExists(CDS);
        // One training run writes the archive; if the JVM cannot, the tests still run, only slower.
        TestRepo.Result r = exec(List.of(java(), "-XX:ArchiveClassesAtExit=" + CDS, "-jar", JAR.toString(),
            "policy", "show"), Map.of(), WORK);
        javaOpts = base + (r.exitCode() == 0 && Files.isRegularFile(CDS) ? " -XX:SharedArchiveFile=" + CDS + " -Xshare:auto" : "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return javaOpts;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A new repository under {@code parent} with the shared HOME and aigate's hooks installed from the jar. */
  static TestRepo repoWithHooks(Path parent) {
    TestRepo repo = TestRepo.init(parent.resolve("repo"), HOME);
    TestRepo.Result r = aigate(repo, "install");
    if (r.exitCode() != 0) {
      throw new AssertionError("install failed: " + r.output());
    }
    return repo;
  }

  /** Runs {@code java -jar aigate.jar args} in the repository. */
  static TestRepo.Result aigate(TestRepo repo, String... args) {
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(List.of(javaOpts().split(" ")));
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    return repo.exec(cmd, Map.of(), repo.dir());
  }

  /** Environment for git commands whose hooks spawn the jar. */
  static Map<String, String> hookEnv() {
    return Map.of("AIGATE_JAVA_OPTS", javaOpts());
  }

  private static TestRepo.Result exec(List<String> cmd, Map<String, String> env, Path cwd) {
    Map<String, String> all = new HashMap<>(TestRepo.baseEnv(HOME));
    all.putAll(env);
    return TestRepo.exec(cmd, all, cwd, null);
  }
}
