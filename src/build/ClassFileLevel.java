import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step: rewrites the classes of a dependency jar that predate Java 6's class-file format
 * (picocli's are Java 5, version 49) as version 52 with stack-map frames, into the build's class
 * directory. The JVM's start-up caches (AppCDS, the AOT cache) refuse classes older than version
 * 50, so every command parsed by picocli loaded and verified picocli's classes from the jar on
 * every run; rewritten, they are cached like the rest (docs/benchmarks.md). What changes is the
 * version and the stack-map frames the newer verifier needs; ASM also replaces unreachable code,
 * which no frame can describe, by {@code nop}s and an {@code athrow}. {@code
 * PicocliClassFilesTest} runs the verifier over every rewritten class.
 *
 * <p>Run by the pom with the JDK's source launcher: {@code java -cp asm.jar:dep.jar
 * src/build/ClassFileLevel.java DEP.jar PREFIX OUTPUT-DIR}. Refuses a class it cannot rewrite
 * (a jsr instruction, say), so the build fails rather than ship a jar the caches skip.
 */
public final class ClassFileLevel {
  private static final int TARGET = Opcodes.V1_8;

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ClassFileLevel DEP.jar PREFIX OUTPUT-DIR");
    }
    Path out = Path.of(args[2]);
    // Classes of an earlier picocli left in the output would be shaded next to the new ones.
    Path previous = out.resolve(args[1]);
    if (Files.isDirectory(previous)) {
      try (Stream<Path> old = Files.walk(previous)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    int rewritten = 0;
    try (JarFile jar = new JarFile(args[0])) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        String name = entry.getName();
        if (!name.startsWith(args[1]) || !name.endsWith(".class") || name.contains("module-info")) {
          continue;
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        Path target = out.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, rewrite(bytes));
        rewritten++;
      }
    }
    if (rewritten == 0) {
      throw new IllegalStateException("no class under " + args[1] + " in " + args[0]);
    }
    System.out.println("ClassFileLevel: " + rewritten + " classes of " + Path.of(args[0]).getFileName()
        + " written as class-file version " + TARGET);
  }

  private static byte[] rewrite(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    // Frames are computed from the code; the class hierarchy comes from this JVM's class path,
    // which holds the dependency itself.
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(Math.max(version, TARGET), access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }
}
