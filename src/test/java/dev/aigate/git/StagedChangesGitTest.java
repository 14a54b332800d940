package dev.aigate.git;

/** The git binary reads the workspace: the default. */
class StagedChangesGitTest extends StagedChangesContract {
  @Override
  String reader() {
    return "git";
  }
}
