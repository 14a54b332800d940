package dev.aigate.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Plays a FIDO authenticator with JDK keys, since no token exists here: an {@code sk-} public key
 * and SSHSIG signatures built by hand after openssh PROTOCOL.u2f (the authenticator signs
 * SHA-256(application) || flags || counter || SHA-256(data)). Tests prove each vector with the
 * real {@code ssh-keygen -Y verify}, so this helper and aigate cannot be wrong the same way.
 */
public final class FidoSigner {
  /** Which FIDO key type to play. */
  public enum Type {
    ED25519("sk-ssh-ed25519@openssh.com"),
    ECDSA_P256("sk-ecdsa-sha2-nistp256@openssh.com");

    final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }
  }

  public static final int USER_PRESENT = 0x01;
  public static final int USER_VERIFIED = 0x04;

  private final Type type;
  private final KeyPair pair;
  private final String application;
  private final byte[] publicBlob;

  public FidoSigner(Type type, String application) throws Exception {
    this.type = type;
    this.application = application;
    if (type == Type.ED25519) {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } else {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      pair = g.generateKeyPair();
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    putString(b, type.wireName.getBytes(StandardCharsets.US_ASCII));
    if (type == Type.ED25519) {
      byte[] x509 = pair.getPublic().getEncoded();
      putString(b, Arrays.copyOfRange(x509, x509.length - 32, x509.length));
    } else {
      ECPublicKey ec = (ECPublicKey) pair.getPublic();
      ByteArrayOutputStream q = new ByteArrayOutputStream();
      q.write(4);
      q.writeBytes(fixed(ec.getW().getAffineX(), 32));
      q.writeBytes(fixed(ec.getW().getAffineY(), 32));
      putString(b, "nistp256".getBytes(StandardCharsets.US_ASCII));
      putString(b, q.toByteArray());
    }
    putString(b, application.getBytes(StandardCharsets.US_ASCII));
    publicBlob = b.toByteArray();
  }

  /** {@code <type> <base64>}, as in an allowed_signers line or a {@code .pub} file. */
  public String publicKey() {
    return type.wireName + " " + Base64.getEncoder().encodeToString(publicBlob);
  }

  /** An honest signature of {@code message} with these flags and counter. */
  public String sign(String namespace, byte[] message, int flags, long counter) throws Exception {
    return forge(namespace, message, publicBlob, application, flags, counter, flags, counter);
  }

  /** A signature over a certificate for this key instead of the bare key. */
  public String signAsCertificate(byte[] certificateBlob, String namespace, byte[] message, int flags, long counter)
      throws Exception {
    return forge(namespace, message, certificateBlob, application, flags, counter, flags, counter);
  }

  /**
   * A signature whose authenticator signed {@code signedApplication}, {@code signedFlags} and
   * {@code signedCounter}, while the blob claims {@code claimedFlags} and {@code claimedCounter}.
   */
  public String forge(String namespace, byte[] message, byte[] keyBlob, String signedApplication, int signedFlags,
      long signedCounter, int claimedFlags, long claimedCounter) throws Exception {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes("SSHSIG".getBytes(StandardCharsets.US_ASCII));
    putString(data, namespace.getBytes(StandardCharsets.US_ASCII));
    putString(data, new byte[0]);
    putString(data, "sha512".getBytes(StandardCharsets.US_ASCII));
    putString(data, MessageDigest.getInstance("SHA-512").digest(message));

    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    ByteArrayOutputStream authenticator = new ByteArrayOutputStream();
    authenticator.writeBytes(sha256.digest(signedApplication.getBytes(StandardCharsets.US_ASCII)));
    authenticator.write(signedFlags);
    putUint32(authenticator, signedCounter);
    authenticator.writeBytes(sha256.digest(data.toByteArray()));

    ByteArrayOutputStream sig = new ByteArrayOutputStream();
    putString(sig, type.wireName.getBytes(StandardCharsets.US_ASCII));
    if (type == Type.ED25519) {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(pair.getPrivate());
      s.update(authenticator.toByteArray());
      putString(sig, s.sign());
    } else {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(pair.getPrivate());
      s.update(authenticator.toByteArray());
      BigInteger[] rs = derToRs(s.sign());
      ByteArrayOutputStream inner = new ByteArrayOutputStream();
      putString(inner, rs[0].toByteArray());
      putString(inner, rs[1].toByteArray());
      putString(sig, inner.toByteArray());
    }
    sig.write(claimedFlags);
    putUint32(sig, claimedCounter);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("SSHSIG".getBytes(StandardCharsets.US_ASCII));
    putUint32(out, 1);
    putString(out, keyBlob);
    putString(out, namespace.getBytes(StandardCharsets.US_ASCII));
    putString(out, new byte[0]);
    putString(out, "sha512".getBytes(StandardCharsets.US_ASCII));
    putString(out, sig.toByteArray());
    return "-----BEGIN SSH SIGNATURE-----\n"
        + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(out.toByteArray())
        + "\n-----END SSH SIGNATURE-----\n";
  }

  private static BigInteger[] derToRs(byte[] der) {
    // SEQUENCE { INTEGER r, INTEGER s }, short-form lengths for P-256.
    int i = 2;
    int rLen = der[i + 1];
    BigInteger r = new BigInteger(Arrays.copyOfRange(der, i + 2, i + 2 + rLen));
    i = i + 2 + rLen;
    int sLen = der[i + 1];
    BigInteger s = new BigInteger(Arrays.copyOfRange(der, i + 2, i + 2 + sLen));
    return new BigInteger[] {r, s};
  }

  private static byte[] fixed(BigInteger v, int len) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[len];
    int n = Math.min(b.length, len);
    System.arraycopy(b, b.length - n, out, len - n, n);
    return out;
  }

  private static void putString(ByteArrayOutputStream out, byte[] b) {
    putUint32(out, b.length);
    out.writeBytes(b);
  }

  private static void putUint32(ByteArrayOutputStream out, long n) {
    out.write((int) (n >>> 24));
    out.write((int) (n >>> 16));
    out.write((int) (n >>> 8));
    out.write((int) n);
  }
}
