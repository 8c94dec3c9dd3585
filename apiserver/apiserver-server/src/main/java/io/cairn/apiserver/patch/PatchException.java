package io.cairn.apiserver.patch;

import java.io.Serial;

/**
 * A PATCH document that could not be applied, with the answer kube-apiserver gives for it.
 *
 * <p>Why: kube answers two kinds of JSON Patch failure differently. A document that does not decode as a list of
 * operations is a 400 BadRequest whose message is the decoding error. An operation that does not apply (missing path,
 * bad index, failed {@code test}, ...) is a 422 with reason {@code Invalid} whose {@code Status.message} is kube's
 * generic {@code the server rejected our request due to an error in our request} (the detail is dropped; kubectl
 * prints {@code The request is invalid: ...}). {@link #getMessage()} keeps the detail for logs; {@link #httpStatus()},
 * {@link #reason()} and {@link #statusMessage()} are what to put in the {@code Status} answer.
 *
 * <p>Strategic merge patch adds two answers: most of its failures (a missing merge key, an unknown patch type) are
 * plain errors that kube passes on as a 500 whose reason is empty and whose message is the error text, and a kind
 * without struct tags (a custom resource) refuses the media type with 415 UnsupportedMediaType.
 */
public final class PatchException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The {@code Status.message} kube sends for a JSON Patch operation that does not apply. */
    public static final String INVALID_MESSAGE = "the server rejected our request due to an error in our request";

    /** The media types kube accepts for PATCH of a kind that has no strategic merge patch. */
    public static final String NON_STRATEGIC_TYPES =
            "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

    private final int httpStatus;
    private final String reason;
    private final String statusMessage;

    private PatchException(String detail, int httpStatus, String reason, String statusMessage) {
        super(detail);
        this.httpStatus = httpStatus;
        this.reason = reason;
        this.statusMessage = statusMessage;
    }

    private PatchException(String detail, int httpStatus) {
        this(detail, httpStatus, httpStatus == 422 ? "Invalid" : "BadRequest",
                httpStatus == 422 ? INVALID_MESSAGE : detail);
    }

    /** An operation that does not apply to the document (kube: 422 Invalid). */
    static PatchException notApplicable(String detail) {
        return new PatchException(detail, 422);
    }

    /** A patch document that does not decode (kube: 400 BadRequest). */
    static PatchException undecodable(String detail) {
        return new PatchException(detail, 400);
    }

    /** A strategic merge patch failure kube does not classify (kube: 500, empty reason, the error as message). */
    static PatchException internal(String detail) {
        return new PatchException(detail, 500, "", detail);
    }

    /** A kind without strategic merge patch support (kube: 415 UnsupportedMediaType). */
    static PatchException unsupportedMediaType() {
        String message = "the body of the request was in an unknown format - accepted media types include: "
                + NON_STRATEGIC_TYPES;
        return new PatchException(message, 415, "UnsupportedMediaType", message);
    }

    /** The HTTP status kube answers with: 422 for an operation that does not apply, 400 for an undecodable patch. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code Status.reason} kube answers with, e.g. {@code Invalid} (422) or {@code BadRequest} (400). */
    public String reason() {
        return reason;
    }

    /** The {@code Status.message} kube answers with, e.g. its generic text for 422, the decoding error for 400. */
    public String statusMessage() {
        return statusMessage;
    }
}
