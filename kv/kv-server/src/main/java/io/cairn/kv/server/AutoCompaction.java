package io.cairn.kv.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * etcd's {@code --auto-compaction-mode} / {@code --auto-compaction-retention}, as a policy ticked by a
 * scheduler: it decides when to compact and to which revision; the caller proposes the compaction.
 *
 * <ul>
 *   <li>{@code periodic}: keep {@code retention} of history. The current revision is sampled every tenth of the
 *       compaction interval (the retention, at most one hour); once per interval the store is compacted to the
 *       newest sample that is at least {@code retention} old. A bare number is hours, as in etcd
 *       ({@code "1"} = 1 h); Go durations ({@code "30m"}, {@code "1h30m"}) are accepted.</li>
 *   <li>{@code revision}: every 5 minutes, keep the latest {@code retention} revisions.</li>
 * </ul>
 * Time comes from the injected clock, so tests drive it.
 */
final class AutoCompaction {

    /** How often revision mode checks, as etcd. */
    static final Duration REVISION_CHECK = Duration.ofMinutes(5);

    private record Sample(long atMillis, long revision) {
    }

    private final boolean periodic;
    private final long retentionMillis;
    private final long retentionRevisions;
    private final long intervalMillis;
    private final LongSupplier clock;
    private final LongSupplier currentRevision;
    private final LongConsumer compact;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private long lastCompactionAt;
    private long lastCompacted;

    private AutoCompaction(boolean periodic, long retentionMillis, long retentionRevisions, LongSupplier clock,
                           LongSupplier currentRevision, LongConsumer compact) {
        this.periodic = periodic;
        this.retentionMillis = retentionMillis;
        this.retentionRevisions = retentionRevisions;
        this.intervalMillis = periodic ? Math.min(retentionMillis, Duration.ofHours(1).toMillis()) : 0;
        this.clock = clock;
        this.currentRevision = currentRevision;
        this.compact = compact;
        this.lastCompactionAt = clock.getAsLong();
    }

    /**
     * The policy for the given flags, or {@code null} when auto-compaction is off (retention "0").
     *
     * @throws IllegalArgumentException if the retention cannot be parsed for the mode
     */
    static AutoCompaction of(String mode, String retention, LongSupplier clock, LongSupplier currentRevision,
                             LongConsumer compact) {
        String r = retention.trim();
        if (r.isEmpty() || r.equals("0")) {
            return null;
        }
        if (mode.equals("revision")) {
            long n;
            try {
                n = Long.parseLong(r);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--auto-compaction-retention=" + retention
                        + " is not a revision count (mode revision)");
            }
            if (n < 0) {
                throw new IllegalArgumentException("--auto-compaction-retention must not be negative");
            }
            return n == 0 ? null : new AutoCompaction(false, 0, n, clock, currentRevision, compact);
        }
        long millis = GoDuration.parseRetention(r).toMillis();
        return millis == 0 ? null : new AutoCompaction(true, millis, 0, clock, currentRevision, compact);
    }

    /** How often {@link #tick()} should run. */
    Duration tickInterval() {
        return periodic ? Duration.ofMillis(Math.max(1, intervalMillis / 10)) : REVISION_CHECK;
    }

    /** Samples and, when due, compacts. */
    void tick() {
        long now = clock.getAsLong();
        long rev = currentRevision.getAsLong();
        if (!periodic) {
            long target = rev - retentionRevisions;
            if (target > 0 && target > lastCompacted) {
                compact.accept(target);
                lastCompacted = target;
            }
            return;
        }
        samples.addLast(new Sample(now, rev));
        if (now - lastCompactionAt < intervalMillis) {
            return;
        }
        Sample target = null;
        while (!samples.isEmpty() && now - samples.peekFirst().atMillis() >= retentionMillis) {
            target = samples.pollFirst();
        }
        if (target != null && target.revision() > lastCompacted) {
            compact.accept(target.revision());
            lastCompacted = target.revision();
            lastCompactionAt = now;
        }
    }
}
