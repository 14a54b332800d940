package dev.aigate.detect;

import dev.aigate.policy.ToolSignature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A git-ai authorship note ({@code refs/notes/ai}, Git AI Standard {@code authorship/3.0.0}):
 * which lines of which files an AI session wrote. Parsed leniently (real notes carry unsorted
 * ranges, keys outside the spec, metadata-only bodies), and only ever used to <em>raise</em> AI
 * attribution: a note is the pusher's claim, so an {@code h_} (human) key or a missing note
 * proves nothing.
 */
public final class GitAiNote {
  /** The note size read at most; git-ai's own notes reach 3.2 MB. */
  public static final int MAX_BYTES = 4 << 20;
  /** Ranges counted per note; the rest still count as AI, only not as lines. */
  private static final int MAX_RANGES = 100_000;

  /**
   * AI lines a note attributes to one tool in one file.
   *
   * @param tool the tool as the note names it ({@code claude}, {@code codex}), or {@code unknown}
   * @param model the model, or empty
   */
  public record Attribution(String path, String tool, String model, long lines) {}

  private GitAiNote() {}

  /** The AI attributions of a note; empty when it names no AI session. */
  public static List<Attribution> parse(String note) {
    String text = note.length() > MAX_BYTES ? note.substring(0, MAX_BYTES) : note;
    int divider = dividerAt(text);
    String attestations = divider < 0 ? text : text.substring(0, divider);
    Map<String, Object> metadata = divider < 0 ? Map.of() : metadata(text.substring(divider + 3));
    Map<String, Object> sessions = map(metadata.get("sessions"));
    Map<String, Object> prompts = map(metadata.get("prompts"));
    Map<String, Attribution> out = new LinkedHashMap<>();
    String path = null;
    int ranges = 0;
    for (String raw : attestations.split("\n", -1)) {
      String line = raw.stripTrailing();
      if (line.isBlank()) {
        continue;
      }
      if (!line.startsWith("  ")) {
        path = line.length() >= 2 && line.startsWith("\"") && line.endsWith("\"")
            ? line.substring(1, line.length() - 1) : line;
        continue;
      }
      if (path == null) {
        continue;
      }
      String entry = line.strip();
      int sp = entry.indexOf(' ');
      String key = sp < 0 ? entry : entry.substring(0, sp);
      Optional<Agent> agent = agent(key, sessions, prompts);
      if (agent.isEmpty()) {
        continue;
      }
      long count = 0;
      if (sp > 0) {
        for (String r : entry.substring(sp + 1).split(",")) {
          if (ranges++ < MAX_RANGES) {
            count += lines(r.strip());
          }
        }
      }
      String tool = agent.get().tool();
      String model = agent.get().model();
      String k = path + "\0" + tool + "\0" + model;
      Attribution prev = out.get(k);
      out.put(k, new Attribution(path, tool, model, (prev == null ? 0 : prev.lines()) + count));
    }
    return List.copyOf(out.values());
  }

  /** The offset of the {@code ---} line that ends the attestations, or -1. */
  private static int dividerAt(String text) {
    if (text.startsWith("---\n") || text.equals("---")) {
      return 0;
    }
    int i = text.indexOf("\n---\n");
    if (i >= 0) {
      return i + 1;
    }
    return text.endsWith("\n---") ? text.length() - 3 : -1;
  }

  /**
   * The tool and model an attestation key stands for. {@code s_<id>::t_<trace>} resolves in
   * {@code sessions}, a bare hex key in {@code prompts}. A session or legacy key whose metadata
   * is missing or unreadable is still AI by the standard, of a tool the note does not say.
   */
  private record Agent(String tool, String model) {}

  private static Optional<Agent> agent(String key, Map<String, Object> sessions, Map<String, Object> prompts) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.startsWith("h_")) {
      return Optional.empty();
    }
    Object record = null;
    boolean aiByForm = false;
    if (k.startsWith("s_")) {
      int sep = k.indexOf("::");
      record = sessions.get(sep < 0 ? key : key.substring(0, sep));
      aiByForm = true;
    } else if (k.matches("[0-9a-f]{7}|[0-9a-f]{16}")) {
      record = prompts.get(key);
      aiByForm = true;
    } else {
      record = sessions.containsKey(key) ? sessions.get(key) : prompts.get(key);
    }
    Map<String, Object> agentId = map(map(record).get("agent_id"));
    if (agentId.isEmpty()) {
      return aiByForm ? Optional.of(new Agent(ToolSignature.UNKNOWN, "")) : Optional.empty();
    }
    String tool = text(agentId.get("tool"));
    return Optional.of(new Agent(tool.isEmpty() ? ToolSignature.UNKNOWN : tool.toLowerCase(Locale.ROOT),
        text(agentId.get("model"))));
  }

  private static long lines(String range) {
    int dash = range.indexOf('-');
    try {
      if (dash < 0) {
        return range.isEmpty() ? 0 : Long.parseLong(range) > 0 ? 1 : 0;
      }
      long from = Long.parseLong(range.substring(0, dash));
      long to = Long.parseLong(range.substring(dash + 1));
      return to >= from && from > 0 ? Math.min(to - from + 1, 1_000_000) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Map<String, Object> metadata(String json) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES);
    options.setMaxAliasesForCollections(1);
    options.setNestingDepthLimit(20);
    try {
      return map(new Yaml(new SafeConstructor(options)).load(json));
    } catch (RuntimeException e) {
      // Unreadable metadata leaves the session keys, which are AI by form.
      return Map.of();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    }
    return Map.of();
  }

  private static String text(Object o) {
    return o instanceof String s ? s.strip() : "";
  }
}
