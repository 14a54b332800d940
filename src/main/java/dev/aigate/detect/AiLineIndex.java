package dev.aigate.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The AI line index (issue 12, ADR 0010): normalised hashes of the non-trivial lines that
 * AI-attributed commits introduced first, so that a later human commit which moves, copies or
 * re-adds them into another path is still seen as AI code. Pure: callers feed commits parents
 * before children; nothing here reads git.
 *
 * <p>Only hashes are kept, never code, so the index is small and holds nothing a pusher could use
 * to grow memory beyond one entry per distinct line.
 */
public final class AiLineIndex {
  /** Lines added by this many distinct commits are boilerplate: they neither match nor break a run. */
  public static final int DF_CAP = 8;
  /** A line needs this many identifier characters to be worth matching (git's move floor, per line). */
  static final int MIN_ALNUM = 6;
  /** Licence and header words: lines holding them are boilerplate wherever they stand. */
  private static final String[] LICENCE_WORDS = {"copyright", "spdx-license-identifier", "licensedunder",
      "apachelicense", "withoutwarranties", "permissionisherebygranted"};
  private static final String[] IMPORT_PREFIXES = {"import", "#include", "package", "using"};
  private static final List<String> KEYWORDS = List.of("return", "none", "null", "nil", "true", "false", "pass",
      "break", "continue", "else", "elif", "try", "except", "finally", "end", "self", "this", "raise", "throw",
      "default");
  /** The punctuation of {@link #KEYWORDS_ONLY}'s character class. */
  private static final String KEYWORD_PUNCTUATION = ";:(){}[],.";
  /**
   * Keyword-only lines (whitespace removed): idioms every codebase shares, never evidence.
   * Possessive, so a long line of pushed punctuation is matched in linear time.
   */
  private static final Pattern KEYWORDS_ONLY = Pattern.compile(
      "(?:" + String.join("|", KEYWORDS) + "|[;:(){}\\[\\],.])++");

  /** Where an indexed line first came from. */
  public record Origin(int ordinal, String commit, String path, String tool) {}

  /** One added line of the commit being scored, with its 1-based number in the new file. */
  public record Line(int number, String text) {}

  /** One path's side of a commit: what it adds and what it deletes there. */
  public record PathLines(String path, List<Line> added, List<String> deleted) {
    public PathLines {
      added = List.copyOf(added);
      deleted = List.copyOf(deleted);
    }
  }

  /** A run of matched lines in one path, and the AI commits they came from. */
  public record Match(String path, int firstLine, int lastLine, Set<Origin> origins) {}

  /**
   * The thresholds ({@code ai.provenance} in a policy).
   *
   * @param minRun consecutive matched lines that flag a commit on their own
   * @param minRunAlnum identifier characters such a run needs in total
   * @param minShare share of the commit's non-trivial added lines that flags it
   * @param minDistinct distinct matched lines the share rule needs as well
   * @param window how many commits back an origin may lie; 0 means no limit
   */
  public record Thresholds(int minRun, int minRunAlnum, double minShare, int minDistinct, int window) {
    public Thresholds {
      if (minRun < 1 || minRunAlnum < 0 || minShare <= 0 || minShare > 1 || minDistinct < 1 || window < 0) {
        throw new IllegalArgumentException("invalid provenance thresholds");
      }
    }

    /** The defaults measured on aider's history (13 of 4,553 human commits flagged, all real moves or copies). */
    public static Thresholds defaults() {
      return new Thresholds(5, 100, 0.5, 5, 0);
    }
  }

  /** The verdict on one human commit: the runs that matched, when a threshold was crossed. */
  public record Score(List<Match> matches, int matched, int nonTrivial, int longestRun) {
    public Score {
      matches = List.copyOf(matches);
    }
  }

  /** Every line seen, AI or not, with how many distinct commits added it (capped at {@link #DF_CAP}). */
  private final LongIntMap df = new LongIntMap();
  private final Map<Long, Origin> ai = new HashMap<>();
  private final Map<Long, Set<String>> aiPaths = new HashMap<>();
  private int ordinal;
  /** Commits recorded since this index was built or loaded (not stored: stored ones are covered by tips). */
  private final Set<String> recordedNow = new HashSet<>();

