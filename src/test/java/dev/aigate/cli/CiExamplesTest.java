package dev.aigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The copy-paste CI jobs judge a request under its base's policy, never the policy it brings (issue 8 item 15). */
class CiExamplesTest {
  private static final Pattern AUDIT = Pattern.compile("aigate audit");
  private static final Pattern POLICY_REV = Pattern.compile("--policy-rev \"\\$\\{?[A-Za-z_.{} ]*(base|BASE)[A-Za-z_.{} ]*\\}?\"");

  @ParameterizedTest
  @ValueSource(strings = {"examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml"})
  void everyAuditInACiExampleNamesTheBaseAsPolicyRevision(String file) throws Exception {
    String text = Files.readString(Path.of(file));
    int audits = count(AUDIT.matcher(text));
    assertTrue(audits > 0, file + " runs no audit");
    assertEquals(audits, count(POLICY_REV.matcher(text)), file + ": every audit must take --policy-rev <base>");
  }

  @Test
  void theActionJudgesUnderTheBasePolicyByDefaultAndSkipsSarifUploadForForks() throws Exception {
    String action = Files.readString(Path.of("action.yml"));
    assertTrue(action.contains("args+=(--policy-rev \"$base\")"), "the action passes the base as policy revision");
    assertTrue(Pattern.compile("policy-at-base:\\n(    .*\\n)*?    default: 'true'").matcher(action).find(),
        "policy-at-base defaults to true");
    assertTrue(action.contains("github.event.pull_request.head.repo.full_name == github.repository"), "fork PRs skip upload");
    // Expressions never go straight into a script (script injection): only through env.
    for (String line : action.split("\n")) {
      if (line.strip().startsWith("run:")) {
        assertFalse(line.contains("${{"), line);
      }
    }
  }

  @Test
  void theGitLabJobWritesCodeQualityAndJUnitAndHandlesMergedResults() throws Exception {
    String gitlab = Files.readString(Path.of("examples/ci/gitlab-ci.yml"));
    assertTrue(gitlab.contains("codequality: gl-code-quality.json") && gitlab.contains("--report codequality=gl-code-quality.json"));
    assertTrue(gitlab.contains("junit: aigate-junit.xml") && gitlab.contains("--report junit=aigate-junit.xml"));
    assertTrue(gitlab.contains("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA"), "merged-results pipelines judge the source head");
  }

  private static int count(Matcher m) {
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
