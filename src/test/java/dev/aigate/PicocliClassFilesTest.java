package dev.aigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The build rewrites picocli's Java 5 class files for the start-up caches
 * (src/build/ClassFileLevel.java): what runs is the rewrite, every class of it is version 52 or
 * newer, and every one passes the JVM's verifier. A class the tests happen not to load is checked
 * too, so a bad frame cannot wait for the first user who runs that command.
 */
class PicocliClassFilesTest {
  @Test
  void picocliRunsFromTheRewrittenClassFilesAndEveryOneVerifies() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isDirectory(root.resolve("picocli")),
        "picocli is loaded from " + root + ", not from the build's rewritten classes (pom.xml, picocli-class-files)");
    List<Path> classes;
    try (Stream<Path> files = Files.walk(root.resolve("picocli"))) {
      classes = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    assertTrue(classes.size() > 100, "only " + classes.size() + " picocli classes under " + root);
    for (Path c : classes) {
      try (InputStream in = Files.newInputStream(c)) {
        byte[] head = in.readNBytes(8);
        int major = (head[6] & 0xff) << 8 | head[7] & 0xff;
        assertTrue(major >= 52, c + " is class-file version " + major);
      }
      String name = root.relativize(c).toString().replace('/', '.').replaceAll("\\.class$", "");
      Class<?> k = Class.forName(name, false, getClass().getClassLoader());
      assertEquals(root, Path.of(k.getProtectionDomain().getCodeSource().getLocation().toURI()));
      // Reflection links the class, and linking runs the verifier on it; nothing is initialised.
      k.getDeclaredMethods();
    }
  }
}
