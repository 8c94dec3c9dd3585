/** etcd's request semantics over the MVCC store: Range options, Txn compares and paths, request checks. */
package io.cairn.kv.server.txn;
