package dev.aigate.review;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * An SSHSIG signature (openssh PROTOCOL.sshsig), parsed strictly and verified with the JDK only.
 * The signature names no signer and no time: who signed comes from allowed_signers, when from
 * the server's clock.
 */
public final class SshSignature {
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);

    private final SshPublicKey key;
    private final String namespace;
    private final byte[] reserved;
    private final String hashAlgorithm;
    private final String signatureAlgorithm;
    private final byte[] rawSignature;

    private SshSignature(SshPublicKey key, String namespace, byte[] reserved, String hashAlgorithm,
            String signatureAlgorithm, byte[] rawSignature) {
        this.key = key;
        this.namespace = namespace;
        this.reserved = reserved;
        this.hashAlgorithm = hashAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
        this.rawSignature = rawSignature;
    }

    public SshPublicKey key() {
        return key;
    }

    public String namespace() {
        return namespace;
    }

    public static SshSignature parseArmored(String armored) {
        String text = armored.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new SignatureFormatException("not an armoured SSH signature");
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("[\r\n]", "");
        try {
            return parse(Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new SignatureFormatException("signature armour is not base64");
        }
    }

    public static SshSignature parse(byte[] blob) {
        SshWire in = new SshWire(blob);
        if (!Arrays.equals(in.bytes(MAGIC.length), MAGIC)) {
            throw new SignatureFormatException("missing SSHSIG magic");
        }
        int version = in.uint32();
        if (version != 1) {
            throw new SignatureFormatException("unsupported SSHSIG version " + version);
        }
        SshPublicKey key = SshPublicKey.fromBlob(in.string());
        String namespace = in.text();
        byte[] reserved = in.string();
        String hash = in.text();
        if (!hash.equals("sha256") && !hash.equals("sha512")) {
            throw new SignatureFormatException("unsupported hash algorithm '" + SshPublicKey.printable(hash) + "'");
        }
        SshWire sig = new SshWire(in.string());
        in.end();
        String alg = sig.text();
        byte[] raw = sig.string();
        sig.end();
        String expectedAlg = key.type().wireName();
        boolean algOk = key.type() == SshPublicKey.KeyType.RSA
                ? alg.equals("rsa-sha2-256") || alg.equals("rsa-sha2-512")
                : alg.equals(expectedAlg);
        if (!algOk) {
            // ssh-rsa means SHA-1: refused like a mismatched algorithm.
            throw new SignatureFormatException("signature algorithm '" + SshPublicKey.printable(alg)
                    + "' does not fit key type " + expectedAlg);
        }
        return new SshSignature(key, namespace, reserved, hash, alg, raw);
    }

    /** True only if the signature is over exactly {@code message} in {@code expectedNamespace}. */
    public boolean verifies(byte[] message, String expectedNamespace) {
        if (!namespace.equals(expectedNamespace)) {
            return false;
        }
        try {
            MessageDigest md = MessageDigest.getInstance(hashAlgorithm.equals("sha256") ? "SHA-256" : "SHA-512");
            ByteArrayOutputStream signed = new ByteArrayOutputStream();
            signed.writeBytes(MAGIC);
            SshWire.putString(signed, namespace.getBytes(StandardCharsets.US_ASCII));
            SshWire.putString(signed, reserved);
            SshWire.putString(signed, hashAlgorithm.getBytes(StandardCharsets.US_ASCII));
            SshWire.putString(signed, md.digest(message));
            Signature verifier = Signature.getInstance(jdkAlgorithm());
            verifier.initVerify(key.jdkKey());
            verifier.update(signed.toByteArray());
            return verifier.verify(jdkSignatureBytes());
        } catch (GeneralSecurityException | SignatureFormatException e) {
            return false;
        }
    }

    private String jdkAlgorithm() {
        return switch (key.type()) {
            case ED25519 -> "Ed25519";
            case ECDSA_P256 -> "SHA256withECDSA";
            case ECDSA_P384 -> "SHA384withECDSA";
            case ECDSA_P521 -> "SHA512withECDSA";
            case RSA -> signatureAlgorithm.equals("rsa-sha2-256") ? "SHA256withRSA" : "SHA512withRSA";
        };
    }

    private byte[] jdkSignatureBytes() {
        return switch (key.type()) {
            case ED25519, RSA -> rawSignature;
            case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> {
                SshWire in = new SshWire(rawSignature);
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