  /** Receives an index's state, for storing it ({@link #export}); the store owns the format. */
  public interface Sink {
    void ordinal(int commitsRecorded);

    /** Every line seen, with how many distinct commits added it (at most {@link #DF_CAP}). */
    void line(long hash, int commits);

    /** An AI-origin line, where it first came from, and every path AI commits put it at. */
    void origin(long hash, Origin origin, Set<String> paths);
  }

  /** Hands the whole state to {@code sink}: lines first, then origins. */
  public void export(Sink sink) {
    sink.ordinal(ordinal);
    df.forEach(sink::line);
    ai.forEach((h, o) -> sink.origin(h, o, aiPaths.getOrDefault(h, Set.of())));
  }

  /** Rebuilds an index from what {@link #export} gave; the inverse of export. */
  public static final class Restorer {
    private final AiLineIndex index = new AiLineIndex();

    public Restorer(int commitsRecorded) {
      index.ordinal = commitsRecorded;
    }

    public Restorer line(long hash, int commits) {
      if (hash == 0 || commits < 1 || commits > DF_CAP) {
        throw new IllegalArgumentException("not a line entry: " + hash + " " + commits);
      }
      index.df.put(hash, commits);
      return this;
    }

    public Restorer origin(long hash, Origin origin, Set<String> paths) {
      if (!index.df.contains(hash)) {
        throw new IllegalArgumentException("origin of a line never seen: " + hash);
      }
      index.ai.put(hash, origin);
      index.aiPaths.put(hash, new LinkedHashSet<>(paths));
      return this;
    }

    public AiLineIndex done() {
      return index;
    }
  }

  /** How many distinct lines the index has seen, AI or not. */
  public int linesSeen() {
    return df.size();
  }

  /** How many AI-origin lines the index holds. */
  public int size() {
    return ai.size();
  }

  /**
   * Takes in one commit's added lines after it was judged.
   *
   * @param tool the commit's AI tool id, or null for a human commit
   */
  public void record(String commit, List<PathLines> files, String tool) {
    // One push judges a commit once per ref it reaches: its lines count once.
    if (!recordedNow.add(commit)) {
      return;
    }
    ordinal++;
    Set<Long> thisCommit = new HashSet<>();
    for (PathLines f : files) {
      for (Line l : f.added()) {
        long h = hashOrZero(l.text());
        if (h == 0) {
          continue;
        }
        boolean firstSighting = !df.contains(h);
        // No commit that adds an AI line again makes it more common, a human one or one labelled
        // AI: otherwise copying AI code into a few unprotected files first would turn it into
        // boilerplate, which neither matches nor breaks a run, and the move into a protected path
        // would pass. Unprotected paths accept AI commits, so those copies cost nothing either.
        if (thisCommit.add(h) && !ai.containsKey(h)) {
          df.put(h, Math.min(DF_CAP, df.get(h, 0) + 1));
        }
        if (tool != null) {
          // Only lines an AI commit introduced first: human code an agent later moved is not AI code.
          if (firstSighting || ai.containsKey(h)) {
            ai.putIfAbsent(h, new Origin(ordinal, commit, f.path(), tool));
            aiPaths.computeIfAbsent(h, k -> new LinkedHashSet<>()).add(f.path());
          }
        }
      }
    }
  }

