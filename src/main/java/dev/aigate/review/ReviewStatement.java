package dev.aigate.review;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code aigate-review v1} statement. Its exact bytes are what is signed and verified;
 * {@link #render()} produces them for signing and {@link #parse} accepts only what render
 * would produce, so nothing is ever re-serialised between signer and verifier.
 */
public record ReviewStatement(String repo, String target, String base, String head, String tree, String patch,
        List<String> paths, Verdict verdict, String reviewer, Instant time) {
    public static final String HEADER = "aigate-review v1";
    public static final int MAX_BYTES = 4096;
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern PATCH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]{0,511}");

    /** Closed set: a statement that does not approve is no review evidence. */
    public enum Verdict {
        APPROVE("approve");

        private final String word;

        Verdict(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public ReviewStatement {
        paths = List.copyOf(paths);
        require(VALUE.matcher(repo).matches(), "repo");
        require(target.startsWith("refs/") && VALUE.matcher(target).matches(), "target");
        require(OBJECT_ID.matcher(base).matches(), "base");
        require(OBJECT_ID.matcher(head).matches(), "head");
        require(OBJECT_ID.matcher(tree).matches(), "tree");
        require(PATCH.matcher(patch).matches(), "patch");
        require(!paths.isEmpty(), "paths");
        paths.forEach(p -> require(VALUE.matcher(p).matches(), "paths"));
        require(VALUE.matcher(reviewer).matches(), "reviewer");
        require(time.getNano() == 0, "time");
    }

    private static void require(boolean ok, String field) {
        if (!ok) {
            throw new SignatureFormatException("review statement: invalid " + field);
        }
    }

    public byte[] render() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("repo: ").append(repo).append('\n');
        b.append("target: ").append(target).append('\n');
        b.append("base: ").append(base).append('\n');
        b.append("head: ").append(head).append('\n');
        b.append("tree: ").append(tree).append('\n');
        b.append("patch: ").append(patch).append('\n');
        paths.forEach(p -> b.append("paths: ").append(p).append('\n'));
        b.append("verdict: ").append(verdict.word()).append('\n');
        b.append("reviewer: ").append(reviewer).append('\n');
        b.append("time: ").append(time).append('\n');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static ReviewStatement parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new SignatureFormatException("review statement over " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SignatureFormatException("review statement is not UTF-8");
        }
        if (!text.endsWith("\n")) {
            throw new SignatureFormatException("review statement must end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        Cursor c = new Cursor(lines);
        if (!c.line().equals(HEADER)) {
            throw new SignatureFormatException("review statement must start with '" + HEADER + "'");
        }
        String repo = c.field("repo");
        String target = c.field("target");
        String base = c.field("base");
        String head = c.field("head");
        String tree = c.field("tree");
        String patch = c.field("patch");
        List<String> paths = new ArrayList<>();
        while (c.peekKey("paths")) {
            paths.add(c.field("paths"));
        }
        String verdictWord = c.field("verdict");
        Verdict verdict = null;
        for (Verdict v : Verdict.values()) {
            if (v.word().equals(verdictWord)) {
                verdict = v;
            }
        }
        if (verdict == null) {
            throw new SignatureFormatException("review statement: unknown verdict '" + SshPublicKey.printable(verdictWord) + "'");
        }
        String reviewer = c.field("reviewer");
        String timeText = c.field("time");
        c.end();
        Instant time;
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            throw new SignatureFormatException("review statement: invalid time");
        }
        ReviewStatement s = new ReviewStatement(repo, target, base, head, tree, patch, paths, verdict, reviewer, time);
        if (!Arrays.equals(s.render(), bytes)) {
            throw new SignatureFormatException("review statement is not in canonical form");
        }
        return s;
    }

    private static final class Cursor {
        private final String[] lines;
        private int i;

        Cursor(String[] lines) {
            this.lines = lines;
        }

        String line() {
            if (i >= lines.length) {
                throw new SignatureFormatException("review statement ends early");
            }
            return lines[i++];
        }

        boolean peekKey(String key) {
            return i < lines.length && lines[i].startsWith(key + ": ");
        }

        String field(String key) {
            String l = line();
            if (!l.startsWith(key + ": ")) {
                throw new SignatureFormatException("review statement line " + i + ": expected '" + key + ":'");
            }
            return l.substring(key.length() + 2);
        }

        void end() {
            if (i != lines.length) {
                throw new SignatureFormatException("review statement line " + (i + 1) + ": unexpected line");
            }
        }
    }
}
