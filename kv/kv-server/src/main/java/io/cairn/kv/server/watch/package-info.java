/**
 * etcd's watch: many watchers per stream, replay from history, live fan-out of committed revisions, and
 * catch-up from storage for watchers that fell behind (etcd's synced / unsynced / victim groups).
 */
package io.cairn.kv.server.watch;
