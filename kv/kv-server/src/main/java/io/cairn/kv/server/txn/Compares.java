package io.cairn.kv.server.txn;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.mvcc.KeyRange;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KeyValue;
import java.util.List;

/**
 * Evaluates a Txn's compares as etcd does: every key in a compare's range must satisfy it; a range with no key
 * compares as an absent key (zero revisions, version and lease), except that a VALUE compare on no key fails.
 */
final class Compares {

    private Compares() {
    }

    static boolean all(RangeSource view, List<Compare> compares) {
        for (Compare c : compares) {
            if (!holds(view, c)) {
                return false;
            }
        }
        return true;
    }

    static boolean holds(RangeSource view, Compare c) {
        List<KeyValue> kvs = view.range(KeyRange.of(c.getKey(), c.getRangeEnd()), 0, 0, false).kvs();
        if (kvs.isEmpty()) {
            if (c.getTarget() == Compare.CompareTarget.VALUE) {
                return false;
            }
            return compare(c, KeyValue.getDefaultInstance());
        }
        for (KeyValue kv : kvs) {
            if (!compare(c, kv)) {
                return false;
            }
        }
        return true;
    }

    /** etcd's LEASE compare target; the Compare message of the etcd API artifact predates it. */
    private static final int TARGET_LEASE = 4;
    /** Field number of {@code Compare.lease} (in the {@code target_union} oneof). */
    private static final int FIELD_LEASE = 8;

    private static long leaseOf(Compare c) {
        var field = c.getUnknownFields().getField(FIELD_LEASE);
        return field == null || field.getVarintList().isEmpty() ? 0 : field.getVarintList().getLast();
    }

    private static boolean compare(Compare c, KeyValue kv) {
        if (c.getTargetValue() == TARGET_LEASE) {
            return result(c, Long.compare(kv.getLease(), leaseOf(c)));
        }
        int r = switch (c.getTarget()) {
            case VALUE -> ByteString.unsignedLexicographicalComparator().compare(kv.getValue(), c.getValue());
            case CREATE -> Long.compare(kv.getCreateRevision(), c.getCreateRevision());
            case MOD -> Long.compare(kv.getModRevision(), c.getModRevision());
            case VERSION -> Long.compare(kv.getVersion(), c.getVersion());
            case UNRECOGNIZED -> 0;
        };
        return result(c, r);
    }

    private static boolean result(Compare c, int r) {
        return switch (c.getResult()) {
            case EQUAL -> r == 0;
            case NOT_EQUAL -> r != 0;
            case GREATER -> r > 0;
            case LESS -> r < 0;
            case UNRECOGNIZED -> false;
        };
    }
}
