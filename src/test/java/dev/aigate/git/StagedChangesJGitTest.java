package dev.aigate.git;

/** JGit reads the workspace ({@code AIGATE_INDEX_READER=jgit}; it still hands large and split indexes to git). */
class StagedChangesJGitTest extends StagedChangesContract {
  @Override
  String reader() {
    return "jgit";
  }
}
