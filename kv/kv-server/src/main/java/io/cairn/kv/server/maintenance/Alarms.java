package io.cairn.kv.server.maintenance;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Cursor;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.mvcc.WriteTxn;
import io.cairn.kv.server.schema.Schema;
import io.etcd.jetcd.api.AlarmMember;
import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The cluster's raised alarms (etcd's alarm store), replicated through the log and kept in the meta table.
 *
 * <p>While a NOSPACE alarm is raised the store takes no more data — puts, putting txns and lease grants fail
 * with {@code etcdserver: mvcc: database space exceeded} — until an operator compacts, defragments and disarms.
 */
public final class Alarms {

    private record Raised(long memberId, AlarmType type) {
    }

    private final Set<Raised> raised = new CopyOnWriteArraySet<>();

    /** Loads the alarms stored in {@code backend}. */
    public Alarms(Backend backend) {
        reload(backend);
    }

    /** Reads the alarms again from {@code backend} (after a snapshot was installed). */
    public void reload(Backend backend) {
        raised.clear();
        byte[] prefix = Schema.META_ALARM_PREFIX;
        try (Cursor c = backend.cursor(Table.META)) {
            for (c.seek(prefix); c.valid(); c.next()) {
                byte[] k = c.key();
                if (k.length != prefix.length + 12 || !java.util.Arrays.equals(k, 0, prefix.length, prefix, 0,
                        prefix.length)) {
                    break;
                }
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(k, prefix.length, 12);
                raised.add(new Raised(b.getLong(), AlarmType.forNumber(b.getInt())));
            }
        }
    }

    /** True while a NOSPACE alarm is raised by any member. */
    public boolean noSpace() {
        for (Raised r : raised) {
            if (r.type() == AlarmType.NOSPACE) {
                return true;
            }
        }
        return false;
    }

    /** Every raised alarm (of {@code type}, or all for NONE). */
    public List<AlarmMember> list(AlarmType type) {
        List<AlarmMember> out = new ArrayList<>();
        for (Raised r : raised) {
            if (type == AlarmType.NONE || r.type() == type) {
                out.add(member(r));
            }
        }
        return out;
    }

    private static AlarmMember member(Raised r) {
        return AlarmMember.newBuilder().setMemberID(r.memberId()).setAlarm(r.type()).build();
    }

    /**
     * Applies an Alarm request (activate / deactivate through the log).
     *
     * @return the alarms the request changed
     */
    public List<AlarmMember> apply(WriteTxn w, AlarmRequest r) {
        Raised target = new Raised(r.getMemberID(), r.getAlarm());
        return switch (r.getAction()) {
            case ACTIVATE -> {
                if (r.getAlarm() == AlarmType.NONE) {
                    yield List.of();
                }
                w.putMeta(Schema.alarmKey(r.getMemberID(), r.getAlarmValue()), new byte[0]);
                raised.add(target);
                yield List.of(member(target));
            }
            case DEACTIVATE -> {
                if (!raised.contains(target)) {
                    yield List.of();
                }
                w.deleteMeta(Schema.alarmKey(r.getMemberID(), r.getAlarmValue()));
                raised.remove(target);
                yield List.of(member(target));
            }
            default -> list(r.getAlarm());
        };
    }

    /** etcd's text form of an alarm, as {@code Status.errors} lists it. */
    public static String describe(AlarmMember m) {
        return "memberID:" + Long.toUnsignedString(m.getMemberID()) + " alarm:" + m.getAlarm().name() + " ";
    }
}
