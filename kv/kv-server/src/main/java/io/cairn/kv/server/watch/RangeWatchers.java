package io.cairn.kv.server.watch;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The synced watchers of key ranges, indexed so that finding those whose range holds a key does not visit the
 * others.
 *
 * <p>Why: matching every event against every range watcher costs O(watchers) per event — about a millisecond of
 * the apply thread per event with 10,000 prefix watchers. Nearly all range watches are prefixes ({@code --prefix},
 * an informer's resource prefix) or open-ended ({@code --from-key}); those are looked up by the key's own
 * prefixes (one hash lookup per distinct prefix length in use) and by a sorted map of start keys. Other intervals
 * are rare and still matched one by one.
 *
 * <p>Not thread-safe: used under the hub's lock.
 */
final class RangeWatchers {
    private static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();

    /** Prefix watchers by their prefix. */
    private final WatcherGroups byPrefix = new WatcherGroups(new HashMap<>());
    /** The lengths of the prefixes in {@link #byPrefix}, each with the number of prefixes of that length. */
    private final NavigableMap<Integer, Integer> prefixLengths = new TreeMap<>();
    /** Watchers of every key at or after a start key, by start key (values as in {@link WatcherGroups}). */
    private final NavigableMap<ByteString, Object> fromKeyMap = new TreeMap<>(ORDER);
    private final WatcherGroups fromKey = new WatcherGroups(fromKeyMap);
    /** Watchers of any other interval. */
    private final Set<Watcher> other = new HashSet<>();
    private int size;

    void add(Watcher w) {
        ByteString prefix = prefixOf(w);
        if (prefix != null) {
            if (byPrefix.add(prefix, w)) {
                prefixLengths.merge(prefix.size(), 1, Integer::sum);
            }
        } else if (w.range.isUnbounded()) {
            fromKey.add(w.range.key(), w);
        } else {
            other.add(w);
        }
        size++;
    }

    void remove(Watcher w) {
        boolean removed;
        ByteString prefix = prefixOf(w);
        if (prefix != null) {
            removed = byPrefix.remove(prefix, w);
            if (removed && !byPrefix.has(prefix)) {
                prefixLengths.computeIfPresent(prefix.size(), (len, n) -> n == 1 ? null : n - 1);
            }
        } else if (w.range.isUnbounded()) {
            removed = fromKey.remove(w.range.key(), w);
        } else {
            removed = other.remove(w);
        }
        if (removed) {
            size--;
        }
    }

    int size() {
        return size;
    }

    /** Calls {@code visitor} with every watcher whose range holds {@code key} (and perhaps a few that do not). */
    void candidates(ByteString key, Consumer<Watcher> visitor) {
        if (!byPrefix.isEmpty()) {
            for (int length : prefixLengths.headMap(key.size(), true).keySet()) {
                byPrefix.forEach(key.substring(0, length), visitor);
            }
        }
        if (!fromKey.isEmpty()) {
            for (Object group : fromKeyMap.headMap(key, true).values()) {
                WatcherGroups.visit(group, visitor);
            }
        }
        other.forEach(visitor);
    }

    /** Adds every watcher to {@code out}. */
    void addAllTo(Collection<Watcher> out) {
        byPrefix.addAllTo(out);
        fromKey.addAllTo(out);
        out.addAll(other);
    }

    /** The watcher's prefix when its range is exactly "every key starting with a non-empty prefix", else null. */
    private static ByteString prefixOf(Watcher w) {
        ByteString key = w.range.key();
        if (key.isEmpty() || w.range.isSingleKey() || w.range.isUnbounded()) {
            return null;
        }
        return w.range.end().equals(prefixEnd(key)) ? key : null;
    }

    /**
     * The end of the range of keys starting with {@code prefix} (etcd's {@code GetPrefixRangeEnd}): the prefix
     * with its last byte below 0xff incremented and what follows dropped; {@code null} when every byte is 0xff
     * (then the range is open-ended).
     */
    static ByteString prefixEnd(ByteString prefix) {
        for (int i = prefix.size() - 1; i >= 0; i--) {
            int b = prefix.byteAt(i) & 0xff;
            if (b < 0xff) {
                byte[] end = prefix.substring(0, i + 1).toByteArray();
                end[i] = (byte) (b + 1);
                return ByteString.copyFrom(end);
            }
        }
        return null;
    }
}
