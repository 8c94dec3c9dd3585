package io.cairn.apiserver.table;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns an object's timestamps into the "how long ago" text of AGE, LAST SEEN and RESTARTS cells.
 *
 * <p>Why: every such cell is relative to the server's clock at the time of the request; the clock is injected so
 * tests can fix "now".
 */
record Elapsed(Clock clock) {

    static final String UNKNOWN = "<unknown>";

    /** The time since an RFC 3339 timestamp node, or {@code <unknown>} if it is absent or unreadable. */
    String since(JsonNode timestamp) {
        return instant(timestamp).map(this::since).orElse(UNKNOWN);
    }

    String since(Instant then) {
        return HumanDuration.format(Duration.between(then, clock.instant()));
    }

    /** Parses an RFC 3339 timestamp ({@code metav1.Time} or {@code MicroTime}); empty when absent or malformed. */
    static Optional<Instant> instant(JsonNode timestamp) {
        if (!timestamp.isString() || timestamp.stringValue().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(timestamp.stringValue()).toInstant());
        } catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
    }
}
