/**
 * Integration and end-to-end tests of Cairn's etcd v3 surface (KV, Watch, Lease, Lock, Election, Maintenance,
 * Cluster), driven by real clients (jetcd, the raw gRPC stubs generated from etcd's protos, the real {@code etcdctl})
 * against real server processes. Tests of a service Cairn answers with {@code UNIMPLEMENTED} are skipped on Cairn
 * only (see {@link io.cairn.kv.tests.EtcdService}).
 *
 * <p>Why: compatibility claims only mean something when they are checked with the clients users actually run, and
 * against the system being imitated. Every conformance class is written once and runs against both a real etcd
 * ({@link io.cairn.kv.tests.EtcdProcess}) and Cairn ({@link io.cairn.kv.tests.CairnProcess}), each as a separate OS
 * process (the server's Netty and the client's Netty cannot share a classpath).
 */
package io.cairn.kv.tests;
