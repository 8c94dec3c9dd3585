package io.cairn.kv.server.concurrency;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.etcd.jetcd.api.lock.LockResponse;
import io.etcd.jetcd.api.lock.UnlockResponse;
import java.util.List;

/**
 * etcd's distributed mutex: a lock is held by the oldest key under {@code <name>/}, each contender writing
 * {@code <name>/<lease hex>} bound to its lease and queueing behind the key created just before its own.
 *
 * <p>Why: this is the recipe behind etcd's Lock service ({@code concurrency.Mutex} as of etcd 3.5), kept
 * key-for-key identical so Cairn's Lock RPC, etcdctl {@code lock} and Go or Java clients' mutexes exclude each other
 * on the same name. Holding is tied to the lease: if it expires the key goes and the next waiter gets the lock.
 */
final class Mutex {

    private final Loopback etcd;
    private final Predecessors queue;

    Mutex(Loopback etcd) {
        this.etcd = etcd;
        this.queue = new Predecessors(etcd);
    }

    /**
     * Waits until the caller holds the lock {@code name} under {@code lease} (0: a new 60 s lease), and answers with
     * the lock key. Re-entrant per lease: a lease that already holds or waits for the lock reuses its key. If the
     * wait fails or the caller goes away, the key is deleted so it does not block others.
     *
     * @throws RecipeException.SessionExpired if the key vanished while waiting (its lease expired)
     * @throws io.grpc.StatusRuntimeException if a call fails, e.g. etcd's "requested lease not found"
     * @throws InterruptedException if the waiting thread is interrupted
     */
    LockResponse lock(ByteString name, long lease) throws InterruptedException {
        Session session = Session.open(etcd, lease);
        ByteString prefix = Keys.prefix(name);
        ByteString key = Keys.sessionKey(prefix, session.lease());
        RequestOp owner = RequestOp.newBuilder().setRequestRange(Keys.firstCreated(prefix)).build();
        TxnResponse enqueued = etcd.txn(TxnRequest.newBuilder()
                .addCompare(Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.CREATE)
                        .setResult(Compare.CompareResult.EQUAL).setCreateRevision(0))
                .addSuccess(RequestOp.newBuilder().setRequestPut(
                        PutRequest.newBuilder().setKey(key).setLease(session.lease())))
                .addSuccess(owner)
                .addFailure(RequestOp.newBuilder().setRequestRange(Keys.exactly(key)))
                .addFailure(owner)
                .build());
        long myRevision = enqueued.getSucceeded()
                ? enqueued.getHeader().getRevision()
                : enqueued.getResponses(0).getResponseRange().getKvs(0).getCreateRevision();
        List<KeyValue> holder = enqueued.getResponses(1).getResponseRange().getKvsList();
        if (holder.isEmpty() || holder.getFirst().getCreateRevision() == myRevision) {
            return LockResponse.newBuilder().setHeader(enqueued.getHeader()).setKey(key).build();
        }
        RangeResponse mine;
        try {
            queue.awaitDeletion(prefix, myRevision - 1);
            mine = etcd.range(Keys.exactly(key));
        } catch (RuntimeException | InterruptedException e) {
            etcd.cleanUp(l -> l.delete(key));
            throw e;
        }
        if (mine.getKvsCount() == 0) {
            throw new RecipeException.SessionExpired();
        }
        return LockResponse.newBuilder().setHeader(mine.getHeader()).setKey(key).build();
    }

    /** Releases a lock by deleting its key; deleting a key that is gone is not an error. */
    UnlockResponse unlock(ByteString key) {
        return UnlockResponse.newBuilder().setHeader(etcd.delete(key).getHeader()).build();
    }
}
