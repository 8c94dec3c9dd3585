package io.cairn.kv.server.watch;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watchers grouped by a key (a watched key, a prefix, a start key), in a map whose value is the key's only watcher
 * or, when it has two or more, a set of them.
 *
 * <p>Why: nearly every watched key has one watcher (an informer per resource, a client per lock or leader key),
 * and a set per key costs four objects and about 180 bytes more than the watcher itself. With tens of thousands of
 * watchers that is megabytes of small objects, which the young collector copies (one pause per copy) until they are
 * promoted — on two cores, the longest stalls of a watch stream's delivery.
 *
 * <p>Not thread-safe: used under the hub's lock. A visitor must not add or remove watchers of the group it visits.
 */
final class WatcherGroups {
    /** Each value is a {@link Watcher} or a {@code Set<Watcher>} of at least two. */
    private final Map<ByteString, Object> groups;

    /** @param groups the empty map to keep the groups in (its kind decides the order of the keys) */
    WatcherGroups(Map<ByteString, Object> groups) {
        this.groups = groups;
    }

    /** Adds {@code w} under {@code key}; true when the key had no watchers before. */
    boolean add(ByteString key, Watcher w) {
        Object group = groups.get(key);
        if (group == null) {
            groups.put(key, w);
            return true;
        }
        if (group instanceof Watcher one) {
            if (one != w) {
                Set<Watcher> set = new HashSet<>(4);
                set.add(one);
                set.add(w);
                groups.put(key, set);
            }
            return false;
        }
        setOf(group).add(w);
        return false;
    }

    /** Removes {@code w} from under {@code key}; true when it was there. */
    boolean remove(ByteString key, Watcher w) {
        Object group = groups.get(key);
        if (group == w) {
            groups.remove(key);
            return true;
        }
        if (!(group instanceof Set<?>)) {
            return false;
        }
        Set<Watcher> set = setOf(group);
        if (!set.remove(w)) {
            return false;
        }
        if (set.size() == 1) {
            groups.put(key, set.iterator().next());
        }
        return true;
    }

    /** True when some watcher is grouped under {@code key}. */
    boolean has(ByteString key) {
        return groups.containsKey(key);
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }

    /** Calls {@code visitor} with each watcher grouped under {@code key}. */
    void forEach(ByteString key, Consumer<Watcher> visitor) {
        visit(groups.get(key), visitor);
    }

    /** Calls {@code visitor} with each watcher of a group taken from the map's values (nothing for null). */
    static void visit(Object group, Consumer<Watcher> visitor) {
        if (group instanceof Watcher one) {
            visitor.accept(one);
        } else if (group != null) {
            setOf(group).forEach(visitor);
        }
    }

    /** Adds every watcher to {@code out}. */
    void addAllTo(Collection<Watcher> out) {
        for (Object group : groups.values()) {
            if (group instanceof Watcher one) {
                out.add(one);
            } else {
                out.addAll(setOf(group));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Watcher> setOf(Object group) {
        return (Set<Watcher>) group;
    }
}
