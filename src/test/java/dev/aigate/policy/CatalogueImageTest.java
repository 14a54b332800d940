package dev.aigate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The build's image of the catalogue is the catalogue its YAML says, and is used only for that YAML. */
class CatalogueImageTest {

  private static byte[] builtImage() throws IOException {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(CatalogueImage.RESOURCE)) {
      assertNotNull(in, "the build writes " + CatalogueImage.RESOURCE + " before the tests (pom.xml, process-classes)");
      return in.readAllBytes();
    }
  }

  /** Every field of every tool, as text: the records hold Patterns and globs without equals. */
  private static String describe(CatalogueImage.Catalogue c) {
    return c.tools().stream().map(t -> String.join(" | ", t.id(), t.name(), t.vendor(), t.source(),
        t.emails().toString(), t.names().toString(), patterns(t.message()), t.trailers().toString(),
        t.aliases().toString(), t.environment().toString(), patterns(t.content()), t.bots().toString(),
        t.links().toString())).collect(Collectors.joining("\n")) + "\nnot-ai " + c.notAi();
  }

  private static String patterns(List<Pattern> ps) {
    return ps.stream().map(p -> p.pattern() + "/" + p.flags()).toList().toString();
  }

  @Test
  void theBuiltImageReadsAsTheYamlCatalogue() throws IOException {
    String text = PolicyLoader.catalogueText();
    CatalogueImage.Catalogue parsed = PolicyLoader.parseCatalogue(text);
    Optional<CatalogueImage.Catalogue> image = CatalogueImage.read(builtImage(), text);
    assertTrue(image.isPresent(), "the jar's image was made from another catalogue.yml");
    assertTrue(parsed.tools().size() > 20 && !parsed.notAi().isEmpty());
    assertEquals(describe(parsed), describe(image.get()));
    // Every kind of list is exercised, so a field the image drops shows up above.
    assertTrue(parsed.tools().stream().anyMatch(t -> !t.message().isEmpty()));
    assertTrue(parsed.tools().stream().anyMatch(t -> t.environment().stream().anyMatch(e -> e.value() != null)));
    assertTrue(parsed.tools().stream().anyMatch(t -> !t.trailers().isEmpty() && !t.bots().isEmpty() && !t.links().isEmpty()));
    // And what the process uses is that catalogue.
    assertEquals(describe(parsed), describe(new CatalogueImage.Catalogue(PolicyLoader.builtinCatalogue(), PolicyLoader.builtinNotAi())));
  }

  @Test
  void anImageOfOtherTextOrABrokenOneIsNotUsed() throws IOException {
    String text = PolicyLoader.catalogueText();
    byte[] image = builtImage();
    // An edited catalogue (one character) with the old image: the YAML wins.
    assertTrue(CatalogueImage.read(image, text.replaceFirst("claude-code", "claude-cody")).isEmpty());
    assertTrue(CatalogueImage.read(image, text + "\n").isEmpty());
    assertTrue(CatalogueImage.read(Arrays.copyOf(image, image.length - 1), text).isEmpty(), "truncated");
    assertTrue(CatalogueImage.read(Arrays.copyOf(image, image.length + 1), text).isEmpty(), "trailing bytes");
    assertTrue(CatalogueImage.read(null, text).isEmpty());
    assertTrue(CatalogueImage.read(new byte[0], text).isEmpty());
  }

  @Test
  void writingThenReadingKeepsEveryField() {
    String text = "some catalogue text";
    ToolSignature t = new ToolSignature("x-agent", "X Agent", "openai",
        List.of(IdentityGlob.compile("bot@x.example"), IdentityGlob.compile("*+x[bot]@users.noreply.github.com")),
        List.of(IdentityGlob.compile("* (x)")), List.of(Pattern.compile("(?i)made by x")), List.of("X-Session"),
        List.of("x agent"), List.of(new EnvSignal("X_AGENT", null), new EnvSignal("AI_AGENT", Pattern.compile("x.*"))),
        List.of(Pattern.compile("@x-generated")), List.of("x-bot"), List.of("x.example/tasks/"), "docs at x.example");
    CatalogueImage.Catalogue c = new CatalogueImage.Catalogue(List.of(t), List.of(IdentityGlob.compile("*[bot]@example.com")));
    Optional<CatalogueImage.Catalogue> back = CatalogueImage.read(CatalogueImage.write(c, text), text);
    assertEquals(describe(c), back.map(CatalogueImageTest::describe).orElse("not read"));
    assertTrue(back.get().tools().get(0).names().get(0).matches("Dana (X)"), "a glob keeps its wildcard");
  }
}
