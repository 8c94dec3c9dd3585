package io.cairn.kv.tests.linearizability;

import java.util.Objects;

/**
 * One guard of a txn: a key's value, mod revision, create revision or version compared with an operand, with
 * etcd's semantics — a value compare on a missing key is false whatever the relation; the numeric targets of a
 * missing key are 0; values compare as unsigned bytes.
 *
 * <p>Why a single record with two operand fields: etcd's {@code Compare} has the same shape, and a test author
 * builds it with one of the four factories, which leave the unused operand empty (value) or 0 (number).
 */
public record Compare(Bytes key, Target target, Relation relation, Bytes value, long number) {

    /** What is compared. */
    public enum Target { VALUE, MOD_REVISION, CREATE_REVISION, VERSION }

    /** How the key's field relates to the operand. */
    public enum Relation {
        EQUAL("=="), NOT_EQUAL("!="), GREATER(">"), LESS("<");

        private final String symbol;

        Relation(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(int comparison) {
            return switch (this) {
                case EQUAL -> comparison == 0;
                case NOT_EQUAL -> comparison != 0;
                case GREATER -> comparison > 0;
                case LESS -> comparison < 0;
            };
        }
    }

    /** Checks the fields. */
    public Compare {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(value, "value");
    }

    /** {@code value(key) relation value}. */
    public static Compare value(String key, Relation relation, String value) {
        return new Compare(Bytes.of(key), Target.VALUE, relation, Bytes.of(value), 0);
    }

    /** {@code value(key) relation value}, as bytes. */
    public static Compare value(byte[] key, Relation relation, byte[] value) {
        return new Compare(Bytes.of(key), Target.VALUE, relation, Bytes.of(value), 0);
    }

    /** {@code mod_revision(key) relation revision}. */
    public static Compare modRevision(String key, Relation relation, long revision) {
        return number(Bytes.of(key), Target.MOD_REVISION, relation, revision);
    }

    /** {@code create_revision(key) relation revision}. */
    public static Compare createRevision(String key, Relation relation, long revision) {
        return number(Bytes.of(key), Target.CREATE_REVISION, relation, revision);
    }

    /** {@code version(key) relation version}. */
    public static Compare version(String key, Relation relation, long version) {
        return number(Bytes.of(key), Target.VERSION, relation, version);
    }

    /** A numeric compare on {@code key}, as bytes. */
    public static Compare number(Bytes key, Target target, Relation relation, long number) {
        if (target == Target.VALUE) {
            throw new IllegalArgumentException("a value compare takes a value operand");
        }
        return new Compare(key, target, relation, Bytes.of(new byte[0]), number);
    }

    /** Whether the guard holds for the key's current state ({@code null} when the key does not exist). */
    boolean holds(KeyValue current) {
        if (target == Target.VALUE) {
            return current != null && relation.holds(current.value().compareTo(value));
        }
        long actual = current == null ? 0 : switch (target) {
            case MOD_REVISION -> current.modRevision();
            case CREATE_REVISION -> current.createRevision();
            case VERSION -> current.version();
            case VALUE -> throw new AssertionError();
        };
        return relation.holds(Long.compare(actual, number));
    }

    @Override
    public String toString() {
        String operand = target == Target.VALUE ? value.toString() : Long.toString(number);
        return target.name().toLowerCase() + "(" + key + ") " + relation.symbol + " " + operand;
    }
}
