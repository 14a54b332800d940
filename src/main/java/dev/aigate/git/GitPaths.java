package dev.aigate.git;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Paths as git stores them: bytes, usually UTF-8, not always. A byte that is not part of valid
 * UTF-8 is kept as the lone surrogate {@code U+DC80 + byte} (Python's "surrogateescape"), so a
 * path read from git survives as a {@code String} and goes back to git as the same bytes.
 *
 * <p>A path cannot go to git as a process argument when it is not ASCII: the JVM encodes
 * arguments in the locale's charset, which in a container without {@code LANG} is ASCII, and no
 * charset at all carries bytes that are not UTF-8. {@link #argv} hands such a path to git
 * through {@code sh}, spelled in octal escapes that {@code printf} turns back into the bytes.
 */
public final class GitPaths {
  private static final char ESCAPE_BASE = 0xDC00;

  private GitPaths() {}

  /** The path of {@code length} bytes at {@code offset}, every byte kept. */
  public static String decode(byte[] b, int offset, int length) {
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return strict.decode(ByteBuffer.wrap(b, offset, length)).toString();
    } catch (CharacterCodingException e) {
      return decodeEscaping(b, offset, length);
    }
  }

  private static String decodeEscaping(byte[] b, int offset, int length) {
    StringBuilder out = new StringBuilder(length);
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, offset, length);
    CharBuffer chars = CharBuffer.allocate(Math.max(16, length));
    while (in.hasRemaining()) {
      var result = strict.decode(in, chars, true);
      chars.flip();
      out.append(chars);
      chars.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length(); i++) {
          out.append((char) (ESCAPE_BASE + (in.get() & 0xff)));
        }
      } else if (result.isUnderflow()) {
        break;
      }
    }
    return out.toString();
  }

  /** The bytes of a path {@link #decode} made. */
  public static byte[] encode(String path) {
    if (!hasEscapes(path)) {
      return path.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(path.length() + 8);
    int run = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (escaped(path, i)) {
        out.writeBytes(path.substring(run, i).getBytes(StandardCharsets.UTF_8));
        out.write(c - ESCAPE_BASE);
        run = i + 1;
      }
    }
    out.writeBytes(path.substring(run).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Whether the path held bytes that are not UTF-8 (shown as U+FFFD where text is needed). */
  public static boolean hasEscapes(String path) {
    for (int i = 0; i < path.length(); i++) {
      if (escaped(path, i)) {
        return true;
      }
    }
    return false;
  }

  /** The path as text: each byte that is not UTF-8 is U+FFFD. */
  public static String text(String path) {
    if (!hasEscapes(path)) {
      return path;
    }
    StringBuilder b = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      b.append(escaped(path, i) ? '\uFFFD' : c);
    }
    return b.toString();
  }

  /** Byte order, git's order of paths. */
  public static int compare(String a, String b) {
    return Arrays.compareUnsigned(encode(a), encode(b));
  }

  /**
   * The command that runs {@code git <args> -- <path>} with the path's exact bytes: directly when
   * it is ASCII, else through {@code sh} (see the class comment).
   */
  static List<String> argv(List<String> gitArgs, String path) {
    if (ascii(path)) {
      List<String> cmd = new ArrayList<>(gitArgs.size() + 3);
      cmd.add("git");
      cmd.addAll(gitArgs);
      cmd.add("--");
      cmd.add(path);
      return cmd;
    }
    StringBuilder octal = new StringBuilder();
    for (byte x : encode(path)) {
      octal.append(String.format("\\%03o", x & 0xff));
    }
    // printf's format is all escapes, so no % or backslash of the path reaches it as such; the
    // trailing x keeps a final newline of the path from command substitution's trimming.
    List<String> cmd = new ArrayList<>(gitArgs.size() + 5);
    cmd.add("sh");
    cmd.add("-c");
    cmd.add("p=$(printf \"$0\"; printf x); exec git \"$@\" -- \"${p%x}\"");
    cmd.add(octal.toString());
    cmd.addAll(gitArgs);
    return cmd;
  }

  private static boolean ascii(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == 0 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** A lone low surrogate in the escape range; the low half of a real pair is a character. */
  private static boolean escaped(String path, int i) {
    char c = path.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && !(i > 0 && Character.isHighSurrogate(path.charAt(i - 1)));
  }
}
