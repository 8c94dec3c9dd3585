package io.cairn.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.testing.StoreMember;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCacheTest {
    @TempDir
    static Path dir;
    static StoreMember member;
    static ObjectStore store;

    @BeforeAll
    static void start() {
        member = StoreMember.start(dir.resolve("store"));
        store = new ObjectStore(member.channel(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        member.close();
    }

    private static WatchCache cache(int window) {
        WatchCache c = new WatchCache(member.channel(), store, "/registry/", window, ObjectCodec::decode);
        c.start();
        return c;
    }

    private static long put(String key, String name, String value) {
        byte[] v = ("{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"v\":\"" + value + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        Optional<Entry> current = store.get(key);
        return current.isEmpty() ? store.create(key, v).orElseThrow()
                : store.update(key, v, current.get().modRevision()).orElseThrow();
    }

    private static List<CacheEvent> take(Subscription s, int n) throws InterruptedException {
        List<CacheEvent> out = new ArrayList<>();
        for (int i = 0; i < 50 && out.size() < n; i++) {
            s.next(Duration.ofMillis(200)).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void aSubscriberSeesAddedModifiedAndDeletedWithTheirRevisionsInOrder() throws Exception {
        try (WatchCache cache = cache(1000); Subscription s = cache.subscribe("/registry/configmaps/a/",
                cache.revision())) {
            long added = put("/registry/configmaps/a/x", "x", "1");
            long modified = put("/registry/configmaps/a/x", "x", "2");
            long deleted = store.delete("/registry/configmaps/a/x", modified).orElseThrow();

            List<CacheEvent> events = take(s, 3);

            assertThat(events).extracting(CacheEvent::type).containsExactly(CacheEvent.Type.ADDED,
                    CacheEvent.Type.MODIFIED, CacheEvent.Type.DELETED);
            assertThat(events).extracting(CacheEvent::revision).containsExactly(added, modified, deleted);
            assertThat(events.get(1).previous()).hasValueSatisfying(p ->
                    assertThat(p.path("data").path("v").asString()).isEqualTo("1"));
            assertThat(events.get(2).object().path("metadata").path("resourceVersion").asString())
                    .isEqualTo(Long.toString(deleted));
            assertThat(events.get(2).object().path("data").path("v").asString()).isEqualTo("2");
        }
    }

    @Test
    void eventsOutsideTheSubscribersPrefixAreNotDelivered() throws Exception {
        try (WatchCache cache = cache(1000); Subscription s = cache.subscribe("/registry/configmaps/b/",
                cache.revision())) {
            put("/registry/configmaps/other/y", "y", "1");
            long mine = put("/registry/configmaps/b/y", "y", "1");

            assertThat(take(s, 1)).singleElement().extracting(CacheEvent::revision).isEqualTo(mine);
        }
    }

    @Test
    void aResumeFromAnEarlierRevisionReplaysOnlyLaterEvents() throws Exception {
        try (WatchCache cache = cache(1000)) {
            long first = put("/registry/configmaps/c/z", "z", "1");
            long second = put("/registry/configmaps/c/z", "z", "2");
            awaitRevision(cache, second);

            try (Subscription s = cache.subscribe("/registry/configmaps/c/", first)) {
                assertThat(take(s, 1)).singleElement().extracting(CacheEvent::revision).isEqualTo(second);
            }
        }
    }

    @Test
    void aRevisionOlderThanTheWindowIsGoneWithKubesMessage() throws Exception {
        try (WatchCache cache = cache(2)) {
            long start = cache.revision();
            long last = 0;
            for (int i = 0; i < 4; i++) {
                last = put("/registry/configmaps/d/w", "w", Integer.toString(i));
            }
            awaitRevision(cache, last);

            assertThatThrownBy(() -> cache.subscribe("/registry/configmaps/d/", start))
                    .isInstanceOfSatisfying(StatusException.class, e -> {
                        assertThat(e.code()).isEqualTo(410);
                        assertThat(e.reason()).isEqualTo("Expired");
                        assertThat(e.getMessage()).matches("too old resource version: " + start + " \\(\\d+\\)");
                    });
        }
    }

    @Test
    void aValueThatIsNotAnObjectIsSkippedAndLaterEventsStillArrive() throws Exception {
        try (WatchCache cache = cache(1000); Subscription s = cache.subscribe("/registry/configmaps/f/",
                cache.revision())) {
            store.create("/registry/configmaps/f/junk", "not json".getBytes(StandardCharsets.UTF_8)).orElseThrow();
            long good = put("/registry/configmaps/f/good", "good", "1");

            assertThat(take(s, 1)).singleElement().extracting(CacheEvent::revision).isEqualTo(good);
        }
    }

    @Test
    void aBookmarkIsOfferedOnlyOnceEveryPendingEventWasTaken() throws Exception {
        try (WatchCache cache = cache(1000); Subscription s = cache.subscribe("/registry/configmaps/e/",
                cache.revision())) {
            long rev = put("/registry/configmaps/e/b", "b", "1");
            awaitRevision(cache, rev);

            assertThat(s.bookmark()).isEmpty();
            assertThat(take(s, 1)).hasSize(1);
            assertThat(s.bookmark()).isPresent();
            assertThat(s.bookmark().getAsLong()).isGreaterThanOrEqualTo(rev);
        }
    }

    private static void awaitRevision(WatchCache cache, long revision) throws InterruptedException {
        for (int i = 0; i < 100 && cache.revision() < revision; i++) {
            Thread.sleep(50);
        }
        assertThat(cache.revision()).isGreaterThanOrEqualTo(revision);
    }
}
