package dev.aigate.gate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.aigate.git.GitPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * An earlier JSONL manifest used as the base of an incremental one ({@code --since-manifest}).
 * It is read twice, streamed both times: once to check it whole (header, every file line, the
 * summary that proves it was written to the end), then alongside the new tree. Anything that
 * cannot be trusted is refused with the line that shows it, never patched over.
 */
final class PreviousManifest implements AutoCloseable {
  /** One file line: the commits and their line counts; attribution is computed again. */
  record Entry(String path, Manifest.Kind kind, List<Share> shares) {
    Manifest.FileEntry attributed(Function<String, Manifest.Attribution> attribution) {
      List<Manifest.CommitShare> commits = new ArrayList<>(shares.size());
      for (Share s : shares) {
        commits.add(new Manifest.CommitShare(s.id(), s.lines(), s.moved(), attribution.apply(s.id())));
      }
      return Manifest.FileEntry.of(path, kind, commits);
    }
  }

  record Share(String id, int lines, int moved) {}

  private final Path file;
  private final String commit;
  private Reader open;

  private PreviousManifest(Path file, String commit) {
    this.file = file;
    this.commit = commit;
  }

  String commit() {
    return commit;
  }

  /**
   * Checks the whole file against what this run is made of.
   *
   * @param commits every commit of the new revision's history: a base naming others is not of it
   */
  static PreviousManifest check(Path file, List<String> pathspec, String fingerprint, boolean moves,
      Set<String> commits) throws ProvenanceManifest.UntrustedBase {
    Reader r = null;
    try {
      r = new Reader(file);
      String commit = r.header(pathspec, fingerprint, moves, commits);
      int files = 0;
      Entry last = null;
      while (true) {
        Entry e = r.next(commits);
        if (e == null) {
          break;
        }
        files++;
        if (!exact(e.path())) {
          // Its order was that of bytes the line no longer holds.
          continue;
        }
        if (last != null && compare(last.path(), e.path()) >= 0) {
          throw r.bad("files out of tree order (" + e.path() + " after " + last.path() + ")");
        }
        last = e;
      }
      if (r.summaryFiles != files) {
        throw r.bad(r.summaryFiles < 0 ? "no summary line: the manifest was not written to the end"
            : "the summary counts " + r.summaryFiles + " file(s), the manifest has " + files);
      }
      return new PreviousManifest(file, commit);
    } catch (JsonProcessingException e) {
      throw new ProvenanceManifest.UntrustedBase("line " + r.lineNr + ": not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException | UncheckedIOException e) {
      throw new ProvenanceManifest.UntrustedBase("cannot read it: " + e.getMessage());
    } finally {
      if (r != null) {
        r.close();
      }
    }
  }

  /** The file lines, in order (already checked). */
  Iterator<Entry> entries() {
    close();
    try {
      open = new Reader(file);
      open.skipHeader();
    } catch (IOException | ProvenanceManifest.UntrustedBase e) {
      throw new IllegalStateException("the base manifest changed while being read: " + e.getMessage(), e);
    }
    return new Iterator<>() {
      private Entry next = read();

      private Entry read() {
        try {
          Entry e;
          do {
            e = open.next(null);
          } while (e != null && !exact(e.path()));
          return e;
        } catch (IOException | ProvenanceManifest.UntrustedBase e) {
          throw new IllegalStateException("the base manifest changed while being read: " + e.getMessage(), e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Entry next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Entry e = next;
        next = read();
        return e;
      }
    };
  }

  @Override
  public void close() {
    if (open != null) {
      open.close();
      open = null;
    }
  }

  /**
   * Whether a base line names its file exactly. The JSONL writes a byte that is not UTF-8 as
   * U+FFFD, so such a line may stand for several files and is never reused: they are blamed again.
   */
  private static boolean exact(String path) {
    return path.indexOf('\uFFFD') < 0;
  }

  /** Git's tree order: the bytes of the full paths. */
  static int compare(String a, String b) {
    return GitPaths.compare(a, b);
  }

  /**
   * Reads the manifest a line at a time, each line its own JSON document, so a broken line is
   * named as itself and not as the next line a streaming parser stumbled on.
   */
  private static final class Reader implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private final BufferedReader in;
    private JsonParser p;
    int lineNr;
    int summaryFiles = -1;

    Reader(Path file) throws IOException {
      this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    ProvenanceManifest.UntrustedBase bad(String why) {
      return new ProvenanceManifest.UntrustedBase("line " + lineNr + ": " + why);
    }

    /** Moves to the next line; false at the end of the file. */
    private boolean advance() throws IOException {
      String line = in.readLine();
      if (line == null) {
        p = null;
        return false;
      }
      lineNr++;
      p = JSON.createParser(line);
      return true;
    }

    private void endOfLine() throws IOException, ProvenanceManifest.UntrustedBase {
      if (p.nextToken() != null) {
        throw bad("more than one JSON value on the line");
      }
    }

    void skipHeader() throws IOException, ProvenanceManifest.UntrustedBase {
      if (!advance() || p.nextToken() != JsonToken.START_OBJECT) {
        throw bad("no header");
      }
      p.skipChildren();
    }

    String header(List<String> pathspec, String fingerprint, boolean moves, Set<String> commits)
        throws IOException, ProvenanceManifest.UntrustedBase {
      if (!advance() || p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
          || !"manifest".equals(p.currentName()) || p.nextToken() != JsonToken.START_OBJECT) {
        throw bad("the first line is not an aigate provenance manifest header");
      }
      int version = -1;
      String commit = null;
      String attribution = null;
      String selection = null;
      Boolean followed = null;
      List<String> spec = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "version" -> version = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
          case "commit" -> commit = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "attribution" -> attribution = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "selection" -> selection = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "moves" -> followed = t.isBoolean() ? t == JsonToken.VALUE_TRUE : null;
          case "pathspec" -> spec = strings(t);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != JsonToken.END_OBJECT) {
        throw bad("the header line holds more than the header");
      }
      endOfLine();
      if (version != Manifest.VERSION) {
        throw bad("manifest version " + version + ", this aigate reads " + Manifest.VERSION);
      }
      if (commit == null || !commits.contains(commit)) {
        throw bad("it describes commit " + commit + ", which is not in this revision's history (another repository?)");
      }
      if (selection == null || !selection.isEmpty()) {
        throw bad("it was filtered (" + selection + "), so it does not list every file");
      }
      if (spec == null || !spec.equals(pathspec)) {
        throw bad("it was made for pathspec " + spec + ", this run has " + pathspec);
      }
      if (followed == null || followed != moves) {
        throw bad("it was made with moves " + (Boolean.TRUE.equals(followed) ? "followed" : "ignored")
            + ", this run " + (moves ? "follows" : "ignores") + " them");
      }
      if (!fingerprint.equals(attribution)) {
        throw bad("commit attribution has changed since (catalogue, policy, git-ai notes or aigate version)");
      }
      return commit;
    }

    private List<String> strings(JsonToken t) throws IOException {
      if (t != JsonToken.START_ARRAY) {
        p.skipChildren();
        return null;
      }
      List<String> out = new ArrayList<>();
      while (p.nextToken() == JsonToken.VALUE_STRING) {
        out.add(p.getText());
      }
      return p.currentToken() == JsonToken.END_ARRAY ? out : null;
    }

    /**
     * The next file line, null after the summary (which must end the file).
     *
     * @param commits the history to check commit ids against; null when already checked
     */
    Entry next(Set<String> commits) throws IOException, ProvenanceManifest.UntrustedBase {
      if (!advance()) {
        return null;
      }
      if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME) {
        throw bad("not a manifest line");
      }
      if ("summary".equals(p.currentName())) {
        summaryFiles = summary();
        endOfLine();
        if (advance()) {
          throw bad("lines after the summary");
        }
        return null;
      }
      String path = null;
      Integer lines = null;
      boolean binary = false;
      boolean unreadable = false;
      List<Share> shares = null;
      do {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "path" -> path = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "lines" -> lines = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
          case "binary" -> binary = v == JsonToken.VALUE_TRUE;
          case "unreadable" -> unreadable = v == JsonToken.VALUE_STRING;
          case "commits" -> shares = shares(v, commits);
          default -> p.skipChildren();
        }
      } while (p.nextToken() == JsonToken.FIELD_NAME);
      endOfLine();
      if (path == null || path.isEmpty() || lines == null || lines < 0 || shares == null) {
        throw bad("a file line without path, lines or commits");
      }
      Manifest.Kind kind = unreadable ? Manifest.Kind.UNREADABLE : binary ? Manifest.Kind.BINARY : Manifest.Kind.TEXT;
      int sum = shares.stream().mapToInt(Share::lines).sum();
      if (kind == Manifest.Kind.TEXT && sum != lines) {
        throw bad(path + ": its commits hold " + sum + " line(s), it says " + lines);
      }
      if (kind == Manifest.Kind.BINARY && shares.isEmpty()) {
        throw bad(path + ": a binary file is attributed to at least one commit");
      }
      return new Entry(path, kind, shares);
    }

    private List<Share> shares(JsonToken t, Set<String> commits) throws IOException, ProvenanceManifest.UntrustedBase {
      if (t != JsonToken.START_ARRAY) {
        p.skipChildren();
        return null;
      }
      List<Share> out = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String id = null;
        int lines = -1;
        int moved = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          switch (name) {
            case "id" -> id = v == JsonToken.VALUE_STRING ? p.getText() : null;
            case "lines" -> lines = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
            case "moved" -> moved = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
            default -> p.skipChildren();
          }
        }
        if (id == null || lines < 0 || moved < 0 || moved > lines) {
          throw bad("a commit without id or line counts");
        }
        if (commits != null && !commits.contains(id)) {
          throw bad("commit " + id + " is not in this revision's history");
        }
        out.add(new Share(id, lines, moved));
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw bad("commits is not a list of commits");
      }
      return out;
    }

    private int summary() throws IOException, ProvenanceManifest.UntrustedBase {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad("summary is not an object");
      }
      int files = -2;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("files") && v == JsonToken.VALUE_NUMBER_INT) {
          files = p.getIntValue();
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != JsonToken.END_OBJECT) {
        throw bad("the summary line holds more than the summary");
      }
      return files;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        // Read to the end already, or failed: nothing to release.
      }
    }
  }
}
