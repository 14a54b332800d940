package dev.aigate.gate;

import dev.aigate.policy.ReviewPolicy;
import dev.aigate.review.AllowedSigners;
import dev.aigate.review.ReviewTrust;
import dev.aigate.review.RevokedKeys;
import dev.aigate.review.SignatureFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Reads the server's trust files named by the policy; never anything from the push. */
public final class ReviewTrustFiles {
  /** allowed_signers and revocation files larger than this are refused (bounded memory). */
  static final long MAX_BYTES = 4L << 20;

  private ReviewTrustFiles() {}

  /** The trust files could not be read or parsed: signed reviews cannot be judged. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  /**
   * The trust for judging signed reviews at {@code receivedAt}, or empty when the policy sets up
   * no signatures.
   *
   * @param allowedSignersOverride a file named on the command line instead of the policy's
   */
  public static Optional<ReviewTrust> load(ReviewPolicy review, Optional<Path> allowedSignersOverride,
      Instant receivedAt) throws Unavailable {
    if (review.signatures().isEmpty() && allowedSignersOverride.isEmpty()) {
      return Optional.empty();
    }
    String namespace = review.signatures().map(ReviewPolicy.Signatures::namespace).orElse(ReviewPolicy.DEFAULT_NAMESPACE);
    Path allowed = allowedSignersOverride.orElseGet(() -> review.signatures().orElseThrow().allowedSigners());
    String repoId = review.repoId().orElseThrow(() -> new Unavailable("review.repo-id is not set; signed reviews"
        + " name the repository they review, so it must be"));
    try {
      AllowedSigners signers = AllowedSigners.parse(read(allowed), ZoneId.systemDefault());
      Optional<Path> revokedFile = review.signatures().flatMap(ReviewPolicy.Signatures::revokedKeys);
      RevokedKeys revoked = revokedFile.isPresent()
          ? RevokedKeys.parse(read(revokedFile.get()).getBytes(StandardCharsets.UTF_8)) : RevokedKeys.none();
      ReviewTrust.UserVerification uv = review.signatures().map(s -> switch (s.userVerification()) {
        case REQUIRED -> ReviewTrust.UserVerification.REQUIRED;
        case NOT_REQUIRED -> ReviewTrust.UserVerification.NOT_REQUIRED;
      }).orElse(ReviewTrust.UserVerification.NOT_REQUIRED);
      return Optional.of(new ReviewTrust(repoId, namespace, signers, revoked, uv, receivedAt));
    } catch (SignatureFormatException e) {
      throw new Unavailable(e.getMessage());
    }
  }

  private static String read(Path file) throws Unavailable {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new Unavailable(file + " is over " + MAX_BYTES + " bytes");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new Unavailable("cannot read " + file + ": " + e.getMessage());
    }
  }
}
