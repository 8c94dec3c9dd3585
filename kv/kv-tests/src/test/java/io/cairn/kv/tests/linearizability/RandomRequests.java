package io.cairn.kv.tests.linearizability;

import io.cairn.kv.tests.linearizability.Compare.Relation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random requests over a few keys, the mix a fault test sends: puts of fresh values, gets, deletes, and txns
 * guarded by value or mod-revision compares whose operands are sometimes right and sometimes wrong.
 */
final class RandomRequests {

    private final RandomGenerator random;
    private final List<String> keys;
    private int values;

    RandomRequests(RandomGenerator random, int keyCount) {
        this.random = random;
        this.keys = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            keys.add("k" + i);
        }
    }

    Request next() {
        int dice = random.nextInt(100);
        if (dice < 35) {
            return random.nextInt(5) == 0 ? Request.putWithPrevKv(key(), value()) : Request.put(key(), value());
        } else if (dice < 65) {
            return Request.get(key());
        } else if (dice < 75) {
            return Request.delete(key());
        }
        return txn();
    }

    private Request.Txn txn() {
        List<Compare> compares = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            Relation relation = Relation.values()[random.nextInt(Relation.values().length)];
            compares.add(random.nextBoolean()
                    ? Compare.value(key(), relation, "v" + random.nextInt(Math.max(1, values)))
                    : Compare.modRevision(key(), relation, random.nextInt(values + 2)));
        }
        return Request.txn(compares, branch(), branch());
    }

    /** Up to three operations on distinct keys, as etcd requires of a branch's writes. */
    private List<Request.TxnOp> branch() {
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, random);
        List<Request.TxnOp> ops = new ArrayList<>();
        for (int i = random.nextInt(Math.min(3, keys.size()) + 1) - 1; i >= 0; i--) {
            String key = shuffled.get(i);
            ops.add(switch (random.nextInt(3)) {
                case 0 -> Request.put(key, value());
                case 1 -> Request.get(key);
                default -> Request.delete(key);
            });
        }
        return ops;
    }

    private String key() {
        return keys.get(random.nextInt(keys.size()));
    }

    private String value() {
        return "v" + values++;
    }
}
