package io.cairn.kv.tests;

import java.util.List;

/**
 * The services session, {@code etcdctl-session-services.txt}: endpoint health, status and hashkv, alarms, defrag and
 * snapshot save; lease grant, put --lease, timetolive, keep-alive, list and revoke; and etcdctl's lock and elect.
 * Steps needing a service Cairn answers with {@code UNIMPLEMENTED} are skipped against Cairn.
 */
class EtcdctlServicesSessionE2eTest extends EtcdctlSessionTest {

    @Override
    String session() {
        return "etcdctl-session-services.txt";
    }

    @Override
    List<String> outputsTheSessionMustReach() {
        return List.of(
                "is healthy: successfully committed proposal",
                "\"dbSize\":<dbSize>",
                "Finished defragmenting etcd member",
                "Snapshot saved at snap.db",
                "Failed to get the hash of endpoint",
                "granted with TTL(600s)",
                "Error: failed to grant lease (etcdserver: too large lease TTL)",
                "Error: etcdserver: requested lease not found",
                "attached keys([l/1])",
                "already expired",
                "keepalived with TTL(600)",
                "revoked",
                "found 1 leases",
                "found 0 leases",
                "holding mylock/<lease-id> at revision",
                "Error: exit status 1",
                "myelection/<lease-id>\nfirst-leader\n");
    }

    @Override
    boolean throughLeader() {
        return true;
    }
}
