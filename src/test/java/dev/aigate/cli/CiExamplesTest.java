package dev.aigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static int count(Matcher m) {
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
