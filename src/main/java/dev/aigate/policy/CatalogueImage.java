package dev.aigate.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The built-in catalogue as the build parsed and validated it, for start-up: every commit hook
 * and every push used to compose and check the catalogue's 21 KB of YAML with a cold JIT, about
 * a third of the hook's own CPU (docs/benchmarks.md). The image holds the values after
 * validation, so reading it is a run of string reads and the catalogue's few regex compiles.
 *
 * <p>The image names the exact catalogue text it was made from (length and CRC-32). An image
 * for other text, or one that cannot be read, is not used: the loader parses the YAML, which is
 * slower and gives the same catalogue. The key is the text, not this code: an image written by
 * an older version of {@link #write} that still parses under this {@link #read} would be taken.
 * Maven rewrites the image on every build ({@code process-classes}), and {@code
 * CatalogueImageTest} compares it field by field with the parsed YAML, so such an image (an IDE
 * build that skipped the step after this class changed) fails the tests. It never reaches a jar.
 * Change {@link #FORMAT} with the layout anyway.
 */
public final class CatalogueImage {
  /** Next to {@code catalogue.yml} in the jar; written by {@code dev.aigate.tools.Generate}. */
  public static final String RESOURCE = "catalogue.bin";
  private static final int MAGIC = 0x41494743; // "AIGC"
  private static final int FORMAT = 1;

  /** The catalogue's tools and the automation identities that are never AI. */
  public record Catalogue(List<ToolSignature> tools, List<IdentityGlob> notAi) {
    public Catalogue {
      tools = List.copyOf(tools);
      notAi = List.copyOf(notAi);
    }
  }

  private CatalogueImage() {}

  /** The image of the built-in catalogue, parsed from its YAML (the build step). */
  public static byte[] build() {
    String text = PolicyLoader.catalogueText();
    return write(PolicyLoader.parseCatalogue(text), text);
  }

  static byte[] write(Catalogue catalogue, String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      byte[] source = text.getBytes(StandardCharsets.UTF_8);
      out.writeInt(source.length);
      out.writeLong(crc(source));
      out.writeInt(catalogue.tools().size());
      for (ToolSignature t : catalogue.tools()) {
        out.writeUTF(t.id());
        out.writeUTF(t.name());
        out.writeUTF(t.vendor());
        out.writeUTF(t.source());
        strings(out, t.emails(), IdentityGlob::toString);
        strings(out, t.names(), IdentityGlob::toString);
        strings(out, t.message(), CatalogueImage::regex);
        strings(out, t.trailers(), s -> s);
        strings(out, t.aliases(), s -> s);
        out.writeInt(t.environment().size());
        for (EnvSignal e : t.environment()) {
          out.writeUTF(e.name());
          out.writeBoolean(e.value() != null);
          if (e.value() != null) {
            out.writeUTF(regex(e.value()));
          }
        }
        strings(out, t.content(), CatalogueImage::regex);
        strings(out, t.bots(), s -> s);
        strings(out, t.links(), s -> s);
      }
      strings(out, catalogue.notAi(), IdentityGlob::toString);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The catalogue in {@code image}, if it was made from exactly {@code text} and reads whole. */
  static Optional<Catalogue> read(byte[] image, String text) {
    if (image == null) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(image))) {
      byte[] source = text.getBytes(StandardCharsets.UTF_8);
      if (in.readInt() != MAGIC || in.readInt() != FORMAT || in.readInt() != source.length || in.readLong() != crc(source)) {
        return Optional.empty();
      }
      int count = in.readInt();
      List<ToolSignature> tools = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String id = in.readUTF();
        String name = in.readUTF();
        String vendor = in.readUTF();
        String origin = in.readUTF();
        List<IdentityGlob> emails = list(in, IdentityGlob::compile);
        List<IdentityGlob> names = list(in, IdentityGlob::compile);
        List<Pattern> message = list(in, Pattern::compile);
        List<String> trailers = list(in, s -> s);
        List<String> aliases = list(in, s -> s);
        int envs = in.readInt();
        List<EnvSignal> environment = new ArrayList<>(envs);
        for (int e = 0; e < envs; e++) {
          String var = in.readUTF();
          environment.add(new EnvSignal(var, in.readBoolean() ? Pattern.compile(in.readUTF()) : null));
        }
        List<Pattern> content = list(in, Pattern::compile);
        List<String> bots = list(in, s -> s);
        List<String> links = list(in, s -> s);
        tools.add(new ToolSignature(id, name, vendor, emails, names, message, trailers, aliases, environment, content,
            bots, links, origin));
      }
      List<IdentityGlob> notAi = list(in, IdentityGlob::compile);
      return in.read() == -1 ? Optional.of(new Catalogue(tools, notAi)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // Unreadable means "parse the YAML instead": the same catalogue, found the slow way.
      return Optional.empty();
    }
  }

  /**
   * The loader compiles catalogue regexes from their text alone (inline flags included); one
   * compiled with flags passed beside the text would not read back the same.
   */
  private static String regex(Pattern p) {
    if (Pattern.compile(p.pattern()).flags() != p.flags()) {
      throw new IllegalArgumentException("catalogue regex with flags " + p.flags() + ": " + p.pattern());
    }
    return p.pattern();
  }

  private static <T> void strings(DataOutputStream out, List<T> items, Function<T, String> text) throws IOException {
    out.writeInt(items.size());
    for (T item : items) {
      out.writeUTF(text.apply(item));
    }
  }

  private static <T> List<T> list(DataInputStream in, Function<String, T> f) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 10_000) {
      throw new IOException("bad list length " + n);
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(f.apply(in.readUTF()));
    }
    return out;
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }
}
