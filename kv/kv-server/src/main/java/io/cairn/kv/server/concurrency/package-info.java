/**
 * etcd's Lock ({@code v3lockpb.Lock}) and Election ({@code v3electionpb.Election}) services, built the way etcd
 * builds them: as client recipes (a mutex and an election over Txn, Lease and Watch) that call the member's own
 * etcd API through a loopback gRPC channel.
 *
 * <p>The only public type is {@link io.cairn.kv.server.concurrency.ConcurrencyServices}. The recipes know nothing
 * of Cairn's internals: they use the public etcd API only, so they run unchanged against a real etcd, which is how
 * their tests check them. Waits (for a lock, for leadership, for the next leader) run on virtual threads in the
 * caller's gRPC context, so a caller's deadline or cancellation ends the wait and the recipe cleans up its key.
 */
package io.cairn.kv.server.concurrency;
