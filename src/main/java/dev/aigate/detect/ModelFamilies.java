package dev.aigate.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Model names in an attribution value ({@code Assisted-by: claude-opus-4}, {@code Co-authored-by:
 * GPT-5 Codex <...>}, {@code AI-Tool: o3}): AI even when no known tool is named, with the vendor
 * the model family gives. Only attribution values are read this way, never prose, so "bump
 * claude sdk" in a subject stays a subject.
 *
 * <p>A family word that is also a person's name or an English word ({@code Claude}, {@code Kimi},
 * {@code Opus}) counts only with a version ({@code claude-3.5}, {@code Kimi K2}, {@code Claude
 * Opus 4}): "Co-authored-by: Claude Shannon" is a person.
 */
final class ModelFamilies {
  /** Family prefix of a value's word, and the vendor it names. */
  private static final Map<String, String> FAMILIES = new LinkedHashMap<>();
  /** Families no person or plain word is called: the bare word is a model. */
  private static final Set<String> UNAMBIGUOUS = Set.of("gpt", "chatgpt", "deepseek", "qwen", "glm", "grok",
      "mixtral", "codestral", "devstral", "magistral", "minimax", "gemma");
  /** Words after a family word that make it a model name: tiers and variants. */
  private static final Set<String> TIERS = Set.of("opus", "sonnet", "haiku", "pro", "flash", "ultra", "mini", "nano",
      "turbo", "coder", "instruct", "max", "plus", "preview", "exp", "lite", "thinking", "reasoner", "codex");
  private static final int MAX_WORDS = 40;
  /** Compiled once: {@code String.split} compiles a regex of more than one character on every call. */
  private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9.]+");

  static {
    for (String f : List.of("claude", "sonnet", "opus", "haiku")) {
      FAMILIES.put(f, "anthropic");
    }
    for (String f : List.of("chatgpt", "gpt")) {
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

  private ModelFamilies() {}

  /** The vendor of the first model name in {@code value}, if it names one. */
  static Optional<String> vendor(String value) {
    String[] words = words(value);
    for (int i = 0; i < Math.min(words.length, MAX_WORDS); i++) {
      String w = words[i];
      if (w.isEmpty()) {
        continue;
      }
      if (isOSeries(w)) {
        return Optional.of("openai");
      }
      for (Map.Entry<String, String> f : FAMILIES.entrySet()) {
        String family = f.getKey();
        if (!w.startsWith(family)) {
          continue;
        }
        if (w.length() > family.length() && isVersion(w.substring(family.length()))) {
          return Optional.of(f.getValue());
        }
        if (w.length() == family.length() && (UNAMBIGUOUS.contains(family) || versionFollows(words, i))) {
          return Optional.of(f.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /** Lower-case words of a value: letters, digits and dots ("claude-3.5-sonnet" is claude, 3.5, sonnet). */
  static String[] words(String value) {
    String v = value.length() > MessageLines.MAX_LINE ? value.substring(0, MessageLines.MAX_LINE) : value;
    char[] c = v.toLowerCase(Locale.ROOT).toCharArray();
    for (int i = 0; i < c.length; i++) {
      // A dot belongs to a version ("4.5"), not to a host ("opencode.ai"): only between digits.
      if (c[i] == '.' && !(i > 0 && Character.isDigit(c[i - 1]) && i + 1 < c.length && Character.isDigit(c[i + 1]))) {
        c[i] = ' ';
      }
    }
    return NOT_WORD.split(new String(c), MAX_WORDS + 1);
  }

  /** Whether one of the next two words is a version or a tier. */
  static boolean versionFollows(String[] words, int i) {
    for (int j = i + 1; j <= i + 2 && j < Math.min(words.length, MAX_WORDS); j++) {
      if (hasDigit(words[j]) || TIERS.contains(words[j])) {
        return true;
      }
    }
    return false;
  }

  /** OpenAI's o-series: o1, o3, o4 (the "-mini" is the next word). */
  private static boolean isOSeries(String w) {
    return w.length() == 2 && w.charAt(0) == 'o' && w.charAt(1) >= '1' && w.charAt(1) <= '9';
  }

  /** "3", "3.5", "v3", "k2" (Kimi), "4o": what follows a family name glued to it. */
  private static boolean isVersion(String rest) {
    int i = rest.charAt(0) == '.' ? 1 : 0;
    if (i < rest.length() && (rest.charAt(i) == 'v' || rest.charAt(i) == 'k')) {
      i++;
    }
    return i < rest.length() && Character.isDigit(rest.charAt(i));
  }

  static boolean hasDigit(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isDigit(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
