package dev.aigate.review;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.Optional;

/**
 * An OpenSSH public key, kept as its wire blob (identity for allowed_signers and revocation
 * lookups) plus the JDK key it decodes to. Only key types the JDK verifies without extra
 * providers are accepted. FIDO security keys ({@code sk-}) also carry the application string
 * their authenticator signs a hash of. Certificates are {@link SshCertificate}, never a plain key.
 *
 * @param application the FIDO application ({@code ssh:} by default) of an {@code sk-} key, empty
 *     for other keys; ISO-8859-1 so that every byte survives to be hashed as signed
 */
public record SshPublicKey(KeyType type, byte[] blob, PublicKey jdkKey, Optional<String> application) {
    public SshPublicKey {
        blob = blob.clone();
        if (application.isPresent() != type.securityKey()) {
            throw new IllegalArgumentException("an application belongs to sk- keys only");
        }
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
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closed set of key types; the wire name is what OpenSSH writes. */
    public enum KeyType {
        ED25519("ssh-ed25519"),
        ECDSA_P256("ecdsa-sha2-nistp256"),
        ECDSA_P384("ecdsa-sha2-nistp384"),
        ECDSA_P521("ecdsa-sha2-nistp521"),
        RSA("ssh-rsa"),
        SK_ED25519("sk-ssh-ed25519@openssh.com"),
        SK_ECDSA_P256("sk-ecdsa-sha2-nistp256@openssh.com");

        private static final String OPENSSH_SUFFIX = "@openssh.com";
        private static final String CERT_SUFFIX = "-cert-v01@openssh.com";

        private final String wireName;

        KeyType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** A FIDO authenticator key: its signatures carry flags and a counter. */
        public boolean securityKey() {
            return this == SK_ED25519 || this == SK_ECDSA_P256;
        }

        /** The type name of a certificate over a key of this type (PROTOCOL.certkeys). */
        public String certificateName() {
            String base = wireName.endsWith(OPENSSH_SUFFIX)
                    ? wireName.substring(0, wireName.length() - OPENSSH_SUFFIX.length()) : wireName;
            return base + CERT_SUFFIX;
        }

        static boolean isCertificateName(String name) {
            return name.endsWith(CERT_SUFFIX);
        }

        static KeyType fromCertificateName(String name) {
            for (KeyType t : values()) {
                if (t.certificateName().equals(name)) {
                    return t;
                }
            }
            throw new SignatureFormatException("unsupported certificate type '" + printable(name) + "'");
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
        String name = in.text();
        if (KeyType.isCertificateName(name)) {
            throw new SignatureFormatException("a certificate (" + printable(name) + ") where a plain public key is expected");
        }
        SshPublicKey key = read(KeyType.fromWire(name), in, blob);
        in.end();
        return key;
    }

    /**
     * Reads the fields of a {@code type} key that follow its name in {@code in}; {@code blob} is
     * the plain key's wire form they belong to (a certificate rebuilds it from the same fields).
     */
    static SshPublicKey read(KeyType type, SshWire in, byte[] blob) {
        try {
            Optional<String> application = Optional.empty();
            PublicKey key = switch (type) {
                case ED25519 -> ed25519(in.string());
                case SK_ED25519 -> {
                    PublicKey k = ed25519(in.string());
                    application = Optional.of(new String(in.string(), StandardCharsets.ISO_8859_1));
                    yield k;
                }
                case ECDSA_P256, ECDSA_P384, ECDSA_P521, SK_ECDSA_P256 -> {
                    String curve = in.text();
                    String expected = curveName(type);
                    if (!curve.equals(expected)) {
                        throw new SignatureFormatException("curve " + printable(curve) + " does not match " + type.wireName());
                    }
                    PublicKey k = ecKey(type, in.string());
                    if (type == KeyType.SK_ECDSA_P256) {
                        application = Optional.of(new String(in.string(), StandardCharsets.ISO_8859_1));
                    }
                    yield k;
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
            return new SshPublicKey(type, blob, key, application);
        } catch (GeneralSecurityException e) {
            throw new SignatureFormatException("invalid " + type.wireName() + " key: " + e.getMessage());
        }
    }

    private static PublicKey ed25519(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new SignatureFormatException("ed25519 key must be 32 bytes");
        }
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.writeBytes(ED25519_X509_PREFIX);
        der.writeBytes(raw);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der.toByteArray()));
    }

    private static String curveName(KeyType type) {
        return switch (type) {
            case ECDSA_P256, SK_ECDSA_P256 -> "nistp256";
            case ECDSA_P384 -> "nistp384";
            case ECDSA_P521 -> "nistp521";
            default -> throw new IllegalStateException(type.name());
        };
    }

    private static PublicKey ecKey(KeyType type, byte[] q) throws GeneralSecurityException {
        String stdName = switch (type) {
            case ECDSA_P256, SK_ECDSA_P256 -> "secp256r1";
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
