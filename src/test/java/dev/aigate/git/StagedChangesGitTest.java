package dev.aigate.git;

/** The git binary reads the index (the default above 1 MiB, and for split and sparse indexes). */
class StagedChangesGitTest extends StagedChangesContract {
  @Override
  String reader() {
    return "git";
  }
}
