package dev.aigate.policy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML node tree strictly and collects every problem with its position.
 *
 * <p>SnakeYAML's {@code compose} keeps each node's start mark, which is what lets a diagnostic
 * name {@code file:line:col}. Nothing here constructs Java objects from tags: only plain
 * scalars, sequences and mappings are read, so a hostile file cannot instantiate anything.
 */
final class YamlReader {
  /** Policies are small; anything bigger is a mistake or an attack. */
  static final int MAX_CODE_POINTS = 1_000_000;

  private final List<PolicyProblem> problems = new ArrayList<>();

  List<PolicyProblem> problems() {
    return problems;
  }

  /**
   * Tags plain scalars (bool, int, null…). Built once: its constructor compiles a dozen regular
   * expressions, and a hook composes two documents; it is only read afterwards.
   */
  private static final Resolver RESOLVER = new Resolver();

  /** Parses one YAML document, or records why it cannot be parsed and returns null. */
  Node compose(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(32);
    options.setCodePointLimit(MAX_CODE_POINTS);
    try {
      // The Composer alone, not the Yaml facade: that one also builds representers, bean
      // introspection and java.util.logging, which a hook pays for at every commit.
      Node root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), RESOLVER, options)
          .getSingleNode();
      if (root == null) {
        problems.add(new PolicyProblem(0, 0, "the file is empty; a policy needs at least 'version: 1'"));
      }
      return root;
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
      if (m == null) {
        problems.add(new PolicyProblem(0, 0, "not valid YAML: " + what));
      } else {
        problems.add(new PolicyProblem(m.getLine() + 1, m.getColumn() + 1, "not valid YAML: " + what));
      }
      return null;
    } catch (YAMLException e) {
      problems.add(new PolicyProblem(0, 0, "not valid YAML: " + e.getMessage()));
      return null;
    }
  }

  void error(Node node, String message) {
    Mark m = node.getStartMark();
    problems.add(new PolicyProblem(m.getLine() + 1, m.getColumn() + 1, message));
  }

  /**
   * The entries of a mapping by key, in file order. Unknown and duplicate keys are problems.
   * Returns an empty map (after recording a problem) when the node is not a mapping.
   */
  Map<String, Node> mapping(Node node, String where, Set<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode map)) {
      error(node, where + ": expected a mapping, got " + describe(node));
      return out;
    }
    Map<String, Integer> firstLine = new HashMap<>();
    for (NodeTuple t : map.getValue()) {
      Node keyNode = t.getKeyNode();
      if (!(keyNode instanceof ScalarNode k)) {
        error(keyNode, where + ": keys must be plain words");
        continue;
      }
      String key = k.getValue();
      if (firstLine.containsKey(key)) {
        error(keyNode, "duplicate key '" + key + "' in " + where + " (first at line " + firstLine.get(key) + ")");
        continue;
      }
      firstLine.put(key, keyNode.getStartMark().getLine() + 1);
      if (!allowed.contains(key)) {
        error(keyNode, "unknown key '" + key + "' in " + where + " (expected one of: "
            + String.join(", ", new TreeSet<>(allowed)) + ")");
        continue;
      }
      out.put(key, t.getValueNode());
    }
    return out;
  }

  String string(Node node, String where) {
    if (node instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
      return s.getValue();
    }
    error(node, where + ": expected a string, got " + describe(node));
    return null;
  }

  /**
   * {@code true} or {@code false}, nothing else. YAML 1.1 also reads {@code yes}, {@code on},
   * {@code y} and their negations as booleans, and {@code Boolean.parseBoolean("yes")} is false:
   * {@code builtin: yes} once turned the whole catalogue off while validating clean.
   */
  Boolean bool(Node node, String where) {
    if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      if (s.getValue().equals("true")) {
        return Boolean.TRUE;
      }
      if (s.getValue().equals("false")) {
        return Boolean.FALSE;
      }
      error(node, where + ": '" + s.getValue() + "' is ambiguous; write true or false");
      return null;
    }
    error(node, where + ": expected true or false, got " + describe(node));
    return null;
  }

  Integer integer(Node node, String where) {
    if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      try {
        return Integer.valueOf(s.getValue().replace("_", ""));
      } catch (NumberFormatException e) {
        error(node, where + ": integer out of range: " + s.getValue());
        return null;
      }
    }
    error(node, where + ": expected an integer, got " + describe(node));
    return null;
  }

  /** A number (an integer or a decimal). */
  Double number(Node node, String where) {
    if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
      try {
        double d = Double.parseDouble(s.getValue().replace("_", ""));
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    error(node, where + ": expected a number, got " + describe(node));
    return null;
  }

  List<Node> sequence(Node node, String where) {
    if (node instanceof SequenceNode seq) {
      return seq.getValue();
    }
    error(node, where + ": expected a list, got " + describe(node));
    return List.of();
  }

  /** A list of strings, each converted by {@code convert}; a conversion error is a problem at that item. */
  <T> List<T> list(Node node, String where, Function<String, T> convert) {
    List<T> out = new ArrayList<>();
    List<Node> items = sequence(node, where);
    for (int i = 0; i < items.size(); i++) {
      String item = string(items.get(i), where + "[" + i + "]");
      if (item == null) {
        continue;
      }
      try {
        out.add(convert.apply(item));
      } catch (IllegalArgumentException e) {
        error(items.get(i), where + "[" + i + "]: " + e.getMessage());
      }
    }
    return out;
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) node;
    Tag tag = s.getTag();
    if (tag.equals(Tag.NULL)) {
      return "nothing (null)";
    }
    String kind = tag.equals(Tag.STR) ? "string" : tag.equals(Tag.INT) ? "integer"
        : tag.equals(Tag.BOOL) ? "boolean" : tag.equals(Tag.FLOAT) ? "number" : tag.getValue();
    return kind + " '" + s.getValue() + "'";
  }
}
