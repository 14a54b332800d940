package dev.aigate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.aigate.gate.Manifest;
import dev.aigate.git.GitPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The provenance manifest's formats (docs/provenance.md). JSONL and JSON are a contract
 * (schema/aigate-provenance.schema.json); text and Markdown are for people. Every writer streams:
 * nothing holds more than one file, bar the Markdown card's few largest AI files.
 */
public enum ManifestFormat {
  JSONL,
  JSON,
  TEXT,
  MARKDOWN;

  /** The formats' names as users type them. */
  public static String names() {
    return "jsonl, json, text or markdown";
  }

  public static ManifestFormat parse(String name) {
    for (ManifestFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown --format '" + name + "' for provenance (expected " + names() + ")");
  }

  public Manifest.Sink sink(OutputStream out) {
    return switch (this) {
      case JSONL -> new Jsonl(out);
      case JSON -> new Json(out);
      case TEXT -> new Text(out);
      case MARKDOWN -> new Markdown(out);
    };
  }

  /** How {@link #list} separates paths. */
  public enum Paths {
    /** One per line, quoted as git quotes a path that needs it. */
    LINES,
    /** NUL-terminated and unquoted, for {@code xargs -0}. */
    NUL
  }

  /** Paths only, for {@code xargs} and {@code git archive}. */
  public static Manifest.Sink list(OutputStream out, Paths paths) {
    boolean nul = paths == Paths.NUL;
    return new Manifest.Sink() {
      @Override
      public void header(Manifest.Header header) {}

      @Override
      public void file(Manifest.FileEntry file) {
        try {
          out.write(nul ? GitPaths.encode(file.path()) : quote(file.path()));
          out.write(nul ? 0 : '\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void summary(Manifest.Summary summary) {
        try {
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /**
   * A path's bytes as git prints them with core.quotePath=false: C-quoted only when it holds a
   * control character, quote or backslash; other bytes, UTF-8 or not, as they are.
   */
  static byte[] quote(String path) {
    byte[] raw = GitPaths.encode(path);
    boolean plain = true;
    for (int i = 0; i < raw.length && plain; i++) {
      int c = raw[i] & 0xff;
      plain = c >= 0x20 && c != 0x7f && c != '"' && c != '\\';
    }
    if (plain) {
      return raw;
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream(raw.length + 8);
    b.write('"');
    for (byte x : raw) {
      int c = x & 0xff;
      if (c >= BELL && c <= CARRIAGE_RETURN) {
        b.write('\\');
        b.write(NAMED_ESCAPES.charAt(c - BELL));
      } else if (c == '"' || c == '\\') {
        b.write('\\');
        b.write(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.writeBytes(String.format("\\%03o", c).getBytes(StandardCharsets.US_ASCII));
      } else {
        b.write(c);
      }
    }
    b.write('"');
    return b.toByteArray();
  }

  /** git's names for the control characters 7 to 13 (quote.c); the others are octal. */
  private static final String NAMED_ESCAPES = "abtnvfr";
  private static final int BELL = 7;
  private static final int CARRIAGE_RETURN = 13;

  private static JsonGenerator generator(OutputStream out) {
    try {
      JsonGenerator g = new JsonFactory().createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void header(JsonGenerator g, Manifest.Header h) throws IOException {
    g.writeStartObject();
    g.writeNumberField("version", h.version());
    g.writeStringField("aigate", h.aigateVersion());
    g.writeStringField("commit", h.commit());
    g.writeStringField("tree", h.tree());
    g.writeArrayFieldStart("pathspec");
    for (String p : h.pathspec()) {
      g.writeString(p);
    }
    g.writeEndArray();
    g.writeBooleanField("moves", h.moves());
    g.writeStringField("attribution", h.attribution());
    g.writeStringField("selection", h.selection());
    g.writeStringField("since", h.since());
    g.writeEndObject();
  }

  static void file(JsonGenerator g, Manifest.FileEntry f) throws IOException {
    g.writeStartObject();
    g.writeStringField("path", GitPaths.text(f.path()));
    if (f.kind() == Manifest.Kind.BINARY) {
      g.writeBooleanField("binary", true);
    } else if (f.kind() == Manifest.Kind.UNREADABLE) {
      g.writeStringField("unreadable", f.problem());
    }
    g.writeNumberField("lines", f.lines());
    g.writeNumberField("aiLines", f.aiLines());
    counts(g, "byVendor", f.byVendor());
    counts(g, "byTool", f.byTool());
    g.writeNumberField("unknownAiLines", f.unknownAiLines());
    g.writeArrayFieldStart("commits");
    for (Manifest.CommitShare c : f.commits()) {
      g.writeStartObject();
      g.writeStringField("id", c.id());
      g.writeNumberField("lines", c.lines());
      g.writeNumberField("moved", c.moved());
      strings(g, "tools", c.attribution().tools());
      strings(g, "vendors", c.attribution().vendors());
      strings(g, "signals", c.attribution().signals());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void summary(JsonGenerator g, Manifest.Summary s) throws IOException {
    g.writeStartObject();
    g.writeNumberField("files", s.files());
    g.writeNumberField("binaryFiles", s.binaryFiles());
    g.writeNumberField("unreadableFiles", s.unreadableFiles());
    g.writeNumberField("submodules", s.submodules());
    g.writeNumberField("lines", s.lines());
    g.writeNumberField("aiLines", s.aiLines());
    g.writeNumberField("unknownAiLines", s.unknownAiLines());
    shares(g, "byVendor", s.byVendor(), s);
    shares(g, "byTool", s.byTool(), s);
    g.writeObjectFieldStart("byDirectory");
    for (Map.Entry<String, Manifest.Tally> d : s.byDirectory().entrySet()) {
      Manifest.Tally t = d.getValue();
      g.writeObjectFieldStart(d.getKey());
      g.writeNumberField("files", t.files());
      g.writeNumberField("lines", t.lines());
      g.writeNumberField("aiLines", t.aiLines());
      g.writeNumberField("aiShare", share(t.aiLines(), t.lines()));
      counts(g, "byVendor", t.byVendor());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeNumberField("blamed", s.blamed());
    g.writeNumberField("reused", s.reused());
    g.writeEndObject();
  }

  private static void shares(JsonGenerator g, String name, Map<String, Long> counts, Manifest.Summary s)
      throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      g.writeObjectFieldStart(e.getKey());
      g.writeNumberField("lines", e.getValue());
      g.writeNumberField("share", share(e.getValue(), s.lines()));
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  static double share(long n, long of) {
    return of == 0 ? 0 : Math.round(n * 1_000_000.0 / of) / 1_000_000.0;
  }

  private static void counts(JsonGenerator g, String name, Map<String, Integer> counts) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** One JSON object per line: the header, each file, the summary. */
  private static final class Jsonl implements Manifest.Sink {
    private final OutputStream out;
    private final JsonGenerator g;

    Jsonl(OutputStream out) {
      this.out = out;
      this.g = generator(out);
      // Jackson puts a space between root values; each line here is its own document.
      g.setPrettyPrinter(new MinimalPrettyPrinter(""));
    }

    private void line(IoBody body) {
      try {
        body.run();
        g.flush();
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void header(Manifest.Header header) {
      line(() -> {
        g.writeStartObject();
        g.writeFieldName("manifest");
        ManifestFormat.header(g, header);
        g.writeEndObject();
      });
    }

    @Override
    public void file(Manifest.FileEntry file) {
      line(() -> ManifestFormat.file(g, file));
    }

    @Override
    public void summary(Manifest.Summary summary) {
      line(() -> {
        g.writeStartObject();
        g.writeFieldName("summary");
        ManifestFormat.summary(g, summary);
        g.writeEndObject();
      });
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @FunctionalInterface
  private interface IoBody {
    void run() throws IOException;
  }

  /** One JSON document, {@code {"manifest": …, "files": […], "summary": …}}, written as it goes. */
  private static final class Json implements Manifest.Sink {
    private final OutputStream out;
    private final JsonGenerator g;

    Json(OutputStream out) {
      this.out = out;
      this.g = generator(out);
    }

    @Override
    public void header(Manifest.Header header) {
      io(() -> {
        g.writeStartObject();
        g.writeFieldName("manifest");
        ManifestFormat.header(g, header);
        g.writeArrayFieldStart("files");
      });
    }

    @Override
    public void file(Manifest.FileEntry file) {
      io(() -> ManifestFormat.file(g, file));
    }

    @Override
    public void summary(Manifest.Summary summary) {
      io(() -> {
        g.writeEndArray();
        g.writeFieldName("summary");
        ManifestFormat.summary(g, summary);
        g.writeEndObject();
        g.flush();
        out.write('\n');
        out.flush();
      });
    }
  }

  private static void io(IoBody body) {
    try {
      body.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String percent(long n, long of) {
    return String.format(Locale.ROOT, "%.1f%%", of == 0 ? 0.0 : 100.0 * n / of);
  }

  /** A line per file, then the totals. */
  private static final class Text implements Manifest.Sink {
    private final PrintStream out;

    Text(OutputStream out) {
      this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
    }

    @Override
    public void header(Manifest.Header h) {
      out.println("provenance of " + h.commit() + (h.pathspec().isEmpty() ? "" : " -- " + String.join(" ", h.pathspec()))
          + (h.selection().isEmpty() ? "" : " (" + h.selection() + ")"));
    }

    @Override
    public void file(Manifest.FileEntry f) {
      String path = Sanitize.line(GitPaths.text(f.path()));
      switch (f.kind()) {
        case UNREADABLE -> out.printf("%8s %8s  %s  UNREADABLE: %s%n", "?", "?", path, Sanitize.line(f.problem()));
        case BINARY -> out.printf("%8s %8s  %s  binary, last changed by %s%s%s%n", "-", f.ai() ? "AI" : "human", path,
            f.commits().get(0).id().substring(0, 12), vendors(f.commits().get(0).attribution().vendors()),
            f.commits().size() == 1 ? "" : "; earlier AI changes " + String.join(", ", f.commits().subList(1, f.commits().size())
                .stream().map(c -> c.id().substring(0, 12) + vendors(c.attribution().vendors())).toList()));
        case TEXT -> out.printf("%8d %8d  %s%s%n", f.lines(), f.aiLines(), path, f.aiLines() == 0 ? ""
            : "  (" + String.join(", ", f.byVendor().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .toList()) + (f.unknownAiLines() > 0 ? (f.byVendor().isEmpty() ? "" : ", ") + "unknown "
                + f.unknownAiLines() : "") + ")");
      }
    }

    private static String vendors(List<String> v) {
      return v.isEmpty() ? "" : " (" + String.join(", ", v) + ")";
    }

    @Override
    public void summary(Manifest.Summary s) {
      out.printf("%d file(s), %d line(s), %d AI (%s), %d of unknown vendor%n", s.files(), s.lines(), s.aiLines(),
          percent(s.aiLines(), s.lines()), s.unknownAiLines());
      s.byVendor().forEach((v, n) -> out.printf("  %-12s %8d  %s%n", v, n, percent(n, s.lines())));
      if (s.unreadableFiles() > 0) {
        out.println("  " + s.unreadableFiles() + " file(s) could not be blamed: their origin is unknown");
      }
      out.flush();
    }
  }

  /** A data card: totals, vendors, tools, directories, and the files with the most AI lines. */
  private static final class Markdown implements Manifest.Sink {
    static final int TOP = 20;
    private final PrintStream out;
    private Manifest.Header header;
    private final PriorityQueue<Manifest.FileEntry> top = new PriorityQueue<>(
        Comparator.comparingInt(Manifest.FileEntry::aiLines));
    private final List<String> unreadable = new ArrayList<>();

    Markdown(OutputStream out) {
      this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
    }

    @Override
    public void header(Manifest.Header h) {
      header = h;
    }

    @Override
    public void file(Manifest.FileEntry f) {
      if (f.kind() == Manifest.Kind.UNREADABLE && unreadable.size() < TOP) {
        unreadable.add(GitPaths.text(f.path()));
      }
      if (f.aiLines() > 0) {
        top.add(f);
        if (top.size() > TOP) {
          top.poll();
        }
      }
    }

    private static String cell(String s) {
      return Sanitize.line(s).replace("|", "\\|").replace("`", "'");
    }

    @Override
    public void summary(Manifest.Summary s) {
      out.println("# Provenance of `" + header.commit().substring(0, 12) + "`");
      out.println();
      out.println("Tree `" + header.tree() + "`" + (header.pathspec().isEmpty() ? "" : ", pathspec `"
          + cell(String.join(" ", header.pathspec())) + "`") + (header.selection().isEmpty() ? ""
          : ", selection: " + cell(header.selection())) + ". Lines moved from AI code by a human commit are "
          + (header.moves() ? "attributed to their AI origin." : "not followed."));
      out.println();
      out.println("| | Files | Lines | Share |");
      out.println("|---|---:|---:|---:|");
      out.println("| All | " + s.files() + " | " + s.lines() + " | 100% |");
      out.println("| AI | | " + s.aiLines() + " | " + percent(s.aiLines(), s.lines()) + " |");
      out.println("| AI of unknown vendor | | " + s.unknownAiLines() + " | " + percent(s.unknownAiLines(), s.lines()) + " |");
      out.println("| Binary | " + s.binaryFiles() + " | | |");
      out.println("| Unreadable (origin unknown) | " + s.unreadableFiles() + " | | |");
      out.println();
      table("Vendor", s.byVendor(), s);
      table("Tool", s.byTool(), s);
      out.println("| Directory | Files | Lines | AI lines | AI share | Vendors |");
      out.println("|---|---:|---:|---:|---:|---|");
      s.byDirectory().forEach((d, t) -> out.println("| `" + cell(d) + "` | " + t.files() + " | " + t.lines() + " | "
          + t.aiLines() + " | " + percent(t.aiLines(), t.lines()) + " | " + cell(String.join(", ", t.byVendor().entrySet()
              .stream().map(e -> e.getKey() + " " + e.getValue()).toList())) + " |"));
      out.println();
      if (!top.isEmpty()) {
        List<Manifest.FileEntry> files = new ArrayList<>(top);
        files.sort(Comparator.comparingInt(Manifest.FileEntry::aiLines).reversed()
            .thenComparing(Manifest.FileEntry::path));
        out.println("| File (most AI lines) | Lines | AI lines | Vendors |");
        out.println("|---|---:|---:|---|");
        for (Manifest.FileEntry f : files) {
          out.println("| `" + cell(GitPaths.text(f.path())) + "` | " + f.lines() + " | " + f.aiLines() + " | "
              + cell(String.join(", ", f.byVendor().keySet())) + (f.unknownAiLines() > 0 ? " unknown" : "") + " |");
        }
        out.println();
      }
      if (!unreadable.isEmpty()) {
        out.println("**" + s.unreadableFiles() + " file(s) could not be blamed**, so their origin is unknown: "
            + String.join(", ", unreadable.stream().map(p -> "`" + cell(p) + "`").toList())
            + (s.unreadableFiles() > unreadable.size() ? ", …" : "") + ".");
        out.println();
      }
      out.flush();
    }

    private void table(String what, Map<String, Long> counts, Manifest.Summary s) {
      if (counts.isEmpty()) {
        return;
      }
      out.println("| " + what + " | Lines | Share |");
      out.println("|---|---:|---:|");
      counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> out.println("| " + cell(e.getKey()) + " | " + e.getValue() + " | " + percent(e.getValue(), s.lines()) + " |"));
      out.println();
    }
  }
}
