package io.cairn.apiserver.selector;

import java.io.Serial;

/**
 * A selector that kube-apiserver would refuse.
 *
 * <p>Why: the message is the exact text kube puts into the {@code Status} of its 400 BadRequest answer, so callers
 * show it unchanged instead of composing their own.
 */
public final class SelectorException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A refusal with the message kube would answer with. */
    public SelectorException(String message) {
        super(message);
    }
}
