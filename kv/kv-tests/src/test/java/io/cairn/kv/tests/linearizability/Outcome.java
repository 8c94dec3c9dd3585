package io.cairn.kv.tests.linearizability;

import java.util.Objects;

/**
 * How an operation ended, as the client saw it.
 *
 * <p>Why three cases: an error is not evidence that a write did not happen. Only an error raised before the
 * request was proposed (an invalid argument, a failed precondition checked by the member that received it) is
 * {@link Failed}; a timeout, a lost connection, a leader change or any error after proposal is {@link Unknown}: the
 * operation may have taken effect at any point after its invocation, or never, and nothing it returned is known.
 */
public sealed interface Outcome permits Outcome.Ok, Outcome.Failed, Outcome.Unknown {

    /** The operation took effect and returned {@code response} at {@code completedAt} (monotonic nanos). */
    record Ok(long completedAt, Response response) implements Outcome {
        /** Checks the field. */
        public Ok {
            Objects.requireNonNull(response, "response");
        }
    }

    /** The operation definitely did not take effect; the client learned so at {@code completedAt}. */
    record Failed(long completedAt, String reason) implements Outcome {
        /** Checks the field. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The operation may or may not have taken effect, at any time after its invocation. */
    record Unknown(String reason) implements Outcome {
        /** Checks the field. */
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
