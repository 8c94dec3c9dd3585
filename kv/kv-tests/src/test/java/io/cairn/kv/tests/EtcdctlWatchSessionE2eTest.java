package io.cairn.kv.tests;

import java.util.List;

/**
 * The watch session, {@code etcdctl-session-watch.txt}: {@code etcdctl watch} of a key, a prefix and a range, replaying
 * history with and without {@code --prev-kv} in every output format, watching live, a future start revision, an
 * empty range and compacted start revisions.
 */
class EtcdctlWatchSessionE2eTest extends EtcdctlSessionTest {

    @Override
    String session() {
        return "etcdctl-session-watch.txt";
    }

    @Override
    List<String> outputsTheSessionMustReach() {
        return List.of(
                "watch was canceled (etcdserver: mvcc: required revision has been compacted)",
                "watch was canceled (mvcc: watcher range is empty)",
                "Error: watch is canceled by the server",
                "DELETE\nw/c\n\nDELETE\nw/d\n\nDELETE\nw/e\n",
                "\"Type\" : DELETE",
                "\"prev_kv\"");
    }
}
