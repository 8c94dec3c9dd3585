/**
 * Structured log lines for SLF4J + logback: one line per event as JSON, logfmt or plain text, each with timestamp,
 * level, component, message, the trace id when a sampled span is active, and the event's key-value pairs.
 *
 * <p>Why through logback and not a logging API of our own: components keep logging through SLF4J (including its
 * fluent {@code addKeyValue}); {@code --log-format} and {@code --log-level} only change how logback renders and
 * filters. {@link io.cairn.observe.logging.StructuredLayout} can also be named in a {@code logback.xml}.
 */
package io.cairn.observe.logging;
