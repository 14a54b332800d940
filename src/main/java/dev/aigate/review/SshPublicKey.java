package dev.aigate.review;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An OpenSSH public key, kept as its wire blob (identity for allowed_signers and revocation
 * lookups) plus the JDK key it decodes to. Only key types the JDK verifies without extra
 * providers are accepted; certificates and security-key types are refused, not skipped.
 */
public record SshPublicKey(KeyType type, byte[] blob, PublicKey jdkKey) {
    public SshPublicKey {
        blob = blob.clone();
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    public boolean sameKey(SshPublicKey other) {
        return Arrays.equals(blob, other.blob);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshPublicKey k && Arrays.equals(blob, k.blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return type.wireName() + " " + Base64.getEncoder().encodeToString(blob);
    }

    /** The OpenSSH fingerprint, {@code SHA256:<unpadded base64>}, as ssh-keygen -l prints it. */
    public String fingerprint() {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closed set of key types; the wire name is what OpenSSH writes. */
    public enum KeyType {
        ED25519("ssh-ed25519"),
        ECDSA_P256("ecdsa-sha2-nistp256"),
        ECDSA_P384("ecdsa-sha2-nistp384"),
        ECDSA_P521("ecdsa-sha2-nistp521"),
        RSA("ssh-rsa");

        private final String wireName;

        KeyType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static KeyType fromWire(String name) {
            for (KeyType t : values()) {
                if (t.wireName.equals(name)) {
                    return t;
                }
            }
            throw new SignatureFormatException("unsupported key type '" + printable(name) + "'");
        }
    }

    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    public static SshPublicKey fromBase64(String base64) {
        try {
            return fromBlob(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new SignatureFormatException("public key is not base64");
        }
    }

    public static SshPublicKey fromBlob(byte[] blob) {
        SshWire in = new SshWire(blob);
        KeyType type = KeyType.fromWire(in.text());
        try {
            PublicKey key = switch (type) {
                case ED25519 -> {
                    byte[] raw = in.string();
                    if (raw.length != 32) {
                        throw new SignatureFormatException("ed25519 key must be 32 bytes");
                    }
                    ByteArrayOutputStream der = new ByteArrayOutputStream();
                    der.writeBytes(ED25519_X509_PREFIX);
                    der.writeBytes(raw);
                    yield KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der.toByteArray()));
                }
                case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> {
                    String curve = in.text();
                    String expected = type.wireName().substring("ecdsa-sha2-".length());
                    if (!curve.equals(expected)) {
                        throw new SignatureFormatException("curve " + printable(curve) + " does not match " + type.wireName());
                    }
                    yield ecKey(type, in.string());
                }
                case RSA -> {
                    BigInteger e = in.mpint();
                    BigInteger n = in.mpint();
                    if (n.bitLength() < 2048) {
                        throw new SignatureFormatException("RSA keys under 2048 bits are refused");
                    }
                    yield KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                }
            };
            in.end();
            return new SshPublicKey(type, blob, key);
        } catch (GeneralSecurityException e) {
            throw new SignatureFormatException("invalid " + type.wireName() + " key: " + e.getMessage());
        }
    }

    private static PublicKey ecKey(KeyType type, byte[] q) throws GeneralSecurityException {
        String stdName = switch (type) {
            case ECDSA_P256 -> "secp256r1";
            case ECDSA_P384 -> "secp384r1";
            case ECDSA_P521 -> "secp521r1";
            default -> throw new IllegalStateException(type.name());
        };
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(stdName));
        ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
        int len = (spec.getCurve().getField().getFieldSize() + 7) / 8;
        if (q.length != 1 + 2 * len || q[0] != 4) {
            throw new SignatureFormatException("EC point must be uncompressed");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + len));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(q, 1 + len, q.length));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
    }

    static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
