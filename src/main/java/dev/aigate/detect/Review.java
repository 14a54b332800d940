package dev.aigate.detect;

/**
 * A review claim in a message and whether it counts.
 *
 * @param reviewer the claimed reviewer as written
 * @param key the trailer key as written
 * @param valid whether it counts toward {@code review.required}
 * @param reason why it counts, or exactly why not
 */
public record Review(String reviewer, String key, boolean valid, String reason) {}
