package dev.aigate.review;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bounds-checked reader for the SSH wire encoding (RFC 4251 strings, uint32, mpint). */
final class SshWire {
    private final byte[] data;
    private int pos;

    SshWire(byte[] data) {
        this.data = data;
    }

    int uint32() {
        need(4);
        long v = ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xff) << 16)
                | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
        pos += 4;
        // Lengths come from the pusher: anything past the buffer is malformed, never allocated.
        if (v > data.length) {
            throw new SignatureFormatException("length " + v + " exceeds the data");
        }
        return (int) v;
    }

    /** A uint32 that is a value (a counter, a type), not a length: not bounded by the data. */
    long uint32Value() {
        need(4);
        long v = ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xff) << 16)
                | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** An unsigned 64-bit value (certificate serials and validity times) in a long's bits. */
    long uint64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[pos + i] & 0xffL);
        }
        pos += 8;
        return v;
    }

    int byte1() {
        need(1);
        return data[pos++] & 0xff;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos == data.length;
    }

    byte[] slice(int from, int to) {
        return Arrays.copyOfRange(data, from, to);
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    byte[] string() {
        return bytes(uint32());
    }

    String text() {
        return new String(string(), StandardCharsets.US_ASCII);
    }

    BigInteger mpint() {
        byte[] b = string();
        if (b.length == 0) {
            return BigInteger.ZERO;
        }
        return new BigInteger(b);
    }

    void end() {
        if (pos != data.length) {
            throw new SignatureFormatException((data.length - pos) + " trailing bytes");
        }
    }

    private void need(int n) {
        if (n < 0 || data.length - pos < n) {
            throw new SignatureFormatException("truncated data");
        }
    }

    static void putString(ByteArrayOutputStream out, byte[] b) {
        int n = b.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(b);
    }

    static void putUint32(ByteArrayOutputStream out, long n) {
        out.write((int) (n >>> 24));
        out.write((int) (n >>> 16));
        out.write((int) (n >>> 8));
        out.write((int) n);
    }
}
