package dev.aigate.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * How long this process has been running, JVM start-up included.
 *
 * <p>{@code ProcessHandle.info().startInstant()} is derived from the boot time, which Linux
 * reports in whole seconds, so it can be a second off. On Linux the process's start tick
 * ({@code /proc/self/stat}) and the uptime ({@code /proc/uptime}) give it to 10 ms.
 */
final class ProcessClock {
  /** USER_HZ, fixed at 100 on Linux for user space. */
  private static final double TICKS_PER_SECOND = 100.0;
  private static final long STARTED_NANOS = System.nanoTime() - sinceStartNow().toNanos();

  private ProcessClock() {}

  /** Time since the process started. */
  static Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - STARTED_NANOS);
  }

  /** The {@link System#nanoTime()} value at process start. */
  static long startNanos() {
    return STARTED_NANOS;
  }

  private static Duration sinceStartNow() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long startTicks = Long.parseLong(fields[19]); // field 22, "starttime"
      double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
      long millis = Math.round((uptime - startTicks / TICKS_PER_SECOND) * 1000);
      if (millis >= 0) {
        return Duration.ofMillis(millis);
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc not mounted: fall back to the coarser clock below.
    }
    return ProcessHandle.current().info().startInstant()
        .map(start -> Duration.between(start, Instant.now()))
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }
}
