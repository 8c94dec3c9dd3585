package io.cairn.kv.server.apply;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.errors.KvException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * etcd's {@code "apply request took too long"} warning for the entries the apply loop runs: an entry whose apply
 * takes longer than {@code --warning-apply-duration} is logged with the time it took and what it asked for.
 *
 * <p>Why at the apply loop: etcd times a write from the start of its apply to its end, not from the client's
 * request; the time a write waits for its Raft round is not the apply's. Timing the whole request logged a line
 * for nearly every write once a loaded member's latency passed the threshold (a third of all writes on a
 * three-member cluster under 1,000 clients), and formatting those lines cost more CPU than applying them.
 */
final class SlowApplies {
    private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
    /** Bytes of a key shown in the warning; etcd's request text also shows keys, never values. */
    static final int KEY_SHOWN = 128;

    private final long warnAfterNanos;
    private final Duration warnAfter;
    private final LongSupplier nanoClock;

    /**
     * @param warnAfter entries whose apply takes longer are logged; zero turns the warning off
     * @param nanoClock measures the applies
     */
    SlowApplies(Duration warnAfter, LongSupplier nanoClock) {
        this.warnAfter = warnAfter;
        this.warnAfterNanos = warnAfter.isZero() || warnAfter.isNegative() ? Long.MAX_VALUE : warnAfter.toNanos();
        this.nanoClock = nanoClock;
    }

    static SlowApplies off() {
        return new SlowApplies(Duration.ZERO, System::nanoTime);
    }

    /** The time an apply starts, to pass to {@link #finished}. */
    long started() {
        return warnAfterNanos == Long.MAX_VALUE ? 0 : nanoClock.getAsLong();
    }

    /** Logs the apply of {@code command} if it took longer than the threshold. */
    void finished(long started, Command command, Outcome outcome) {
        if (warnAfterNanos == Long.MAX_VALUE) {
            return;
        }
        long took = nanoClock.getAsLong() - started;
        if (took <= warnAfterNanos) {
            return;
        }
        var event = LOG.atWarn().setMessage("apply request took too long")
                .addKeyValue("took", Duration.ofNanos(took))
                .addKeyValue("expected-duration", warnAfter)
                .addKeyValue("request", describe(command));
        if (outcome instanceof Outcome.Rejected r) {
            KvException e = r.error();
            event = event.addKeyValue("error", e.getMessage());
        }
        event.log();
    }

    /** What an entry asked for, as etcd's request text gives it: the operation, its keys and sizes, no values. */
    static String describe(Command command) {
        return switch (command) {
            case Command.Put p -> "put key=" + quote(p.request().getKey()) + " value_size="
                    + p.request().getValue().size() + (p.request().getLease() != 0 ? " lease=" + p.request().getLease()
                    : "");
            case Command.DeleteRange d -> "delete_range key=" + quote(d.request().getKey())
                    + (d.request().getRangeEnd().isEmpty() ? "" : " range_end=" + quote(d.request().getRangeEnd()));
            case Command.Txn t -> "txn compare=" + t.request().getCompareCount() + " success="
                    + t.request().getSuccessCount() + " failure=" + t.request().getFailureCount();
            case Command.Compact c -> "compaction revision=" + c.request().getRevision();
            case Command.LeaseGrant g -> "lease_grant id=" + g.request().getID() + " ttl=" + g.request().getTTL();
            case Command.LeaseRevoke r -> "lease_revoke id=" + r.request().getID();
            case Command.LeaseCheckpoint lc -> "lease_checkpoint leases=" + lc.checkpoints().size();
            case Command.Alarm a -> "alarm action=" + a.request().getAction() + " alarm=" + a.request().getAlarm();
            case Command.AuthChange a -> "auth " + a.request().getDescriptorForType().getName();
            case Command.MemberSet m -> "member_set id=" + Long.toHexString(m.member().getID());
            case Command.MemberAttrs m -> "member_attrs id=" + Long.toHexString(m.member().getID());
            case Command.MemberRemove m -> "member_remove id=" + Long.toHexString(m.request().getID());
            case Command.ClusterBootstrap b -> "cluster_bootstrap members=" + b.cluster().getMembersCount();
            case Command.AsUser u -> describe(u.inner()) + " user=" + u.user();
        };
    }

    /** A key as readable text: printable ASCII as is, other bytes escaped, at most {@link #KEY_SHOWN} bytes. */
    static String quote(ByteString key) {
        int shown = Math.min(key.size(), KEY_SHOWN);
        StringBuilder s = new StringBuilder(shown + 2).append('"');
        for (int i = 0; i < shown; i++) {
            int b = key.byteAt(i) & 0xff;
            if (b == '"' || b == '\\') {
                s.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7f) {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02x", b));
            }
        }
        s.append('"');
        return key.size() > shown ? s.append("...(").append(key.size()).append(" bytes)").toString() : s.toString();
    }
}
