package io.cairn.bench;

import java.util.Locale;

/**
 * The {@code --consistency} of reads: {@code l} (linearizable, the default) or {@code s} (serializable).
 *
 * <p>Why: etcd's flag takes one letter; a linearizable read waits for a consensus round (a read index), a
 * serializable one is answered from the member's local state, and the two differ several-fold in cost.
 */
enum Consistency {
    LINEARIZABLE, SERIALIZABLE;

    /** Parses {@code l} or {@code s}; throws {@link IllegalArgumentException} otherwise. */
    static Consistency parse(String flag) {
        return switch (flag) {
            case "l" -> LINEARIZABLE;
            case "s" -> SERIALIZABLE;
            default -> throw new IllegalArgumentException("--consistency must be l (linearizable) or s "
                    + "(serializable), got '" + flag + "'");
        };
    }

    boolean serializable() {
        return this == SERIALIZABLE;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
