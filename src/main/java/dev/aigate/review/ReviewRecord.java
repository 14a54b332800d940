package dev.aigate.review;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the review notes: {@code {"v":1,"stmt":"<b64>","sig":"<b64 armoured SSHSIG>"}}.
 * The writer emits exactly this shape, so the reader accepts exactly this shape (base64 needs no
 * JSON escapes); the size cap is checked before any parsing.
 */
public record ReviewRecord(byte[] statement, String armoredSignature) {
    public static final int MAX_LINE_BYTES = 8192;
    private static final Pattern LINE = Pattern.compile("\\{\"v\":1,\"stmt\":\"([A-Za-z0-9+/=]+)\",\"sig\":\"([A-Za-z0-9+/=]+)\"\\}");

    public ReviewRecord {
        statement = statement.clone();
    }

    @Override
    public byte[] statement() {
        return statement.clone();
    }

    public String toLine() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "{\"v\":1,\"stmt\":\"" + b64.encodeToString(statement) + "\",\"sig\":\""
                + b64.encodeToString(armoredSignature.getBytes(StandardCharsets.US_ASCII)) + "\"}";
    }

    public static ReviewRecord parseLine(String line) {
        if (line.length() > MAX_LINE_BYTES) {
            throw new SignatureFormatException("review record is " + line.length() + " bytes, over the limit of " + MAX_LINE_BYTES);
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new SignatureFormatException("review record is not {\"v\":1,\"stmt\":...,\"sig\":...}");
        }
        try {
            Base64.Decoder d = Base64.getDecoder();
            return new ReviewRecord(d.decode(m.group(1)), new String(d.decode(m.group(2)), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new SignatureFormatException("review record is not valid base64");
        }
    }
}
