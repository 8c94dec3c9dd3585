package io.cairn.observe.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One rendered scrape: the body and the {@code Content-Type} it must be served with.
 *
 * <p>Why: the same rendering is served by the observe listener and, on the store, by the client port's
 * {@code /metrics}; neither needs to know which format was negotiated.
 */
public final class Exposition {

    private final String contentType;
    private final byte[] body;

    Exposition(String contentType, byte[] body) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** The {@code Content-Type} header value, with version and charset. */
    public String contentType() {
        return contentType;
    }

    /** The body's length in bytes. */
    public int length() {
        return body.length;
    }

    /** Writes the body without copying it. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(body);
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text; for tests and debugging. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