  /**
   * Scores a human commit before it is recorded. Empty when no threshold is crossed.
   *
   * @param protectedFiles its files in protected paths
   */
  public Optional<Score> score(List<PathLines> protectedFiles, Thresholds t) {
    int now = ordinal + 1;
    int nonTrivial = 0;
    Set<Long> distinct = new HashSet<>();
    int longest = 0;
    List<Match> matches = new ArrayList<>();
    boolean runFlag = false;
    for (PathLines f : protectedFiles) {
      Set<Long> deletedHere = new HashSet<>();
      for (String d : f.deleted()) {
        deletedHere.add(hashOrZero(d));
      }
      int run = 0;
      int runAlnum = 0;
      int runStart = 0;
      int prevNumber = -2;
      Set<Origin> runOrigins = new LinkedHashSet<>();
      for (Line l : f.added()) {
        long h = hashOrZero(l.text());
        if (h == 0 || df.get(h, 0) >= DF_CAP) {
          continue;
        }
        nonTrivial++;
        Origin o = ai.get(h);
        boolean inPlace = deletedHere.contains(h) || aiPaths.getOrDefault(h, Set.of()).contains(f.path());
        boolean inWindow = o != null && (t.window() == 0 || now - o.ordinal() <= t.window());
        boolean matched = inWindow && !inPlace;
        boolean adjacent = l.number() == prevNumber + 1;
        prevNumber = l.number();
        if (matched) {
          distinct.add(h);
          if (run == 0 || !adjacent) {
            if (run > 0) {
              runFlag |= close(matches, f.path(), runStart, run, runAlnum, runOrigins, t);
            }
            run = 0;
            runAlnum = 0;
            runStart = l.number();
            runOrigins = new LinkedHashSet<>();
          }
          run++;
          runAlnum += alnum(l.text());
          runOrigins.add(o);
          longest = Math.max(longest, run);
        } else if (run > 0) {
          runFlag |= close(matches, f.path(), runStart, run, runAlnum, runOrigins, t);
          run = 0;
        }
      }
      if (run > 0) {
        runFlag |= close(matches, f.path(), runStart, run, runAlnum, runOrigins, t);
      }
    }
    boolean shareFlag = nonTrivial > 0 && distinct.size() >= t.minDistinct()
        && distinct.size() >= t.minShare() * nonTrivial;
    if (!runFlag && !shareFlag) {
      return Optional.empty();
    }
    return Optional.of(new Score(matches, distinct.size(), nonTrivial, longest));
  }

  /**
   * The AI origins of a file's lines as they stand (the provenance manifest, ADR 0012): for each
   * line a human commit introduced ({@code humanText[i]} not null), the AI commit it came from
   * when it is part of a run of indexed AI lines long enough to count as moved or copied code
   * ({@link Thresholds#minRun} matched lines, {@link Thresholds#minRunAlnum} identifier
   * characters); null elsewhere. Trivial and boilerplate lines inside a run take the origin of the
   * matched line before them; an unmatched line or an AI-introduced line ends the run.
   */
  public Origin[] origins(String[] humanText, Thresholds t) {
    Origin[] out = new Origin[humanText.length];
    if (ai.isEmpty()) {
      return out;
    }
    Origin[] matched = new Origin[humanText.length];
    int first = -1;
    int last = -1;
    int count = 0;
    int chars = 0;
    for (int i = 0; i <= humanText.length; i++) {
      Origin o = null;
      boolean neutral = false;
      if (i < humanText.length && humanText[i] != null) {
        long h = hashOrZero(humanText[i]);
        if (h == 0 || df.get(h, 0) >= DF_CAP) {
          neutral = true;
        } else {
          o = ai.get(h);
        }
      }
      if (o != null) {
        matched[i] = o;
        if (first < 0) {
          first = i;
        }
        last = i;
        count++;
        chars += alnum(humanText[i]);
      } else if (!neutral) {
        if (count >= t.minRun() && chars >= t.minRunAlnum()) {
          Origin carry = null;
          for (int j = first; j <= last; j++) {
            carry = matched[j] != null ? matched[j] : carry;
            out[j] = carry;
          }
        }
        first = -1;
        last = -1;
        count = 0;
        chars = 0;
      }
    }
    return out;
  }

  private static boolean close(List<Match> out, String path, int start, int run, int alnum, Set<Origin> origins,
      Thresholds t) {
    out.add(new Match(path, start, start + run - 1, Set.copyOf(origins)));
    return run >= t.minRun() && alnum >= t.minRunAlnum();
  }

