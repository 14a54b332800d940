import dev.aigate.cli.Aigate;
import dev.aigate.cli.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a resident process would pay per run: one aigate command run RUNS times in one JVM,
 * through the real entry point ({@link Aigate#run}), each run timed. Prints the first run, the
 * median of the next ten and the median of the last ten. It measures what a resident process
 * would pay (docs/adr/0018-one-process-per-run.md); aigate has no such process.
 *
 * <p>Usage: {@code java -cp target/aigate.jar bench/WarmRuns.java RUNS DIR STDIN-FILE ARGS...}
 * (DIR is the working directory the command sees; STDIN-FILE, or - for none, its input).
 * Pre-receive counts its deadline from the JVM's start, so give it {@code --deadline 0}:
 * {@code java -XX:TieredStopAtLevel=1 -cp target/aigate.jar bench/WarmRuns.java 40 server.git
 * stdin hook pre-receive --deadline 0}.
 */
public final class WarmRuns {
  public static void main(String[] a) throws Exception {
    int runs = Integer.parseInt(a[0]);
    Path dir = Path.of(a[1]).toAbsolutePath();
    byte[] input = a[2].equals("-") ? new byte[0] : Files.readAllBytes(Path.of(a[2]));
    String[] args = Arrays.copyOfRange(a, 3, a.length);
    long[] ms = new long[runs];
    int exit = -1;
    for (int i = 0; i < runs; i++) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(sink);
      InputStream in = new ByteArrayInputStream(input);
      long start = System.nanoTime();
      int code = Aigate.run(args, new Context(System.getenv(), dir, in, out, out));
      ms[i] = (System.nanoTime() - start) / 1_000_000;
      if (i > 0 && code != exit) {
        throw new IllegalStateException("run " + i + " exited " + code + ", the first " + exit);
      }
      exit = code;
    }
    System.out.printf("exit %d; first run %d ms; median of runs 2-11 %d ms; median of the last 10 %d ms%n",
        exit, ms[0], median(Arrays.copyOfRange(ms, 1, Math.min(runs, 11))),
        median(Arrays.copyOfRange(ms, Math.max(1, runs - 10), runs)));
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? -1 : s[s.length / 2];
  }
}
