package io.cairn.apiserver.selector;

/**
 * The operators of a label requirement.
 *
 * <p>Why an enum: the set is closed and each operator carries the name kube prints for it in its "expected: ..."
 * messages and the symbol the canonical form uses.
 */
enum LabelOperator {
    IN("in", " in "),
    NOT_IN("notin", " notin "),
    EQUALS("=", "="),
    DOUBLE_EQUALS("==", "=="),
    NOT_EQUALS("!=", "!="),
    GREATER_THAN("gt", ">"),
    LESS_THAN("lt", "<"),
    EXISTS("exists", ""),
    DOES_NOT_EXIST("!", "");

    private final String kubeName;
    private final String infix;

    LabelOperator(String kubeName, String infix) {
        this.kubeName = kubeName;
        this.infix = infix;
    }

    /** The operator's name in kube's messages, e.g. {@code notin} or {@code gt}. */
    String kubeName() {
        return kubeName;
    }

    /** What the canonical form writes between key and values. */
    String infix() {
        return infix;
    }
}
