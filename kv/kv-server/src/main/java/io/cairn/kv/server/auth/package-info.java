/**
 * etcd's authentication and authorization: users, roles, key-range permissions, the {@code root} rules, the
 * auth revision, password hashing and the two token kinds (simple and JWT).
 *
 * <p>Why a package of its own: the replicated auth state changes only through the Raft log (the apply package
 * calls {@link io.cairn.kv.server.auth.AuthStore}), while the checks run both at the gRPC edge (reads) and at
 * apply (writes, as etcd checks them); keeping state, checks and tokens here lets both sides share one
 * implementation without importing gRPC.
 */
package io.cairn.kv.server.auth;
