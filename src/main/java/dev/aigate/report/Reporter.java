package dev.aigate.report;

import java.io.PrintStream;

/** Writes a report in one format. */
public interface Reporter {
  void write(Report report, PrintStream out);
}
