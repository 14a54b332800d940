package dev.aigate.review;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

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
    private final Optional<SshCertificate> certificate;
    private final String namespace;
    private final byte[] reserved;
    private final String hashAlgorithm;
    private final SignatureBlob signature;

    private SshSignature(SshPublicKey key, Optional<SshCertificate> certificate, String namespace, byte[] reserved,
            String hashAlgorithm, SignatureBlob signature) {
        this.key = key;
        this.certificate = certificate;
        this.namespace = namespace;
        this.reserved = reserved;
        this.hashAlgorithm = hashAlgorithm;
        this.signature = signature;
    }

    /** The key that signed; for a certificate, the certified key. */
    public SshPublicKey key() {
        return key;
    }

    /** The certificate the signature embeds instead of a plain key, if it does. */
    public Optional<SshCertificate> certificate() {
        return certificate;
    }

    public String namespace() {
        return namespace;
    }

    /** Whether a FIDO signature's authenticator saw the user's touch; false for other keys. */
    public boolean userPresent() {
        return signature.userPresent();
    }

    /** Whether a FIDO signature's authenticator verified the user (PIN, biometrics). */
    public boolean userVerified() {
        return signature.userVerified();
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
        byte[] keyBlob = in.string();
        Optional<SshCertificate> certificate = SshPublicKey.KeyType.isCertificateName(new SshWire(keyBlob).text())
                ? Optional.of(SshCertificate.fromBlob(keyBlob)) : Optional.empty();
        SshPublicKey key = certificate.map(SshCertificate::key).orElseGet(() -> SshPublicKey.fromBlob(keyBlob));
        String namespace = in.text();
        byte[] reserved = in.string();
        String hash = in.text();
        if (!hash.equals("sha256") && !hash.equals("sha512")) {
            throw new SignatureFormatException("unsupported hash algorithm '" + SshPublicKey.printable(hash) + "'");
        }
        byte[] sig = in.string();
        in.end();
        return new SshSignature(key, certificate, namespace, reserved, hash, SignatureBlob.parse(sig, key.type()));
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
            return signature.verifies(key, signed.toByteArray());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
