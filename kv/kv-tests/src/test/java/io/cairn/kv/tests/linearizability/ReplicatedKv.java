package io.cairn.kv.tests.linearizability;

import java.util.ArrayList;
import java.util.List;

/**
 * A two-replica store simulation with a deliberate bug available: writes go through a replicated log that the
 * current leader applies; the old leader applies the same log until it is partitioned away after
 * {@code partitionAfterWrites} writes, and from then on falls behind. With {@link Reads#OLD_LEADER} reads are served
 * from the old leader's local state, as a serializable read on a paused or partitioned old leader would be; with
 * {@link Reads#CURRENT_LEADER} they are served by the leader, which is linearizable.
 */
final class ReplicatedKv implements KvService {

    /** Which replica serves read-only requests. */
    enum Reads { CURRENT_LEADER, OLD_LEADER }

    private final Reads reads;
    private final int partitionAfterWrites;
    private final List<Request> log = new ArrayList<>();
    private final SimpleKv leader = new SimpleKv(1);
    private final SimpleKv oldLeader = new SimpleKv(1);
    private int oldLeaderApplied;

    ReplicatedKv(Reads reads, int partitionAfterWrites) {
        this.reads = reads;
        this.partitionAfterWrites = partitionAfterWrites;
    }

    @Override
    public Response execute(Request request) {
        if (!request.mayWrite() && reads == Reads.OLD_LEADER) {
            return oldLeader.execute(request);
        }
        Response response = leader.execute(request);
        if (request.mayWrite()) {
            log.add(request);
        }
        while (oldLeaderApplied < Math.min(log.size(), partitionAfterWrites)) {
            oldLeader.execute(log.get(oldLeaderApplied++));
        }
        return response;
    }
}
