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
 */
public final class PatchException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The {@code Status.message} kube sends for a JSON Patch operation that does not apply. */
    public static final String INVALID_MESSAGE = "the server rejected our request due to an error in our request";

    private final int httpStatus;

    private PatchException(String detail, int httpStatus) {
        super(detail);
        this.httpStatus = httpStatus;
    }

    /** An operation that does not apply to the document (kube: 422 Invalid). */
    static PatchException notApplicable(String detail) {
        return new PatchException(detail, 422);
    }

    /** A patch document that does not decode (kube: 400 BadRequest). */
    static PatchException undecodable(String detail) {
        return new PatchException(detail, 400);
    }

    /** The HTTP status kube answers with: 422 for an operation that does not apply, 400 for an undecodable patch. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code Status.reason} kube answers with: {@code Invalid} (422) or {@code BadRequest} (400). */
    public String reason() {
        return httpStatus == 422 ? "Invalid" : "BadRequest";
    }

    /** The {@code Status.message} kube answers with: its generic text for 422, the decoding error for 400. */
    public String statusMessage() {
        return httpStatus == 422 ? INVALID_MESSAGE : getMessage();
    }
}
