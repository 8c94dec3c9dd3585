package io.cairn.observe.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What the observe endpoints answer, independent of the server that sends it.
 *
 * <p>Why: the body of a scrape can be large; {@link #writeTo} sends it without a copy, while {@link #body()} hands
 * out a copy so the response stays immutable.
 */
public final class EndpointResponse {

    private final int status;
    private final String contentType;
    private final Map<String, String> headers;
    private final byte[] body;

    EndpointResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.headers = Map.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body");
    }

    static EndpointResponse text(int status, String text) {
        return new EndpointResponse(status, "text/plain; charset=utf-8",
                Map.of("X-Content-Type-Options", "nosniff"), text.getBytes(StandardCharsets.UTF_8));
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The {@code Content-Type} header value. */
    public String contentType() {
        return contentType;
    }

    /** Further headers to send, e.g. {@code Allow} on a 405. */
    public Map<String, String> headers() {
        return headers;
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

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EndpointResponse[" + status + ", " + contentType + ", " + body.length + " bytes]";
    }
}
