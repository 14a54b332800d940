package dev.aigate.cli;

import static dev.aigate.testing.Runs.aigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.testing.Fixtures;
import dev.aigate.testing.Runs.Run;
import dev.aigate.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown report rendered as GitHub renders job summaries (CommonMark with GFM tables). */
class MarkdownReportTest {
  private static final String POLICY = """
      version: 1
      review: {reviewers: ["*@example.com"]}
      rules:
        - {id: core, paths: ["src/**"], action: require-review}
        - {id: secrets, paths: ["secrets/**"], action: deny}
        - {id: docs, paths: ["docs/**"], action: warn}
      default: allow
      """;
  private static final String HOSTILE = "<img src=x onerror=alert(1)> `tick` | pipe *bold* [link](http://x) &amp; \\";
  private static final List<Extension> GFM = List.of(TablesExtension.create());

  @TempDir Path tmp;

  private TestRepo history() {
    TestRepo repo = TestRepo.init(tmp);
    repo.write(".aigate.yml", POLICY).write("README.md", "r\n");
    repo.commitAll("Initial import");
    repo.write("docs/a.md", "x\n");
    repo.commitAll("Warn first\n\n" + Fixtures.CLAUDE);
    repo.write("src/A.java", "class A {}\n");
    repo.commitAll("Review second\n\n" + Fixtures.CLAUDE);
    repo.write("secrets/k`e|y<b>.txt", "k\n");
    repo.commitAll(HOSTILE + "\n\n" + Fixtures.CLAUDE);
    return repo;
  }

  private static Node parse(String markdown) {
    return Parser.builder().extensions(GFM).build().parse(markdown);
  }

  @Test
  void pushedTextRendersAsTextNeverAsMarkupOrHtml() {
    Run r = aigate(history(), "audit", "--format", "markdown");
    assertEquals(1, r.exitCode(), r.output());
    Node doc = parse(r.out());
    String html = HtmlRenderer.builder().extensions(GFM).build().render(doc);
    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("<a "), html);
    assertFalse(html.contains("<em>") || html.contains("<strong>"), html);
    List<List<String>> findings = table(doc, 1);
    // Every row has the header's cells: no pipe in a subject or path split one.
    findings.forEach(row -> assertEquals(7, row.size(), row.toString()));
    assertEquals(HOSTILE, findings.get(1).get(3), "the subject, exactly");
    assertEquals("secrets/k`e|y<b>.txt", findings.get(1).get(4), "the path, exactly");
  }

  @Test
  void aSummaryByRuleComesFirstThenFindingsWorstFirst() {
    Run r = aigate(history(), "audit", "--format", "markdown");
    Node doc = parse(r.out());
    List<String> headings = headings(doc);
    assertTrue(headings.indexOf("By rule") < headings.indexOf("Findings, worst first"), headings.toString());
    List<List<String>> rules = table(doc, 0);
    assertEquals(List.of("rule", "action", "violations", "commits", "tools"), rules.get(0));
    assertEquals(List.of("secrets", "❌ deny", "1", "1", "claude-code"), rules.get(1));
    assertEquals("core", rules.get(2).get(0));
    assertEquals("docs", rules.get(3).get(0));
    List<List<String>> findings = table(doc, 1);
    assertEquals(List.of("secrets", "core", "docs"), findings.subList(1, 4).stream().map(row -> row.get(1)).toList());
    assertTrue(findings.get(1).get(6).startsWith("take this path out"), "a blocking finding carries its fix");
    assertEquals("", findings.get(3).get(6), "a warning needs no fix");
  }

  @Test
  void pastFiftyFindingsTheRestAreCounted() {
    TestRepo repo = TestRepo.init(tmp);
    repo.write(".aigate.yml", POLICY);
    repo.commitAll("Initial import");
    for (int i = 0; i < 60; i++) {
      repo.write("docs/f" + i + ".md", "x\n");
    }
    repo.commitAll("Many\n\n" + Fixtures.CLAUDE);
    Run r = aigate(repo, "audit", "--format", "markdown");
    Node doc = parse(r.out());
    assertEquals(51, table(doc, 1).size(), "the header and 50 rows");
    assertTrue(r.out().contains("…and 10 more finding(s)"), r.out());
  }

  private static List<String> headings(Node doc) {
    List<String> out = new ArrayList<>();
    doc.accept(new AbstractVisitor() {
      @Override
      public void visit(Heading heading) {
        out.add(text(heading));
      }
    });
    return out;
  }

  /** The cells' text of the n-th table after the summary table, row by row. */
  private static List<List<String>> table(Node doc, int n) {
    List<TableBlock> tables = new ArrayList<>();
    doc.accept(new AbstractVisitor() {
      @Override
      public void visit(CustomBlock block) {
        if (block instanceof TableBlock t) {
          tables.add(t);
        }
      }
    });
    List<List<String>> rows = new ArrayList<>();
    collect(tables.get(n + 1), rows);
    return rows;
  }

  private static void collect(Node node, List<List<String>> rows) {
    for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof TableRow) {
        List<String> cells = new ArrayList<>();
        for (Node cell = c.getFirstChild(); cell != null; cell = cell.getNext()) {
          if (cell instanceof TableCell) {
            cells.add(text(cell));
          }
        }
        rows.add(cells);
      } else {
        collect(c, rows);
      }
    }
  }

  private static String text(Node node) {
    StringBuilder out = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        out.append(text.getLiteral());
      }

      @Override
      public void visit(CustomNode custom) {
        visitChildren(custom);
      }

      @Override
      public void visit(Code code) {
        out.append(code.getLiteral());
      }
    });
    return out.toString().strip();
  }
}
