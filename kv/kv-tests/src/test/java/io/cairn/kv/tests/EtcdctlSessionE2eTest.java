package io.cairn.kv.tests;

import java.util.List;

/**
 * The KV session, {@code etcdctl-session.txt}: put, get (ranges, sorting, history), del, txn and compaction, with
 * their errors.
 */
class EtcdctlSessionE2eTest extends EtcdctlSessionTest {

    @Override
    String session() {
        return "etcdctl-session.txt";
    }

    @Override
    List<String> outputsTheSessionMustReach() {
        return List.of(
                "Error: etcdserver: mvcc: required revision has been compacted",
                "Error: etcdserver: mvcc: required revision is a future revision",
                "Error: etcdserver: key is not provided",
                "Error: etcdserver: duplicate key given in txn request",
                "Error: etcdserver: too many operations in txn request",
                "compacted revision");
    }
}
