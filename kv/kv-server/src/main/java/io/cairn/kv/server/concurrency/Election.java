package io.cairn.kv.server.concurrency;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CampaignResponse;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.LeaderKey;
import io.etcd.jetcd.api.LeaderResponse;
import io.etcd.jetcd.api.ProclaimResponse;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.ResignResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.Context;

/**
 * etcd's leader election: candidates write {@code <name>/<lease hex>} bound to their lease and the oldest such key
 * is the leader; its value is the leader's proclamation.
 *
 * <p>Why: this is the recipe behind etcd's Election service ({@code concurrency.Election}), kept key-for-key
 * identical so Cairn's Election RPCs and Go or Java clients' elections agree on one leader. A leader key is
 * identified by its key and create revision, so a stale {@link LeaderKey} (the key was deleted and re-created)
 * can neither proclaim nor resign for the new incarnation.
 */
final class Election {

    private final Loopback etcd;
    private final Predecessors queue;

    Election(Loopback etcd) {
        this.etcd = etcd;
        this.queue = new Predecessors(etcd);
    }

    /**
     * Waits until the caller leads {@code name} under {@code lease} (0: a new 60 s lease) with {@code value}. A lease
     * that already campaigns keeps its key and, if the value differs, proclaims the new one. If the caller goes away
     * while waiting its key is resigned; the header is that of the write that entered the campaign.
     *
     * @throws RecipeException.NotLeader if the existing key changed under it while re-proclaiming
     * @throws io.grpc.StatusRuntimeException if a call fails
     * @throws InterruptedException if the waiting thread is interrupted
     */
    CampaignResponse campaign(ByteString name, long lease, ByteString value) throws InterruptedException {
        Session session = Session.open(etcd, lease);
        ByteString prefix = Keys.prefix(name);
        ByteString key = Keys.sessionKey(prefix, session.lease());
        TxnResponse entered = etcd.txn(TxnRequest.newBuilder()
                .addCompare(createRevisionIs(key, 0))
                .addSuccess(RequestOp.newBuilder().setRequestPut(
                        PutRequest.newBuilder().setKey(key).setValue(value).setLease(session.lease())))
                .addFailure(RequestOp.newBuilder().setRequestRange(Keys.exactly(key)))
                .build());
        long revision = entered.getHeader().getRevision();
        if (!entered.getSucceeded()) {
            KeyValue existing = entered.getResponses(0).getResponseRange().getKvs(0);
            revision = existing.getCreateRevision();
            if (!existing.getValue().equals(value)) {
                try {
                    proclaim(key, revision, session, value);
                } catch (RuntimeException e) {
                    resignQuietly(etcd, key, revision);
                    throw e;
                }
            }
        }
        long leaderRevision = revision;
        try {
            queue.awaitDeletion(prefix, leaderRevision - 1);
        } catch (RuntimeException | InterruptedException e) {
            if (Context.current().isCancelled()) {
                etcd.cleanUp(l -> resignQuietly(l, key, leaderRevision));
            }
            throw e;
        }
        return CampaignResponse.newBuilder()
                .setHeader(entered.getHeader())
                .setLeader(LeaderKey.newBuilder().setName(name).setKey(key).setRev(leaderRevision)
                        .setLease(session.lease()))
                .build();
    }

    /**
     * Replaces the value of {@code leader} if it still leads: its key still exists with the same create revision.
     * The key is re-written with the leader key's lease (0: a new 60 s lease, as etcd's session gives).
     *
     * @throws RecipeException.NotLeader if {@code leader}'s key no longer exists with that create revision
     */
    ProclaimResponse proclaim(LeaderKey leader, ByteString value) {
        Session session = Session.open(etcd, leader.getLease());
        return ProclaimResponse.newBuilder()
                .setHeader(proclaim(leader.getKey(), leader.getRev(), session, value))
                .build();
    }

    /**
     * Gives up leadership (or candidacy) by deleting {@code leader}'s key if it still has the same create revision;
     * a key that is gone or re-created is left alone and the call still succeeds, as in etcd.
     */
    ResignResponse resign(LeaderKey leader) {
        Session.open(etcd, leader.getLease());
        TxnResponse resigned = resign(etcd, leader.getKey(), leader.getRev());
        return ResignResponse.newBuilder().setHeader(resigned.getHeader()).build();
    }

    /**
     * The current leader's key-value: the oldest key under {@code <name>/}.
     *
     * @throws RecipeException.NoLeader if there is none
     */
    LeaderResponse leader(ByteString name) {
        RangeResponse first = etcd.range(Keys.firstCreated(Keys.prefix(name)));
        if (first.getKvsCount() == 0) {
            throw new RecipeException.NoLeader();
        }
        return LeaderResponse.newBuilder().setHeader(first.getHeader()).setKv(first.getKvs(0)).build();
    }

    private ResponseHeader proclaim(ByteString key, long createRevision, Session session, ByteString value) {
        TxnResponse put = etcd.txn(TxnRequest.newBuilder()
                .addCompare(createRevisionIs(key, createRevision))
                .addSuccess(RequestOp.newBuilder().setRequestPut(
                        PutRequest.newBuilder().setKey(key).setValue(value).setLease(session.lease())))
                .build());
        if (!put.getSucceeded()) {
            throw new RecipeException.NotLeader();
        }
        return put.getHeader();
    }

    private static TxnResponse resign(Loopback etcd, ByteString key, long createRevision) {
        return etcd.txn(TxnRequest.newBuilder()
                .addCompare(createRevisionIs(key, createRevision))
                .addSuccess(RequestOp.newBuilder().setRequestDeleteRange(
                        DeleteRangeRequest.newBuilder().setKey(key)))
                .build());
    }

    private static void resignQuietly(Loopback etcd, ByteString key, long createRevision) {
        try {
            resign(etcd, key, createRevision);
        } catch (RuntimeException ignored) {
            // As in etcd: the original failure is what the caller hears about.
        }
    }

    private static Compare createRevisionIs(ByteString key, long revision) {
        return Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.CREATE)
                .setResult(Compare.CompareResult.EQUAL).setCreateRevision(revision).build();
    }
}
