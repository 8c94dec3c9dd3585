package io.cairn.kv.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.mvcc.KeyRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatcherGroupsTest {

    private static Watcher watcher(long id, ByteString key) {
        return new Watcher(null, id, KeyRange.single(key), false, false, false, false, false, 1);
    }

    private static Set<Watcher> visited(WatcherGroups groups, ByteString key) {
        Set<Watcher> out = new HashSet<>();
        groups.forEach(key, w -> assertThat(out.add(w)).as("watcher %d visited twice", w.id).isTrue());
        return out;
    }

    @Test
    void aKeyWithOneWatcherHoldsTheWatcherItselfAndTwoOrMoreHoldASet() {
        Map<ByteString, Object> map = new HashMap<>();
        WatcherGroups groups = new WatcherGroups(map);
        ByteString k = ByteString.copyFromUtf8("k");
        Watcher a = watcher(1, k);
        Watcher b = watcher(2, k);

        assertThat(groups.add(k, a)).isTrue();
        assertThat(map.get(k)).isSameAs(a);
        assertThat(groups.add(k, a)).as("adding the same watcher again").isFalse();
        assertThat(map.get(k)).isSameAs(a);

        assertThat(groups.add(k, b)).isFalse();
        assertThat(map.get(k)).isInstanceOf(Set.class);
        assertThat(visited(groups, k)).containsExactlyInAnyOrder(a, b);

        assertThat(groups.remove(k, a)).isTrue();
        assertThat(map.get(k)).as("back to the single watcher").isSameAs(b);
        assertThat(groups.remove(k, a)).as("already removed").isFalse();
        assertThat(groups.remove(k, b)).isTrue();
        assertThat(map).isEmpty();
        assertThat(groups.has(k)).isFalse();
        assertThat(groups.isEmpty()).isTrue();
        assertThat(visited(groups, k)).isEmpty();
    }

    @Test
    void removingAWatcherOfAnotherKeyChangesNothing() {
        WatcherGroups groups = new WatcherGroups(new HashMap<>());
        ByteString k = ByteString.copyFromUtf8("k");
        ByteString other = ByteString.copyFromUtf8("other");
        Watcher a = watcher(1, k);
        groups.add(k, a);
        assertThat(groups.remove(other, a)).isFalse();
        assertThat(groups.remove(k, watcher(2, k))).isFalse();
        assertThat(visited(groups, k)).containsExactly(a);
    }

    @Test
    void matchesAMapOfSetsAsWatchersComeAndGo() {
        Random random = new Random(7);
        WatcherGroups groups = new WatcherGroups(new HashMap<>());
        Map<ByteString, Set<Watcher>> model = new HashMap<>();
        List<Watcher> live = new ArrayList<>();
        ByteString[] keys = new ByteString[6];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ByteString.copyFromUtf8("key" + i);
        }
        for (int step = 0; step < 20_000; step++) {
            if (live.isEmpty() || (live.size() < 40 && random.nextBoolean())) {
                ByteString k = keys[random.nextInt(keys.length)];
                Watcher w = watcher(step, k);
                boolean wasEmpty = !model.containsKey(k);
                assertThat(groups.add(k, w)).isEqualTo(wasEmpty);
                model.computeIfAbsent(k, x -> new HashSet<>()).add(w);
                live.add(w);
            } else {
                Watcher w = live.remove(random.nextInt(live.size()));
                ByteString k = w.range.key();
                assertThat(groups.remove(k, w)).isTrue();
                Set<Watcher> set = model.get(k);
                set.remove(w);
                if (set.isEmpty()) {
                    model.remove(k);
                }
            }
            for (ByteString k : keys) {
                assertThat(visited(groups, k)).isEqualTo(model.getOrDefault(k, Set.of()));
                assertThat(groups.has(k)).isEqualTo(model.containsKey(k));
            }
            List<Watcher> all = new ArrayList<>();
            groups.addAllTo(all);
            assertThat(all).hasSameSizeAs(live);
            assertThat(new HashSet<>(all)).isEqualTo(new HashSet<>(live));
        }
    }
}
