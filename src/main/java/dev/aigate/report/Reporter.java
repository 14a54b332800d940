package dev.aigate.report;

import dev.aigate.detect.Verdict;
import java.io.PrintStream;

/** Writes a verdict in one format. */
public interface Reporter {
  void write(Verdict verdict, PrintStream out);
}
