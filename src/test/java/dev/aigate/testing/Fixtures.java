package dev.aigate.testing;

/** Messages and policies many tests share. */
public final class Fixtures {
  /** Claude Code's co-author trailer, the most common AI attribution. */
  public static final String CLAUDE = "Co-Authored-By: Claude <noreply@anthropic.com>";

  /** A review by someone the {@link #CORE_POLICY} allows. */
  public static final String REVIEWED = "Reviewed-by: Bob Lee <bob@example.com>";

  /** AI changes under src/ need a review by someone at example.com; everything else is allowed. */
  public static final String CORE_POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      rules:
        - {id: core, paths: ["src/**"], action: require-review}
      default: allow
      """;

  private Fixtures() {}
}
