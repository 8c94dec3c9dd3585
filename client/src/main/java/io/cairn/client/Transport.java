package io.cairn.client;

import java.io.InputStream;

/**
 * Sends requests to one cluster. Implementations throw {@link ClientException.Transport} when the connection fails,
 * {@link ClientException.DeadlineExceeded} and {@link ClientException.Cancelled} per the deadline, and return every
 * HTTP answer (including 4xx and 5xx) as a {@link Response}.
 *
 * <p>Why: the policies (limits, retries, metrics) are decorators over this one method, as the store's appliers are.
 */
interface Transport {

    Response send(Request request, Deadline deadline);

    /**
     * Opens a streaming response (a watch): the status code and the body as a stream that {@link Deadline#cancel()}
     * or closing the stream ends.
     */
    Stream open(Request request, Deadline deadline);

    /** An open streaming response; a non-2xx answer has its body in {@code body} too. */
    record Stream(int code, InputStream body) {
    }
}
