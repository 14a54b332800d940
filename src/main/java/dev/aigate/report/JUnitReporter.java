package dev.aigate.report;

import dev.aigate.detect.CommitVerdict;
import dev.aigate.detect.Violation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, for CI systems that show test reports (GitLab's merge-request widget, Jenkins):
 * one test case per AI-attributed commit and rule, failing for blocking violations; commits
 * without AI evidence pass together in one case.
 */
final class JUnitReporter implements Reporter {
  @Override
  public void write(Report report, PrintStream out) {
    List<CommitVerdict> commits = report.verdict().commits();
    int tests = 0;
    int failures = 0;
    int plain = 0;
    for (CommitVerdict c : commits) {
      if (!c.isAi()) {
        plain++;
        continue;
      }
      int rules = byRule(c).size();
      tests += Math.max(1, rules);
      failures += (int) byRule(c).values().stream().filter(vs -> vs.stream().anyMatch(Violation::blocking)).count();
    }
    tests += plain > 0 ? 1 : 0;
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "aigate");
      x.writeAttribute("tests", String.valueOf(tests));
      x.writeAttribute("failures", String.valueOf(failures));
      x.writeCharacters("\n  ");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", xml("aigate" + (report.scope() == null ? "" : " " + report.scope())));
      x.writeAttribute("tests", String.valueOf(tests));
      x.writeAttribute("failures", String.valueOf(failures));
      x.writeAttribute("errors", "0");
      x.writeAttribute("skipped", "0");
      for (CommitVerdict c : commits) {
        if (c.isAi()) {
          commit(c, x);
        }
      }
      if (plain > 0) {
        x.writeCharacters("\n    ");
        x.writeEmptyElement("testcase");
        x.writeAttribute("classname", "aigate");
        x.writeAttribute("name", plain + " commit(s) without AI evidence");
      }
      x.writeCharacters("\n  ");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the JUnit report", e);
    }
  }

  /**
   * Text XML 1.0 can hold: characters it forbids (C0 controls but tab and line breaks, unpaired
   * surrogates, U+FFFE and U+FFFF) become visible {@code \u001b}-style escapes. A writer would
   * put them out as they are, or as character references, and either makes the file unparsable.
   */
  static String xml(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xd7ff || c >= 0xe000 && c <= 0xfffd;
      if (!ok && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (!ok) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static Map<String, List<Violation>> byRule(CommitVerdict c) {
    Map<String, List<Violation>> out = new LinkedHashMap<>();
    for (Violation v : c.violations()) {
      out.computeIfAbsent(v.rule(), k -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static void commit(CommitVerdict c, XMLStreamWriter x) throws XMLStreamException {
    String id = c.change().id();
    String classname = "commit " + id.substring(0, Math.min(12, id.length())) + " " + c.change().subject();
    Map<String, List<Violation>> rules = byRule(c);
    if (rules.isEmpty()) {
      x.writeCharacters("\n    ");
      x.writeEmptyElement("testcase");
      x.writeAttribute("classname", xml(classname));
      x.writeAttribute("name", "policy");
      return;
    }
    for (Map.Entry<String, List<Violation>> r : rules.entrySet()) {
      x.writeCharacters("\n    ");
      x.writeStartElement("testcase");
      x.writeAttribute("classname", xml(classname));
      x.writeAttribute("name", xml(r.getKey()));
      boolean blocking = r.getValue().stream().anyMatch(Violation::blocking);
      StringBuilder detail = new StringBuilder();
      for (Violation v : r.getValue()) {
        detail.append(v.where()).append(": ").append(v.message()).append('\n');
      }
      detail.append("fix: ").append(r.getValue().get(0).fix()).append('\n');
      if (blocking) {
        x.writeStartElement("failure");
        x.writeAttribute("message", xml(r.getValue().size() + " path(s) violate rule " + r.getKey()));
        x.writeAttribute("type", r.getValue().get(0).action().yamlName());
        x.writeCharacters(xml(detail.toString()));
        x.writeEndElement();
      } else {
        x.writeStartElement("system-out");
        x.writeCharacters(xml("warning: " + detail));
        x.writeEndElement();
      }
      x.writeEndElement();
    }
  }
}
