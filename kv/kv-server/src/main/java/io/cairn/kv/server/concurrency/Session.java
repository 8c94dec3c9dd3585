package io.cairn.kv.server.concurrency;

/**
 * The lease a Lock or Election request acts under.
 *
 * <p>Why: etcd's services open a client session for each request with the caller's lease and orphan it at once
 * (the caller keeps its own lease alive). A request without a lease (0) therefore gets a new lease of the session's
 * default 60 seconds, which its key is then bound to; we match that, since it decides how long such a key lives.
 *
 * @param lease the lease id keys are written with
 */
record Session(long lease) {

    /** etcd's default session TTL ({@code concurrency.defaultSessionTTL}), in seconds. */
    static final long DEFAULT_TTL_SECONDS = 60;

    /** The caller's lease, or a new {@link #DEFAULT_TTL_SECONDS} lease if the caller gave none. */
    static Session open(Loopback etcd, long requestedLease) {
        return new Session(requestedLease != 0 ? requestedLease : etcd.grant(DEFAULT_TTL_SECONDS));
    }
}
