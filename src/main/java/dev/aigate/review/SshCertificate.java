package dev.aigate.review;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenSSH certificate (PROTOCOL.certkeys) as a signing key: the certified key, who the CA says
 * may use it, when, and under which critical options, plus the CA's signature over all of it. It
 * is parsed strictly; whether it is trusted is {@link #problem}'s and the allowed_signers line's
 * to say.
 */
public final class SshCertificate {
    /** The critical option OpenSSH uses to demand a user-verified (PIN, biometric) FIDO signature. */
    static final String VERIFY_REQUIRED = "verify-required";

    private final byte[] blob;
    private final SshPublicKey key;
    private final long serial;
    private final Kind kind;
    private final String keyId;
    private final List<String> principals;
    private final long validAfter;
    private final long validBefore;
    private final List<String> criticalOptions;
    private final SshPublicKey ca;
    private final byte[] signedPart;
    private final SignatureBlob caSignature;

    /** Whom a certificate is for; OpenSSH has exactly these two. */
    public enum Kind { USER, HOST }

    private SshCertificate(byte[] blob, SshPublicKey key, long serial, Kind kind, String keyId, List<String> principals,
            long validAfter, long validBefore, List<String> criticalOptions, SshPublicKey ca, byte[] signedPart,
            SignatureBlob caSignature) {
        this.blob = blob;
        this.key = key;
        this.serial = serial;
        this.kind = kind;
        this.keyId = keyId;
        this.principals = List.copyOf(principals);
        this.validAfter = validAfter;
        this.validBefore = validBefore;
        this.criticalOptions = List.copyOf(criticalOptions);
        this.ca = ca;
        this.signedPart = signedPart;
        this.caSignature = caSignature;
    }

    public static SshCertificate fromBlob(byte[] blob) {
        SshWire in = new SshWire(blob);
        SshPublicKey.KeyType type = SshPublicKey.KeyType.fromCertificateName(in.text());
        in.string(); // nonce: makes the CA's signature unpredictable, nothing to check
        int keyStart = in.position();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        SshWire.putString(plain, type.wireName().getBytes(StandardCharsets.US_ASCII));
        // The plain key's blob is its name followed by the same fields: what revocation lists hold.
        SshPublicKey fields = SshPublicKey.read(type, in, new byte[0]);
        plain.writeBytes(in.slice(keyStart, in.position()));
        SshPublicKey key = new SshPublicKey(type, plain.toByteArray(), fields.jdkKey(), fields.application());
        long serial = in.uint64();
        long kindCode = in.uint32Value();
        Kind kind;
        if (kindCode == 1) {
            kind = Kind.USER;
        } else if (kindCode == 2) {
            kind = Kind.HOST;
        } else {
            throw new SignatureFormatException("certificate type " + kindCode + " is neither user nor host");
        }
        String keyId = in.text();
        List<String> principals = new ArrayList<>();
        SshWire p = new SshWire(in.string());
        while (!p.atEnd()) {
            principals.add(new String(p.string(), StandardCharsets.UTF_8));
        }
        long validAfter = in.uint64();
        long validBefore = in.uint64();
        List<String> critical = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        SshWire c = new SshWire(in.string());
        while (!c.atEnd()) {
            String name = c.text();
            c.string(); // the option's data; no option aigate accepts has any
            if (!seen.add(name)) {
                throw new SignatureFormatException("certificate repeats critical option " + SshPublicKey.printable(name));
            }
            critical.add(name);
        }
        in.string(); // extensions: not critical by definition (permit-pty and the like), ignored as OpenSSH does
        in.string(); // reserved
        SshPublicKey ca = SshPublicKey.fromBlob(in.string());
        byte[] signedPart = in.slice(0, in.position());
        SignatureBlob caSignature = SignatureBlob.parse(in.string(), ca.type());
        in.end();
        return new SshCertificate(blob, key, serial, kind, keyId, principals, validAfter, validBefore, critical, ca,
                signedPart, caSignature);
    }

    /** The certified key: the one that made the signature. */
    public SshPublicKey key() {
        return key;
    }

    public SshPublicKey ca() {
        return ca;
    }

    public String keyId() {
        return keyId;
    }

    public long serial() {
        return serial;
    }

    public List<String> principals() {
        return principals;
    }

    public byte[] blob() {
        return blob.clone();
    }

    /** Whether the certificate demands that the signature prove user verification. */
    boolean requiresUserVerification() {
        return criticalOptions.contains(VERIFY_REQUIRED);
    }

    /**
     * Why this certificate cannot vouch for a review signature made at {@code at}, if it cannot:
     * the CA's signature, the kind, the validity window at receive time, a principal list, and
     * only critical options aigate enforces. OpenSSH's {@code -Y verify} ignores critical options;
     * aigate refuses any it cannot honour, since a CA that restricts a key (force-command,
     * source-address) did not mean "and it may approve code from anywhere".
     */
    Optional<String> problem(Instant at) {
        if (!caSignature.verifies(ca, signedPart)) {
            return Optional.of("certificate " + describe() + " does not verify under its CA key " + ca.fingerprint());
        }
        if (ca.type().securityKey() && !caSignature.userPresent()) {
            return Optional.of("certificate " + describe() + " was signed by a security-key CA without user presence");
        }
        if (kind != Kind.USER) {
            return Optional.of("certificate " + describe() + " is a host certificate, not a user certificate");
        }
        long now = at.getEpochSecond();
        if (Long.compareUnsigned(now, validAfter) < 0) {
            return Optional.of("certificate " + describe() + " is not valid before " + time(validAfter));
        }
        if (Long.compareUnsigned(now, validBefore) >= 0) {
            return Optional.of("certificate " + describe() + " expired at " + time(validBefore));
        }
        if (principals.isEmpty()) {
            // OpenSSH reads an empty list as "any principal" for logins; for a review it is refused.
            return Optional.of("certificate " + describe() + " names no principals");
        }
        for (String option : criticalOptions) {
            if (!option.equals(VERIFY_REQUIRED)) {
                return Optional.of("certificate " + describe() + " has critical option '" + SshPublicKey.printable(option)
                        + "', which a review signature cannot honour");
            }
        }
        return Optional.empty();
    }

    private static String time(long epochSeconds) {
        return Long.compareUnsigned(epochSeconds, Instant.MAX.getEpochSecond()) > 0
                ? "forever" : Instant.ofEpochSecond(epochSeconds).toString();
    }

    String describe() {
        return "'" + SshPublicKey.printable(keyId) + "' (serial " + Long.toUnsignedString(serial) + ")";
    }
}
