package dev.aigate.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.aigate.policy.ToolSignature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Agent Trace records (cursor/agent-trace, spec 0.1.0) that a team commits under
 * {@code .agent-trace/} as JSON lines: which ranges of which files a conversation's contributor
 * wrote. Parsed leniently (the reference implementation writes {@code "version": "1.0"}, which
 * fails the spec's own pattern) and only ever used to <em>raise</em> AI attribution: a record is
 * the committer's claim, so a {@code human} contributor or a missing record proves nothing.
 */
public final class AgentTrace {
  /** The directory, at the root of the tree, whose {@code *.jsonl} files hold the records. */
  public static final String DIR = ".agent-trace";
  /** The longest record line read; longer lines are skipped, not inflated. */
  public static final int MAX_LINE = 1 << 20;
  private static final int MAX_DEPTH = 16;
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
          .maxStringLength(MAX_LINE).maxNumberLength(40).build())
      .build();

  /** How sure a record is that the lines are AI: {@code ai} or {@code mixed}, else {@code unknown}. */
  public enum Contributor { AI, UNKNOWN }

  /**
   * Lines a record attributes to a non-human contributor in one file.
   *
   * @param tool the tool as the record names it ({@code cursor}, {@code claude-code}), or empty
   * @param model the contributor's {@code model_id} ({@code anthropic/claude-opus-4-5}), or empty
   */
  public record Claim(String path, String tool, String model, Contributor contributor, long lines) {}

  private AgentTrace() {}

  /**
   * What record lines say: the non-human claims, and how many lines are no record this reader
   * can read (not a JSON object, longer than {@link #MAX_LINE}, deeper or with longer numbers
   * than it reads). An unread record is not a human one: the caller must not pass over them.
   */
  public record Parsed(List<Claim> claims, int unreadable) {
    public Parsed {
      claims = List.copyOf(claims);
      if (unreadable < 0) {
        throw new IllegalArgumentException("a count of unreadable lines is not negative: " + unreadable);
      }
    }
  }

  /** The non-human claims of the given record lines (unreadable lines counted, see {@link Parsed}). */
  public static Parsed read(List<String> lines) {
    Map<String, Claim> out = new LinkedHashMap<>();
    int unreadable = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      Object json = line.length() > MAX_LINE ? null : read(line);
      if (!(json instanceof Map)) {
        unreadable++;
        continue;
      }
      Map<String, Object> record = map(json);
      String tool = text(map(record.get("tool")).get("name")).toLowerCase(Locale.ROOT);
      for (Object f : list(record.get("files"))) {
        Map<String, Object> file = map(f);
        String path = text(file.get("path"));
        // The reference implementation's pseudo-paths (.sessions, .shell-history, .unknown) are no files.
        if (path.isEmpty() || path.startsWith(".") && !path.contains("/")) {
          continue;
        }
        for (Object c : list(file.get("conversations"))) {
          Map<String, Object> conversation = map(c);
          Map<String, Object> who = map(conversation.get("contributor"));
          for (Object r : list(conversation.get("ranges"))) {
            Map<String, Object> range = map(r);
            Map<String, Object> by = range.containsKey("contributor") ? map(range.get("contributor")) : who;
            Optional<Contributor> kind = contributor(text(by.get("type")));
            if (kind.isEmpty()) {
              continue;
            }
            String model = text(by.get("model_id"));
            long n = lines(range.get("start_line"), range.get("end_line"));
            String key = path + "\0" + tool + "\0" + model + "\0" + kind.get();
            Claim before = out.get(key);
            out.put(key, new Claim(path, tool, model, kind.get(), Math.min(1_000_000L,
                n + (before == null ? 0 : before.lines()))));
          }
        }
      }
    }
    return new Parsed(List.copyOf(out.values()), unreadable);
  }

  /** The non-human claims of the given record lines; unreadable lines are left out. */
  public static List<Claim> parse(List<String> lines) {
    return read(lines).claims();
  }

  /** The vendor a {@code provider/model} id names, if it names one. */
  public static Optional<String> vendor(String modelId) {
    int slash = modelId.indexOf('/');
    String provider = slash > 0 ? modelId.substring(0, slash) : "";
    Optional<String> byModel = ModelFamilies.vendor(slash > 0 ? modelId.substring(slash + 1) : modelId);
    if (byModel.isPresent()) {
      return byModel;
    }
    // A provider name the catalogue does not know is no vendor: the claim stays of unknown vendor.
    String p = provider.toLowerCase(Locale.ROOT);
    return ToolSignature.MODEL_VENDORS.contains(p) ? Optional.of(p) : Optional.empty();
  }

  private static Optional<Contributor> contributor(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "ai", "mixed" -> Optional.of(Contributor.AI);
      case "human" -> Optional.empty();
      // A record exists because an agent's hook saw the edit: an unnamed contributor is a question.
      default -> Optional.of(Contributor.UNKNOWN);
    };
  }

  private static long lines(Object start, Object end) {
    if (start instanceof Number s && end instanceof Number e && s.longValue() >= 1 && e.longValue() >= s.longValue()) {
      return Math.min(e.longValue() - s.longValue() + 1, 1_000_000L);
    }
    return 1;
  }

  /** One JSON value as maps, lists, strings, numbers and booleans; null when it is not JSON. */
  private static Object read(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      JsonToken t = p.nextToken();
      return t == null ? null : value(p, t);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
          String name = p.currentName();
          m.put(name, value(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          if (e == null) {
            throw new IOException("unterminated array");
          }
          l.add(value(p, e));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return p.getNumberValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      default -> {
        return null;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }

  private static String text(Object o) {
    return o instanceof String s ? s.strip() : "";
  }
}
