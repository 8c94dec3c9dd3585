package io.cairn.kv.server.auth;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Permission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One user's read and write rights, merged over all its roles into disjoint sorted key intervals.
 *
 * <p>Why merged: etcd answers "may this user read [a, b)?" with "is [a, b) covered by the union of the
 * user's intervals?", so two roles granting [a, m) and [m, z) together allow a range over [a, z). Merging once
 * per auth change makes each check a binary search. A permission with an empty range end is the single key; a
 * range end of {@code "\0"} means every key from {@code key} on (an open end, written {@code null} here).
 */
final class RangePermissions {

    /** A half-open interval [begin, end); {@code end == null} is unbounded. */
    record Interval(ByteString begin, ByteString end) {
    }

    private static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();
    private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

    static final RangePermissions NONE = new RangePermissions(List.of(), List.of());

    private final List<Interval> read;
    private final List<Interval> write;

    private RangePermissions(List<Interval> read, List<Interval> write) {
        this.read = read;
        this.write = write;
    }

    /** The merged rights of {@code permissions} (all of a user's roles). */
    static RangePermissions of(List<Permission> permissions) {
        List<Interval> read = new ArrayList<>();
        List<Interval> write = new ArrayList<>();
        for (Permission p : permissions) {
            Interval i = intervalOf(p.getKey(), p.getRangeEnd());
            switch (p.getPermType()) {
                case READ -> read.add(i);
                case WRITE -> write.add(i);
                case READWRITE -> {
                    read.add(i);
                    write.add(i);
                }
                default -> { } // an unknown type grants nothing
            }
        }
        return new RangePermissions(merge(read), merge(write));
    }

    private static Interval intervalOf(ByteString key, ByteString rangeEnd) {
        if (rangeEnd.isEmpty()) {
            return new Interval(key, key.concat(ZERO)); // the single key
        }
        return new Interval(key, rangeEnd.equals(ZERO) ? null : rangeEnd);
    }

    private static int compareEnd(ByteString a, ByteString b) {
        if (a == null) {
            return b == null ? 0 : 1;
        }
        return b == null ? -1 : ORDER.compare(a, b);
    }

    /** Sorts and joins overlapping or touching intervals. */
    static List<Interval> merge(List<Interval> in) {
        List<Interval> sorted = new ArrayList<>(in);
        sorted.removeIf(i -> i.end() != null && ORDER.compare(i.begin(), i.end()) >= 0); // empty intervals
        sorted.sort((a, b) -> ORDER.compare(a.begin(), b.begin()));
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            if (!out.isEmpty()) {
                Interval last = out.getLast();
                if (last.end() == null || ORDER.compare(i.begin(), last.end()) <= 0) {
                    out.set(out.size() - 1, new Interval(last.begin(),
                            compareEnd(i.end(), last.end()) > 0 ? i.end() : last.end()));
                    continue;
                }
            }
            out.add(i);
        }
        return List.copyOf(out);
    }

    boolean mayRead(ByteString key, ByteString rangeEnd) {
        return allows(read, key, rangeEnd);
    }

    boolean mayWrite(ByteString key, ByteString rangeEnd) {
        return allows(write, key, rangeEnd);
    }

    /**
     * etcd's rule: an empty range end asks for the single key (some interval contains it); otherwise the whole
     * range [key, rangeEnd) — open-ended for {@code "\0"} — must be covered.
     */
    private static boolean allows(List<Interval> merged, ByteString key, ByteString rangeEnd) {
        Interval holder = containing(merged, key);
        if (holder == null) {
            return false;
        }
        if (rangeEnd.isEmpty()) {
            return true;
        }
        ByteString end = rangeEnd.equals(ZERO) ? null : rangeEnd;
        return compareEnd(end, holder.end()) <= 0;
    }

    /** The merged interval holding {@code key}, or null. */
    private static Interval containing(List<Interval> merged, ByteString key) {
        int lo = 0;
        int hi = merged.size() - 1;
        Interval found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ORDER.compare(merged.get(mid).begin(), key) <= 0) {
                found = merged.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found == null || (found.end() != null && ORDER.compare(key, found.end()) >= 0)) {
            return null;
        }
        return found;
    }
}
