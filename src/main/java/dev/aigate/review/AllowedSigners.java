package dev.aigate.review;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The OpenSSH allowed_signers file (ssh-keygen(1) "ALLOWED SIGNERS"). Read from the server's
 * configuration, never from a push. Lines that do not parse make the whole file an error: a typo
 * must not silently drop a restriction such as {@code valid-before}.
 */
public final class AllowedSigners {
    private final List<Entry> entries;

    private AllowedSigners(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** One line: who may sign, in which namespaces, during which window, with which key. */
    public record Entry(int line, List<String> principals, List<String> namespaces, Optional<Instant> validAfter,
            Optional<Instant> validBefore, CertAuthority certAuthority, SshPublicKey key) {
        public Entry {
            principals = List.copyOf(principals);
            namespaces = List.copyOf(namespaces);
            if (principals.isEmpty()) {
                throw new SignatureFormatException("line " + line + ": no principals");
            }
        }

        boolean allowsNamespace(String ns) {
            return namespaces.isEmpty() || Patterns.matchList(namespaces, ns);
        }

        /** Checked at the server's receive time: the signer cannot choose it. */
        Optional<String> windowProblem(Instant at) {
            if (validAfter.isPresent() && at.isBefore(validAfter.get())) {
                return Optional.of("key of " + String.join(",", principals) + " is not valid before " + validAfter.get());
            }
            if (validBefore.isPresent() && !at.isBefore(validBefore.get())) {
                return Optional.of("key of " + String.join(",", principals) + " expired at " + validBefore.get());
            }
            return Optional.empty();
        }
    }

    /** Whether a line trusts a certificate authority rather than a signer key. */
    public enum CertAuthority { SIGNER_KEY, CERTIFICATE_AUTHORITY }

    public static AllowedSigners parse(String text, ZoneId localZone) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            entries.add(parseLine(i + 1, line, localZone));
        }
        return new AllowedSigners(entries);
    }

    private static Entry parseLine(int lineNo, String line, ZoneId zone) {
        Tokens t = new Tokens(line, lineNo);
        String principals = t.next();
        String second = t.next();
        String options = "";
        String keyType = second;
        if (!isKeyType(second)) {
            options = second;
            keyType = t.next();
        }
        String keyData = t.next();
        // Trailing text after the key is a comment in OpenSSH.
        SshPublicKey key;
        try {
            key = SshPublicKey.fromBase64(keyData);
        } catch (SignatureFormatException e) {
            throw new SignatureFormatException("allowed_signers line " + lineNo + ": " + e.getMessage());
        }
        if (!key.type().wireName().equals(keyType)) {
            throw new SignatureFormatException("allowed_signers line " + lineNo + ": key type " + keyType + " does not match key data");
        }
        List<String> namespaces = List.of();
        Optional<Instant> after = Optional.empty();
        Optional<Instant> before = Optional.empty();
        CertAuthority ca = CertAuthority.SIGNER_KEY;
        for (String opt : splitOptions(options, lineNo)) {
            String lower = opt.toLowerCase(Locale.ROOT);
            if (lower.equals("cert-authority")) {
                ca = CertAuthority.CERTIFICATE_AUTHORITY;
            } else if (lower.startsWith("namespaces=")) {
                namespaces = List.of(unquote(opt.substring("namespaces=".length()), lineNo).split(","));
            } else if (lower.startsWith("valid-after=")) {
                after = Optional.of(time(unquote(opt.substring("valid-after=".length()), lineNo), lineNo, zone));
            } else if (lower.startsWith("valid-before=")) {
                before = Optional.of(time(unquote(opt.substring("valid-before=".length()), lineNo), lineNo, zone));
            } else {
                throw new SignatureFormatException("allowed_signers line " + lineNo + ": unknown option '" + SshPublicKey.printable(opt) + "'");
            }
        }
        return new Entry(lineNo, List.of(unquote(principals, lineNo).split(",")), namespaces, after, before, ca, key);
    }

    private static boolean isKeyType(String token) {
        for (SshPublicKey.KeyType k : SshPublicKey.KeyType.values()) {
            if (k.wireName().equals(token)) {
                return true;
            }
        }
        return token.startsWith("ssh-") || token.startsWith("ecdsa-") || token.startsWith("sk-");
    }

    private static List<String> splitOptions(String options, int lineNo) {
        List<String> out = new ArrayList<>();
        if (options.isEmpty()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : options.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new SignatureFormatException("allowed_signers line " + lineNo + ": unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String s, int lineNo) {
        if (s.startsWith("\"")) {
            if (s.length() < 2 || !s.endsWith("\"")) {
                throw new SignatureFormatException("allowed_signers line " + lineNo + ": bad quoting");
            }
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static Instant time(String s, int lineNo, ZoneId zone) {
        boolean utc = s.endsWith("Z") || s.endsWith("z");
        String digits = utc ? s.substring(0, s.length() - 1) : s;
        ZoneId z = utc ? ZoneOffset.UTC : zone;
        try {
            return switch (digits.length()) {
                case 8 -> LocalDate.parse(digits, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(z).toInstant();
                case 12 -> LocalDateTime.parse(digits, DateTimeFormatter.ofPattern("uuuuMMddHHmm")).atZone(z).toInstant();
                case 14 -> LocalDateTime.parse(digits, DateTimeFormatter.ofPattern("uuuuMMddHHmmss")).atZone(z).toInstant();
                default -> throw new SignatureFormatException("allowed_signers line " + lineNo + ": bad time '" + SshPublicKey.printable(s) + "'");
            };
        } catch (DateTimeParseException e) {
            throw new SignatureFormatException("allowed_signers line " + lineNo + ": bad time '" + SshPublicKey.printable(s) + "'");
        }
    }

    /** Whitespace tokens where a double-quoted run may contain spaces. */
    private static final class Tokens {
        private final String s;
        private final int lineNo;
        private int pos;

        Tokens(String s, int lineNo) {
            this.s = s;
            this.lineNo = lineNo;
        }

        String next() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            if (pos >= s.length()) {
                throw new SignatureFormatException("allowed_signers line " + lineNo + ": too few fields");
            }
            int start = pos;
            boolean quoted = false;
            while (pos < s.length() && (quoted || !Character.isWhitespace(s.charAt(pos)))) {
                if (s.charAt(pos) == '"') {
                    quoted = !quoted;
                }
                pos++;
            }
            return s.substring(start, pos);
        }
    }
}
