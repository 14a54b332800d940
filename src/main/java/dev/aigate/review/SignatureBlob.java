package dev.aigate.review;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Optional;

/**
 * An SSH signature blob ({@code string algorithm, string signature}, and for FIDO keys
 * {@code byte flags, uint32 counter}), bound to the key type it must fit and verified with the
 * JDK only. Used for the SSHSIG signature and for the CA signature of a certificate.
 */
final class SignatureBlob {
    /** FIDO flag: the user touched the authenticator. */
    static final int USER_PRESENT = 0x01;
    /** FIDO flag: the authenticator verified the user (PIN or biometrics). */
    static final int USER_VERIFIED = 0x04;

    private final SshPublicKey.KeyType keyType;
    private final String algorithm;
    private final byte[] raw;
    private final Optional<SecurityKeyFields> securityKey;

    /** What a FIDO authenticator adds to its signature, and signs along with the message hash. */
    record SecurityKeyFields(int flags, long counter) {
    }

    private SignatureBlob(SshPublicKey.KeyType keyType, String algorithm, byte[] raw, Optional<SecurityKeyFields> securityKey) {
        this.keyType = keyType;
        this.algorithm = algorithm;
        this.raw = raw;
        this.securityKey = securityKey;
    }

    /** Parses {@code blob} as a signature by a key of {@code keyType}; any other algorithm is an error. */
    static SignatureBlob parse(byte[] blob, SshPublicKey.KeyType keyType) {
        SshWire sig = new SshWire(blob);
        String alg = sig.text();
        byte[] raw = sig.string();
        Optional<SecurityKeyFields> sk = Optional.empty();
        if (keyType.securityKey()) {
            int flags = sig.byte1();
            long counter = sig.uint32Value();
            sk = Optional.of(new SecurityKeyFields(flags, counter));
        }
        sig.end();
        boolean algOk = keyType == SshPublicKey.KeyType.RSA
                ? alg.equals("rsa-sha2-256") || alg.equals("rsa-sha2-512")
                : alg.equals(keyType.wireName());
        if (!algOk) {
            // ssh-rsa means SHA-1, webauthn-sk-* signs another structure: both refused like a mismatch.
            throw new SignatureFormatException("signature algorithm '" + SshPublicKey.printable(alg)
                    + "' does not fit key type " + keyType.wireName());
        }
        return new SignatureBlob(keyType, alg, raw, sk);
    }

    Optional<SecurityKeyFields> securityKey() {
        return securityKey;
    }

    /** Whether a FIDO signature says the user was present; other signatures carry no such claim. */
    boolean userPresent() {
        return securityKey.map(f -> (f.flags() & USER_PRESENT) != 0).orElse(false);
    }

    boolean userVerified() {
        return securityKey.map(f -> (f.flags() & USER_VERIFIED) != 0).orElse(false);
    }

    /** True only if this is {@code key}'s signature over exactly {@code data}. */
    boolean verifies(SshPublicKey key, byte[] data) {
        if (key.type() != keyType) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(jdkAlgorithm());
            verifier.initVerify(key.jdkKey());
            verifier.update(signedBytes(key, data));
            return verifier.verify(jdkSignatureBytes());
        } catch (GeneralSecurityException | SignatureFormatException e) {
            return false;
        }
    }

    /**
     * What the key's holder signed: the data itself, or for a FIDO key what its authenticator
     * signs, SHA-256(application) || flags || counter || SHA-256(data) (openssh ssh-ed25519-sk.c,
     * ssh-ecdsa-sk.c).
     */
    private byte[] signedBytes(SshPublicKey key, byte[] data) throws GeneralSecurityException {
        if (securityKey.isEmpty()) {
            return data;
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sha256.digest(key.application().orElseThrow().getBytes(StandardCharsets.ISO_8859_1)));
        out.write(securityKey.get().flags());
        SshWire.putUint32(out, securityKey.get().counter());
        out.writeBytes(sha256.digest(data));
        return out.toByteArray();
    }

    private String jdkAlgorithm() {
        return switch (keyType) {
            case ED25519, SK_ED25519 -> "Ed25519";
            case ECDSA_P256, SK_ECDSA_P256 -> "SHA256withECDSA";
            case ECDSA_P384 -> "SHA384withECDSA";
            case ECDSA_P521 -> "SHA512withECDSA";
            case RSA -> algorithm.equals("rsa-sha2-256") ? "SHA256withRSA" : "SHA512withRSA";
        };
    }

    private byte[] jdkSignatureBytes() {
        return switch (keyType) {
            case ED25519, SK_ED25519, RSA -> raw;
            case ECDSA_P256, ECDSA_P384, ECDSA_P521, SK_ECDSA_P256 -> {
                SshWire in = new SshWire(raw);
                BigInteger r = in.mpint();
                BigInteger s = in.mpint();
                in.end();
                yield derSequence(r.toByteArray(), s.toByteArray());
            }
        };
    }

    private static byte[] derSequence(byte[] r, byte[] s) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        derInteger(body, r);
        derInteger(body, s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        derLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void derInteger(ByteArrayOutputStream out, byte[] v) {
        out.write(0x02);
        derLength(out, v.length);
        out.writeBytes(v);
    }

    private static void derLength(ByteArrayOutputStream out, int n) {
        if (n < 128) {
            out.write(n);
        } else if (n < 256) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        }
    }
}