  /** The 64-bit hash of a line with all whitespace removed, or 0 for a trivial line. */
  static long hashOrZero(String line) {
    // A rebuild hashes every added line of history: an ASCII line (nearly all code) is normalised,
    // counted, tested and hashed in reused buffers with one table look-up per character; anything
    // else takes the general path, whose Unicode case mapping the fast one does not attempt.
    Scratch s = SCRATCH.get();
    int n = line.length();
    s.ensure(n);
    char[] chars = s.chars;
    line.getChars(0, n, chars, 0);
    byte[] bytes = s.bytes;
    byte[] lower = s.lower;
    int len = 0;
    int alnum = 0;
    int classes = KEYWORD;
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      if (c >= 128) {
        return hashOrZeroGeneral(line);
      }
      int k = ASCII[c];
      if (k == SPACE) {
        continue;
      }
      bytes[len] = (byte) c;
      lower[len++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      alnum += k & ALNUM;
      classes &= k;
    }
    if (alnum < MIN_ALNUM) {
      return 0;
    }
    if (boilerplate(new String(lower, 0, len, StandardCharsets.ISO_8859_1), classes == KEYWORD)) {
      return 0;
    }
    return hash(bytes, len);
  }

  /** {@link #hashOrZero} for any text, as it was first written: the reference the fast path keeps to. */
  static long hashOrZeroGeneral(String line) {
    StringBuilder b = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (!Character.isWhitespace(c)) {
        b.append(c);
      }
    }
    String n = b.toString();
    if (alnum(n) < MIN_ALNUM || boilerplate(n.toLowerCase(Locale.ROOT))) {
      return 0;
    }
    byte[] utf8 = n.getBytes(StandardCharsets.UTF_8);
    return hash(utf8, utf8.length);
  }

  /**
   * MurmurHash3's first 64 bits; 0 is the trivial line's mark. Not a cryptographic hash, and
   * need not be: a pusher who can make two lines collide gains nothing that copying the line
   * itself does not give (ADR 0010). SHA-256 was a third of a rebuild's time.
   */
  private static long hash(byte[] b, int len) {
    long h = MurmurHash3.hash128x64(b, 0, len, 0)[0];
    return h == 0 ? 1 : h;
  }

  /** Per-thread buffers, reused for every line. */
  private static final class Scratch {
    char[] chars = new char[256];
    byte[] bytes = new byte[256];
    byte[] lower = new byte[256];

    void ensure(int n) {
      if (chars.length < n) {
        chars = new char[n];
        bytes = new byte[n];
        lower = new byte[n];
      }
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Character classes of ASCII, as bits: {@link #ALNUM} must stay 1, it is added up. */
  private static final int ALNUM = 1;
  private static final int KEYWORD = 2;
  private static final int SPACE = 4;
  private static final byte[] ASCII = asciiClasses();

  private static byte[] asciiClasses() {
    byte[] k = new byte[128];
    for (char c = 0; c < 128; c++) {
      if (Character.isWhitespace(c)) {
        k[c] = SPACE;
      } else if (c == '_' || Character.isLetterOrDigit(c)) {
        k[c] = ALNUM;
      }
    }
    // The characters KEYWORDS_ONLY is made of, in either case: a line with any other is not keywords only.
    for (String w : KEYWORDS) {
      for (char c : w.toCharArray()) {
        k[c] |= KEYWORD;
        k[Character.toUpperCase(c)] |= KEYWORD;
      }
    }
    for (char c : KEYWORD_PUNCTUATION.toCharArray()) {
      k[c] |= KEYWORD;
    }
    return k;
  }

  private static boolean boilerplate(String lower, boolean keywordAlphabet) {
    for (String p : IMPORT_PREFIXES) {
      if (lower.startsWith(p)) {
        return true;
      }
    }
    if (lower.startsWith("from") && lower.contains("import")) {
      return true;
    }
    for (String w : LICENCE_WORDS) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return keywordAlphabet && KEYWORDS_ONLY.matcher(lower).matches();
  }

  private static boolean boilerplate(String lower) {
    return boilerplate(lower, true);
  }

  private static int alnum(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '_' || c < 128 && Character.isLetterOrDigit(c)) {
        n++;
      }
    }
    return n;
  }
}
