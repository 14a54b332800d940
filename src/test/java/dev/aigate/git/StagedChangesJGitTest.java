package dev.aigate.git;

/** JGit reads the index (the default below 1 MiB). */
class StagedChangesJGitTest extends StagedChangesContract {
  @Override
  String reader() {
    return "jgit";
  }
}
