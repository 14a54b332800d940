package dev.aigate.review;

import java.util.List;

/** The outcome of checking one review record. */
public sealed interface ReviewCheck {
    /** A signature that verifies, by a key allowed for {@code principals} at receive time. */
    record Verified(ReviewStatement statement, List<String> principals, SshPublicKey key) implements ReviewCheck {
        public Verified {
            principals = List.copyOf(principals);
        }
    }

    /** Why the record is no evidence; the text is shown to the pusher. */
    record Rejected(String reason) implements ReviewCheck {
    }
}
