package dev.aigate.cli;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Commit subjects, names and paths with control characters (ESC, form feed, BEL): XML parsers
 * still read the JUnit report, and no terminal escape reaches a terminal through any text.
 */
class ControlCharactersTest {
  private static final String POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      rules:
        - {id: core, paths: ["src/**"], action: require-review}
      default: allow
      """;
  private static final String ESC = "\u001b";
  private static final String SUBJECT = "Tune " + ESC + "[2J" + ESC + "]0;owned\u0007 A\fnow";

  @TempDir Path tmp;
  TestRepo repo;
  String commit;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp);
    repo.write(".aigate.yml", POLICY).write("README.md", "r\n");
    repo.commitAll("Initial import");
    repo.write("src/A" + ESC + "[31m\f.java", "class A {}\n");
    repo.git("add", "-A");
    repo.run(Map.of("GIT_AUTHOR_NAME", "Mal" + ESC + "[8m lory"), "commit", "-q", "--no-verify", "-m",
        SUBJECT + "\n\n" + Fixtures.CLAUDE);
    commit = repo.git("rev-parse", "HEAD").strip();
    assertTrue(repo.git("log", "-1", "--format=%s%an").contains(ESC), "git kept the escapes: the test is real");
  }

  @Test
  void junitWithControlCharactersInSubjectNameAndPathIsWellFormedXml() throws Exception {
    Run r = aigate(repo, "audit", "--format", "junit");
    assertEquals(1, r.exitCode(), r.output());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    String classname = doc.getElementsByTagName("testcase").item(0).getAttributes().getNamedItem("classname").getNodeValue();
    assertTrue(classname.contains("Tune \\u001b[2J"), classname);
    String failure = doc.getElementsByTagName("failure").item(0).getTextContent();
    assertTrue(failure.contains("src/A\\u001b[31m\\u000c.java"), failure);
  }

  @Test
  void noTerminalEscapeReachesTheTerminal() {
    for (String[] args : new String[][] {{"audit"}, {"audit", "-v"}, {"explain", commit}, {"audit", "--format", "markdown"}}) {
      Run r = aigate(repo, args);
      assertFalse(r.output().contains(ESC), String.join(" ", args) + ":\n" + r.output());
      assertFalse(r.output().contains("\u0007") || r.output().contains("\f"), String.join(" ", args));
    }
  }
}
