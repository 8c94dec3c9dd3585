/**
 * etcd's multi-version keyspace on the {@link io.cairn.kv.server.backend.Backend}: revisions, versions,
 * tombstones, historical reads and compaction.
 */
package io.cairn.kv.server.mvcc;
