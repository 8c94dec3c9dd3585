package io.cairn.kv.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.mvcc.KeyRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RangeWatchersTest {
    private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

    private static Watcher watcher(long id, KeyRange range) {
        return new Watcher(null, id, range, false, false, false, false, false, 1);
    }

    private static ByteString key(Random random) {
        // a small alphabet with 0x00 and 0xff, so prefixes, prefix ends and open ranges collide often
        byte[] alphabet = {0x00, 'a', 'b', (byte) 0xfe, (byte) 0xff};
        byte[] k = new byte[random.nextInt(4)];
        for (int i = 0; i < k.length; i++) {
            k[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return ByteString.copyFrom(k);
    }

    private static KeyRange range(Random random) {
        ByteString start = key(random);
        return switch (random.nextInt(4)) {
            case 0 -> {
                ByteString end = RangeWatchers.prefixEnd(start);
                yield KeyRange.of(start, end == null ? ZERO : end);
            }
            case 1 -> KeyRange.of(start, ZERO);
            case 2 -> KeyRange.of(start, key(random));
            default -> {
                ByteString longer = start.concat(ByteString.copyFromUtf8("x"));
                yield KeyRange.of(longer, RangeWatchers.prefixEnd(longer));
            }
        };
    }

    private static Set<Watcher> matches(RangeWatchers index, ByteString key) {
        Set<Watcher> out = new HashSet<>();
        index.candidates(key, w -> {
            if (w.range.contains(key)) {
                assertThat(out.add(w)).as("watcher %d visited twice for one key", w.id).isTrue();
            }
        });
        return out;
    }

    @Test
    void everyKeyFindsExactlyTheWatchersWhoseRangeHoldsItAsWatchersComeAndGo() {
        Random random = new Random(42);
        RangeWatchers index = new RangeWatchers();
        List<Watcher> live = new ArrayList<>();
        for (int step = 0; step < 3_000; step++) {
            if (live.isEmpty() || random.nextInt(3) > 0) {
                Watcher w = watcher(step, range(random));
                index.add(w);
                live.add(w);
            } else {
                index.remove(live.remove(random.nextInt(live.size())));
            }
            assertThat(index.size()).isEqualTo(live.size());
            ByteString key = key(random);
            Set<Watcher> expected = new HashSet<>();
            for (Watcher w : live) {
                if (w.range.contains(key)) {
                    expected.add(w);
                }
            }
            assertThat(matches(index, key)).as("key %s", key).isEqualTo(expected);
        }
        List<Watcher> all = new ArrayList<>();
        index.addAllTo(all);
        assertThat(all).containsExactlyInAnyOrderElementsOf(live);
    }

    @Test
    void aPrefixWatcherIsNotVisitedForKeysOutsideItsPrefix() {
        RangeWatchers index = new RangeWatchers();
        for (int i = 0; i < 1_000; i++) {
            ByteString prefix = ByteString.copyFromUtf8(String.format("/w/%04d/", i));
            index.add(watcher(i, KeyRange.of(prefix, RangeWatchers.prefixEnd(prefix))));
        }
        List<Watcher> visited = new ArrayList<>();
        index.candidates(ByteString.copyFromUtf8("/w/0042/key"), visited::add);
        assertThat(visited).extracting(w -> w.id).containsExactly(42L);
    }

    @Test
    void prefixEndIncrementsTheLastByteBelow0xffAndDropsTheRest() {
        assertThat(RangeWatchers.prefixEnd(ByteString.copyFromUtf8("abc"))).isEqualTo(ByteString.copyFromUtf8("abd"));
        assertThat(RangeWatchers.prefixEnd(ByteString.copyFrom(new byte[] {'a', (byte) 0xff})))
                .isEqualTo(ByteString.copyFromUtf8("b"));
        assertThat(RangeWatchers.prefixEnd(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff}))).isNull();
    }
}
