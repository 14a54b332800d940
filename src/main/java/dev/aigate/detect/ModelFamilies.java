package dev.aigate.detect;

import dev.aigate.policy.ToolSignature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Model names in a disclosure trailer's value ({@code Assisted-by: claude-opus-4},
 * {@code Generated-by: GPT-4o}, {@code AI-Tool: o3}): AI even when no known tool is named, with
 * the vendor the model family gives. Only disclosure values are read this way, never prose, so
 * "bump claude sdk" in a subject stays a subject.
 */
final class ModelFamilies {
  /** Family prefix of a value's word, and the vendor it names. */
  private static final Map<String, String> FAMILIES = new LinkedHashMap<>();

  static {
    for (String f : List.of("claude", "sonnet", "opus", "haiku")) {
      FAMILIES.put(f, "anthropic");
    }
    for (String f : List.of("gpt", "chatgpt", "codex")) {
      FAMILIES.put(f, "openai");
    }
    for (String f : List.of("gemini", "gemma")) {
      FAMILIES.put(f, "google");
    }
    FAMILIES.put("qwen", "alibaba");
    FAMILIES.put("glm", "zhipu");
    FAMILIES.put("kimi", "moonshot");
    FAMILIES.put("deepseek", "deepseek");
    FAMILIES.put("llama", "meta");
    for (String f : List.of("mistral", "mixtral", "codestral", "devstral", "magistral")) {
      FAMILIES.put(f, "mistral");
    }
    FAMILIES.put("grok", "xai");
    FAMILIES.put("nova", "amazon");
    FAMILIES.put("minimax", "minimax");
  }

  /** OpenAI's o-series: o1, o3, o4-mini, o3-pro. */
  private static final Pattern O_SERIES = Pattern.compile("o[1-9](-(mini|pro|preview|high|low))*");
  /** Identity by vendor: the evaluator compares tools by reference. */
  private static final Map<String, ToolSignature> BY_VENDOR = new java.util.concurrent.ConcurrentHashMap<>();

  private ModelFamilies() {}

  static Optional<ToolSignature> named(String value) {
    // Bounded: a disclosure value is one line, and only its first 40 words are read.
    String[] words = value.toLowerCase(Locale.ROOT).split("[\\s,;()\\[\\]/:<>\"'=+]+", 41);
    for (int i = 0; i < Math.min(words.length, 40); i++) {
      String w = words[i];
      if (w.isEmpty()) {
        continue;
      }
      if (O_SERIES.matcher(w).matches()) {
        return Optional.of(unknownOf("openai"));
      }
      for (Map.Entry<String, String> f : FAMILIES.entrySet()) {
        if (w.startsWith(f.getKey()) && (w.length() == f.getKey().length() || isModelSuffix(w.charAt(f.getKey().length())))) {
          return Optional.of(unknownOf(f.getValue()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isModelSuffix(char c) {
    return c == '-' || c == '.' || c == '_' || c >= '0' && c <= '9';
  }

  private static ToolSignature unknownOf(String vendor) {
    return BY_VENDOR.computeIfAbsent(vendor, v -> new ToolSignature(ToolSignature.UNKNOWN, "unknown AI tool", v,
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
  }
}
