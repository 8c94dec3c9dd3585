package io.cairn.kv.server.rpc;

import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.consensus.Consensus;
import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmType;
import java.util.concurrent.atomic.AtomicBoolean;

/** Raises this member's NOSPACE alarm through the log, once at a time (concurrent writers don't each propose). */
final class NoSpaceRaiser implements Runnable {
    private final Consensus consensus;
    private final long memberId;
    private final AtomicBoolean inFlight = new AtomicBoolean();

    NoSpaceRaiser(Consensus consensus, long memberId) {
        this.consensus = consensus;
        this.memberId = memberId;
    }

    @Override
    public void run() {
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        AlarmRequest r = AlarmRequest.newBuilder().setAction(AlarmRequest.AlarmAction.ACTIVATE)
                .setMemberID(memberId).setAlarm(AlarmType.NOSPACE).build();
        consensus.propose(new Command.Alarm(r).encode()).whenComplete((v, e) -> inFlight.set(false));
    }
}
