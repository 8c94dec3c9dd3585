/**
 * The etcd v3 wire contract as Cairn uses it: the generated service bases and messages come from the
 * {@code io.etcd:jetcd-grpc} artifact (package {@code io.etcd.jetcd.api}); this package adds etcd's exact error
 * catalogue. Nothing here depends on a server.
 */
package io.cairn.kv.api;
