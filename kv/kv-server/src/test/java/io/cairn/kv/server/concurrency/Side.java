package io.cairn.kv.server.concurrency;

/**
 * Which implementation of the Lock and Election services a test talks to, and whose etcd API is behind it.
 *
 * <p>Why: each behaviour is checked on all three, so every assertion is first shown to hold for etcd itself, then
 * for Cairn's recipes against that same etcd, then for Cairn's recipes against a Cairn member's own API.
 */
enum Side {
    /** etcd 3.4's own services. */
    ETCD,
    /** Cairn's services, their recipes calling the real etcd. */
    CAIRN_OVER_ETCD,
    /** Cairn's services, their recipes calling a Cairn member (KV, Lease and Watch as Cairn serves them). */
    CAIRN
}
