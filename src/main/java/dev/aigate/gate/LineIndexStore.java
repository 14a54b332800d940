package dev.aigate.gate;

import dev.aigate.detect.AiLineIndex;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's persistent AI line index, {@code $GIT_DIR/aigate/ai-lines.idx}: the state of an
 * {@link AiLineIndex} and the ref tips whose history it covers, so that a push only indexes what
 * landed since the last one. Written to a temporary file and renamed into place under a lock, so
 * concurrent pushes never see half a file; a reader that finds anything it cannot follow says so
 * and the index is rebuilt ({@code aigate index rebuild}).
 */
final class LineIndexStore {
  static final String FILE = "aigate/ai-lines.idx";
  private static final String MAGIC = "aigate-line-index";
  /** 2: lines hashed with MurmurHash3 (1: SHA-256); an index of another format holds other hashes. */
  static final int VERSION = 2;

  /** A loaded index and the commits whose history it covers. */
  record Loaded(AiLineIndex index, List<String> tips) {
    Loaded {
      tips = List.copyOf(tips);
    }
  }

  private final Path file;

  private LineIndexStore(Path file) {
    this.file = file;
  }

  static LineIndexStore in(Path gitDir) {
    return new LineIndexStore(gitDir.resolve(FILE));
  }

  Path file() {
    return file;
  }

  /**
   * The stored index, if there is one for {@code key} (a digest of what counts as AI: an index
   * built under another catalogue would misjudge which lines are AI's).
   *
   * @throws IOException when the file exists but cannot be read or is not a line index
   */
  Optional<Loaded> load(String key) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IOException(file + " is not an aigate line index");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + " is of format " + version + ", made by " + (version < VERSION ? "an older"
            : "a newer") + " aigate; this one reads format " + VERSION);
      }
      if (!key.equals(in.readUTF())) {
        return Optional.empty();
      }
      int tipCount = count(in, 1 << 20);
      List<String> tips = new ArrayList<>(tipCount);
      for (int i = 0; i < tipCount; i++) {
        tips.add(in.readUTF());
      }
      AiLineIndex.Restorer r = new AiLineIndex.Restorer(count(in, Integer.MAX_VALUE));
      int lines = count(in, Integer.MAX_VALUE);
      for (int i = 0; i < lines; i++) {
        r.line(in.readLong(), in.readUnsignedByte());
      }
      int origins = count(in, Integer.MAX_VALUE);
      for (int i = 0; i < origins; i++) {
        long hash = in.readLong();
        AiLineIndex.Origin o = new AiLineIndex.Origin(in.readInt(), in.readUTF(), in.readUTF(), in.readUTF());
        int paths = count(in, 1 << 16);
        Set<String> at = new LinkedHashSet<>();
        for (int p = 0; p < paths; p++) {
          at.add(in.readUTF());
        }
        r.origin(hash, o, at);
      }
      if (in.read() != -1) {
        throw new IOException(file + " has trailing bytes");
      }
      return Optional.of(new Loaded(r.done(), tips));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (EOFException | IllegalArgumentException e) {
      throw new IOException(file + " is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  private static int count(DataInputStream in, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new IOException("implausible count " + n);
    }
    return n;
  }

  /**
   * Stores {@code index} as covering the history of {@code tips}. Another process holding the
   * lock is updating it already: then nothing is written and false returned.
   */
  boolean save(AiLineIndex index, List<String> tips, String key) throws IOException {
    Files.createDirectories(file.getParent());
    Path lock = file.resolveSibling(file.getFileName() + ".lock");
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.tryLock()) {
      if (held == null) {
        return false;
      }
      Path tmp = Files.createTempFile(file.getParent(), "ai-lines", ".tmp");
      try {
        try (OutputStream raw = Files.newOutputStream(tmp);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
          write(out, index, tips, key);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return true;
    }
  }

  private static void write(DataOutputStream out, AiLineIndex index, List<String> tips, String key)
      throws IOException {
    out.writeUTF(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(key);
    out.writeInt(tips.size());
    for (String t : tips) {
      out.writeUTF(t);
    }
    List<OriginEntry> origins = new ArrayList<>();
    try {
      index.export(new AiLineIndex.Sink() {
        @Override
        public void ordinal(int commitsRecorded) {
          try {
            out.writeInt(commitsRecorded);
            out.writeInt(index.linesSeen());
          } catch (IOException e) {
            throw new WriteFailed(e);
          }
        }

        @Override
        public void line(long hash, int commits) {
          try {
            out.writeLong(hash);
            out.writeByte(commits);
          } catch (IOException e) {
            throw new WriteFailed(e);
          }
        }

        @Override
        public void origin(long hash, AiLineIndex.Origin origin, Set<String> paths) {
          // Origins follow all lines in the file, so they wait until the lines are written.
          origins.add(new OriginEntry(hash, origin, paths));
        }
      });
    } catch (WriteFailed e) {
      throw (IOException) e.getCause();
    }
    out.writeInt(origins.size());
    for (OriginEntry e : origins) {
      out.writeLong(e.hash());
      out.writeInt(e.origin().ordinal());
      out.writeUTF(e.origin().commit());
      out.writeUTF(e.origin().path());
      out.writeUTF(e.origin().tool());
      out.writeInt(e.paths().size());
      for (String p : e.paths()) {
        out.writeUTF(p);
      }
    }
  }

  private record OriginEntry(long hash, AiLineIndex.Origin origin, Set<String> paths) {}

  /** An I/O failure inside {@link AiLineIndex#export}'s callbacks. */
  private static final class WriteFailed extends RuntimeException {
    WriteFailed(IOException cause) {
      super(cause);
    }
  }
}
