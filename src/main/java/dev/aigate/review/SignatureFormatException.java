package dev.aigate.review;

/** A signature, key, statement or record that does not parse. Always a rejection, never a skip. */
public final class SignatureFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignatureFormatException(String message) {
        super(message);
    }
}
