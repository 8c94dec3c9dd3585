/** etcd's leases: grant, revoke, keep-alive, expiry decided by the leader and applied through the log, checkpoints. */
package io.cairn.kv.server.lease;
