package dev.aigate.review;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Revoked keys: one OpenSSH public key (or certificate) per line. A listed key revokes itself as a
 * signer and, as a CA key, every certificate it signed. A binary KRL is refused with an error
 * rather than read as "nothing revoked".
 */
public final class RevokedKeys {
    private static final String KRL_MAGIC = "SSHKRL\n";
    private final List<SshPublicKey> keys;

    private RevokedKeys(List<SshPublicKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public static RevokedKeys none() {
        return new RevokedKeys(List.of());
    }

    public static RevokedKeys parse(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith(KRL_MAGIC)) {
            throw new SignatureFormatException("binary KRL revocation files are not supported yet; list revoked public keys one per line");
        }
        List<SshPublicKey> keys = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 2) {
                throw new SignatureFormatException("revoked keys line " + (i + 1) + ": expected '<type> <base64>'");
            }
            keys.add(key(f[1], i + 1));
        }
        return new RevokedKeys(keys);
    }

    /** A listed certificate revokes its certified key, as in OpenSSH's plain revocation files. */
    private static SshPublicKey key(String base64, int lineNo) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SignatureFormatException("revoked keys line " + lineNo + ": public key is not base64");
        }
        try {
            return SshPublicKey.KeyType.isCertificateName(new SshWire(blob).text())
                    ? SshCertificate.fromBlob(blob).key() : SshPublicKey.fromBlob(blob);
        } catch (SignatureFormatException e) {
            throw new SignatureFormatException("revoked keys line " + lineNo + ": " + e.getMessage());
        }
    }

    public boolean revokes(SshPublicKey key) {
        return keys.stream().anyMatch(key::sameKey);
    }
}
