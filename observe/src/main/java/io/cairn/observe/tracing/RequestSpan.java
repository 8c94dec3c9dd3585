package io.cairn.observe.tracing;

/**
 * One span, ended by {@link #close()}.
 *
 * <p>Why: components describe and end their spans without OpenTelemetry types; when tracing is off every method is
 * a no-op on a shared instance. Attributes and status may be set from any thread before the span ends.
 */
public interface RequestSpan extends AutoCloseable {

    /** The trace id as 32 lowercase hex digits, or empty when the span is not sampled (nothing will be exported). */
    String traceId();

    /** Whether this span is sampled, that is, recorded and exported. */
    boolean sampled();

    /** Adds a string attribute. Returns this span. */
    RequestSpan attribute(String key, String value);

    /** Adds a numeric attribute. Returns this span. */
    RequestSpan attribute(String key, long value);

    /** Marks the span as failed with this description. Returns this span. */
    RequestSpan fail(String description);

    /** Marks the span as failed and records the exception as an event. Returns this span. */
    RequestSpan fail(Throwable error);

    /**
     * Makes this span current on the calling thread until the activation is closed, on the same thread: child spans
     * started there descend from it, and when the span is sampled the SLF4J MDC carries its trace id as
     * {@code trace_id}, so log lines name the trace.
     */
    Activation activate();

    /** Ends the span; idempotent. */
    @Override
    void close();

    /**
     * The time during which a span is current on a thread.
     *
     * <p>Why its own type: closing it restores what was current before and cannot fail.
     */
    interface Activation extends AutoCloseable {
        @Override
        void close();
    }
}
