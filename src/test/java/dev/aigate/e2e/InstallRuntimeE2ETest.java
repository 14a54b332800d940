package dev.aigate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.TestRepo;
import dev.aigate.testing.TestRepo.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which java install.sh picks ({@code --print-runtime}), among fake runtimes: shell scripts that
 * answer {@code -XshowSettings:properties -version} the way a JVM does. The machine's own JDKs
 * are out of sight: java on PATH is a fake, and AIGATE_JDK_DIRS names the only homes searched.
 */
class InstallRuntimeE2ETest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  @TempDir Path tmp;
  private Path installSh;
  private Path jdks;
  private Path pathBin;

  @BeforeEach
  void setUp() throws IOException {
    tmp = tmp.toRealPath();
    Path dist = Files.createDirectories(tmp.resolve("dist"));
    installSh = Files.copy(PROJECT.resolve("install.sh"), dist.resolve("install.sh"));
    jdks = Files.createDirectories(tmp.resolve("jdks"));
    pathBin = Files.createDirectories(tmp.resolve("path-bin"));
  }

  /** A fake runtime at {@code home}: its bin/java reports {@code version} and that home, then exits with {@code exit}. */
  private static Path fakeJava(Path home, String version, int exit) throws IOException {
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    writeJava(java, "    java.home = " + home + "\n", version, exit);
    return java;
  }

  private static void writeJava(Path java, String homeLine, String version, int exit) throws IOException {
    Files.writeString(java, "#!/bin/sh\ncat >&2 <<'EOF'\nProperty settings:\n" + homeLine
        + "    java.specification.version = " + version + "\n    java.version = " + version + ".0.1\n\n"
        + "openjdk version \"" + version + ".0.1\"\nEOF\nexit " + exit + "\n");
    assertTrue(java.toFile().setExecutable(true));
  }

  private Path fakeJdk(String name, String version) throws IOException {
    return fakeJava(jdks.resolve(name), version, 0);
  }

  /** java on PATH: a fake that reports no java.home, as a wrapper script might. */
  private Path javaOnPath(String version, int exit) throws IOException {
    Path java = pathBin.resolve("java");
    writeJava(java, "", version, exit);
    return java;
  }

  private Result printRuntime(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(TestRepo.baseEnv(tmp.resolve("home")));
    env.put("PATH", pathBin + ":" + System.getenv("PATH"));
    env.put("AIGATE_JDK_DIRS", jdks + ":" + tmp.resolve("mac"));
    env.put("JAVA", "");
    env.put("JAVA_HOME", "");
    env.putAll(extra);
    return TestRepo.exec(List.of("sh", installSh.toString(), "--print-runtime"), env, tmp, null);
  }

  @Test
  void theNewestReleaseWinsBecauseJava25StartsFromAnAotCache() throws Exception {
    javaOnPath("17", 0);
    fakeJdk("a-21", "21");
    Path java25 = fakeJdk("b-25", "25");
    fakeJdk("c-11", "11");
    fakeJdk("d-8", "1.8");
    // Would win on its version, but its java -version fails.
    fakeJava(jdks.resolve("e-broken"), "26", 1);
    // A macOS home, and a second path to the 25 (as SDKMAN's "current" is): counted once.
    fakeJava(tmp.resolve("mac/temurin-24.jdk/Contents/Home"), "24", 0);
    Files.createSymbolicLink(jdks.resolve("f-current"), jdks.resolve("b-25"));

    Result r = printRuntime(Map.of());
    assertEquals(0, r.exitCode(), r.output());
    assertEquals(java25.toString(), r.stdout().strip());
    assertTrue(r.stderr().contains("runtime " + java25 + " (Java 25, AOT cache; fastest start-up of 4 Java 17+ runtimes found;"),
        r.stderr());
    assertTrue(r.stderr().contains("skipped " + jdks.resolve("c-11/bin/java") + ": Java 11, aigate needs 17 or newer"), r.stderr());
    assertTrue(r.stderr().contains("skipped " + jdks.resolve("d-8/bin/java") + ": Java 1.8"), r.stderr());
    assertTrue(r.stderr().contains("skipped " + jdks.resolve("e-broken/bin/java") + ": 'java -version' failed"), r.stderr());
  }

  @Test
  void withoutA25TheNewestAppCdsRuntimeWinsAndATieGoesToTheFirstFound() throws Exception {
    Path onPath = javaOnPath("21", 0);
    fakeJdk("a-17", "17");
    fakeJdk("b-21", "21");

    Result r = printRuntime(Map.of());
    assertEquals(0, r.exitCode(), r.output());
    assertEquals(onPath.toString(), r.stdout().strip());
    assertTrue(r.stderr().contains("(Java 21, AppCDS; fastest start-up of 3 Java 17+ runtimes found; set JAVA= to choose)"),
        r.stderr());
  }

  @Test
  void aRuntimeNamedByJavaOrJavaHomeIsUsedAsGiven() throws Exception {
    javaOnPath("25", 0);
    Path java17 = fakeJdk("a-17", "17");
    fakeJdk("b-25", "25");

    Result byJava = printRuntime(Map.of("JAVA", java17.toString()));
    assertEquals(0, byJava.exitCode(), byJava.output());
    assertEquals(java17.toString(), byJava.stdout().strip());
    assertTrue(byJava.stderr().contains("(Java 17, AppCDS; named by JAVA=)"), byJava.stderr());

    Result byHome = printRuntime(Map.of("JAVA_HOME", jdks.resolve("a-17").toString()));
    assertEquals(0, byHome.exitCode(), byHome.output());
    assertEquals(java17.toString(), byHome.stdout().strip());
    assertTrue(byHome.stderr().contains("(Java 17, AppCDS; named by JAVA_HOME)"), byHome.stderr());

    // A named runtime that cannot run aigate is an error, not a reason to pick another.
    Path java11 = fakeJdk("c-11", "11");
    Result tooOld = printRuntime(Map.of("JAVA", java11.toString()));
    assertEquals(1, tooOld.exitCode(), tooOld.output());
    assertEquals("", tooOld.stdout());
    assertTrue(tooOld.stderr().contains("aigate needs Java 17 or newer; " + java11 + " is Java 11"), tooOld.stderr());
  }

  @Test
  void noUsableRuntimeIsAClearErrorAndOneIsChosenAlone() throws Exception {
    javaOnPath("21", 1);
    fakeJdk("a-11", "11");

    Result r = printRuntime(Map.of());
    assertEquals(1, r.exitCode(), r.output());
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("found no Java 17 or newer (looked at java on PATH and under " + jdks + ":"), r.stderr());
    assertTrue(r.stderr().contains("set JAVA=<java binary> or JAVA_HOME"), r.stderr());

    Path java17 = fakeJdk("b-17", "17");
    Result one = printRuntime(Map.of());
    assertEquals(0, one.exitCode(), one.output());
    assertEquals(java17.toString(), one.stdout().strip());
    assertTrue(one.stderr().contains("(Java 17, AppCDS; the only Java 17+ found; set JAVA= to choose)"), one.stderr());
  }

  @Test
  void helpPrintsTheWholeHeaderAndNothingElse() {
    Result r = TestRepo.exec(List.of("sh", installSh.toString(), "--help"), TestRepo.baseEnv(tmp.resolve("home")), tmp, null);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.stdout().startsWith("install.sh: builds aigate"), r.stdout());
    assertTrue(r.stdout().contains("--print-runtime") && r.stdout().contains("AIGATE_JDK_DIRS"), r.stdout());
    assertTrue(r.stdout().strip().endsWith("Needs Java 17+, Maven and git."), r.stdout());
    assertFalse(r.stdout().contains("set -eu"), r.stdout());
  }
}
