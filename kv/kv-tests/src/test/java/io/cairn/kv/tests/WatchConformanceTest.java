package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.WatchResponse;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Watch: what a watcher sees (a key, a prefix, a range, everything from a key), history replay from a start revision,
 * {@code prev_kv} and filters, several watchers on one stream with server- and client-chosen ids, cancel, compaction,
 * progress requests, and the guarantees of etcd's API (ordered, unique, atomic, no gaps) under load.
 *
 * <p>jetcd (one stream per watcher) is used where it can express the request; the raw {@code Watch} stream where
 * several watchers share a stream or where the exact response fields matter.
 */
@BothServers
class WatchConformanceTest extends ConformanceTest {

    private static final Duration QUIET = Duration.ofMillis(700);
    private static final String COMPACTED = "etcdserver: mvcc: required revision has been compacted";

    private final List<Watch.Watcher> watchers = new ArrayList<>();
    private final List<RawWatchStream> streams = new ArrayList<>();

    @AfterEach
    void closeWatches() {
        watchers.forEach(Watch.Watcher::close);
        watchers.clear();
        streams.forEach(RawWatchStream::close);
        streams.clear();
    }

    // ---- what a watcher sees

    @Test
    void aKeyWatchSeesPutsAndTheDeleteOfThatKeyOnly() {
        WatchRecorder recorder = watch(k("a"), WatchOption.builder());

        long created = put("a", "v1");
        put("ab", "not watched");
        long updated = put("a", "v2");
        long deleted = delete("a");

        List<WatchEvent> events = recorder.events(3);
        assertPut(events.get(0), key("a"), "v1", created, created, 1);
        assertPut(events.get(1), key("a"), "v2", created, updated, 2);
        assertDelete(events.get(2), key("a"), deleted);
        recorder.assertNothingFor(QUIET);
    }

    @Test
    void aPrefixWatchSeesEveryKeyUnderThePrefixAndNothingOutsideIt() {
        WatchRecorder recorder = watch(k("p/"), WatchOption.builder().isPrefix(true));

        put("p", "the prefix without its slash is outside");
        long first = put("p/1", "one");
        put("q/1", "outside");
        long second = put("p/2/deep", "two");
        long deleted = delete("p/1");

        List<WatchEvent> events = recorder.events(3);
        assertPut(events.get(0), key("p/1"), "one", first, first, 1);
        assertPut(events.get(1), key("p/2/deep"), "two", second, second, 1);
        assertDelete(events.get(2), key("p/1"), deleted);
        recorder.assertNothingFor(QUIET);
    }

    @Test
    void aRangeWatchSeesKeysFromItsStartInclusiveToItsEndExclusive() {
        WatchRecorder recorder = watch(k("b"), WatchOption.builder().withRange(k("d")));

        put("a", "below");
        long b = put("b", "start is inside");
        long c = put("c", "inside");
        put("d", "end is outside");

        List<WatchEvent> events = recorder.events(2);
        assertPut(events.get(0), key("b"), "start is inside", b, b, 1);
        assertPut(events.get(1), key("c"), "inside", c, c, 1);
        recorder.assertNothingFor(QUIET);
    }

    @Test
    void aFromKeyWatchWithRangeEndZeroSeesEveryKeyAtOrAboveItsKey() {
        WatchRecorder recorder = watch(k("m"), WatchOption.builder().withRange(bytes("\0")));

        put("a", "below");
        long m = put("m", "the key itself");
        long z = put("z", "above");
        String far = "~" + key("beyond every test prefix");
        long beyond = await(kv().put(bytes(far), bytes("far above"))).getHeader().getRevision();

        List<WatchEvent> events = recorder.events(3);
        assertPut(events.get(0), key("m"), "the key itself", m, m, 1);
        assertPut(events.get(1), key("z"), "above", z, z, 1);
        assertPut(events.get(2), far, "far above", beyond, beyond, 1);
        await(kv().delete(bytes(far)));
    }

    // ---- history

    @Test
    void aStartRevisionInThePastReplaysTheHistoryThenContinuesLive() {
        long first = put("a", "v1");
        long second = put("a", "v2");
        long deleted = delete("a");
        put("other", "not watched");

        WatchRecorder recorder = watch(k("a"), WatchOption.builder().withRevision(first));
        List<WatchEvent> history = recorder.events(3);
        long recreated = put("a", "v3");
        List<WatchEvent> live = recorder.events(1);

        assertPut(history.get(0), key("a"), "v1", first, first, 1);
        assertPut(history.get(1), key("a"), "v2", first, second, 2);
        assertDelete(history.get(2), key("a"), deleted);
        assertPut(live.get(0), key("a"), "v3", recreated, recreated, 1);
        recorder.assertNothingFor(QUIET);
    }

    @Test
    void aStartRevisionInTheFutureDeliversNothingBeforeThatRevision() {
        long now = cluster.currentRevision();

        WatchRecorder recorder = watch(k("a"), WatchOption.builder().withRevision(now + 3));
        put("a", "v1");
        put("a", "v2");
        long third = put("a", "v3");

        assertThat(third).isEqualTo(now + 3);
        List<WatchEvent> events = recorder.events(1);
        assertThat(events.get(0).getKeyValue().getModRevision()).isEqualTo(third);
        recorder.assertNothingFor(QUIET);
    }

    // ---- prev_kv and filters

    @Test
    void prevKvComesWithUpdatesAndDeletesButNotWithCreations() {
        RawWatchStream stream = stream();
        stream.createAndAwait(RawWatchStream.request(key("a"), "").setPrevKv(true));

        long created = put("a", "v1");
        long updated = put("a", "v2");
        long deleted = delete("a");

        List<Event> events = eventsOf(stream.nextEvents(3));
        assertThat(events.get(0).hasPrevKv()).as("a creation has no previous value").isFalse();
        assertThat(events.get(1).getPrevKv().getValue().toStringUtf8()).isEqualTo("v1");
        assertThat(events.get(1).getPrevKv().getModRevision()).isEqualTo(created);
        assertThat(events.get(1).getPrevKv().getVersion()).isEqualTo(1);
        assertThat(events.get(2).getType()).isEqualTo(Event.EventType.DELETE);
        assertThat(events.get(2).getKv().getModRevision()).isEqualTo(deleted);
        assertThat(events.get(2).getPrevKv().getValue().toStringUtf8()).as("a delete carries the deleted value")
                .isEqualTo("v2");
        assertThat(events.get(2).getPrevKv().getModRevision()).isEqualTo(updated);
        assertThat(events.get(2).getPrevKv().getCreateRevision()).isEqualTo(created);
    }

    @Test
    void withoutPrevKvNoEventCarriesAPreviousValue() {
        RawWatchStream stream = stream();
        stream.createAndAwait(RawWatchStream.request(key("a"), ""));

        put("a", "v1");
        put("a", "v2");
        delete("a");

        assertThat(eventsOf(stream.nextEvents(3))).noneMatch(Event::hasPrevKv);
    }

    @Test
    void prevKvIsAbsentWhenThePreviousVersionWasCompacted() {
        put("a", "v1");
        long second = put("a", "v2");
        long third = put("a", "v3");
        await(kv().compact(second));

        RawWatchStream stream = stream();
        stream.createAndAwait(RawWatchStream.request(key("a"), "").setPrevKv(true).setStartRevision(second));
        List<Event> events = eventsOf(stream.nextEvents(2));

        assertThat(events.get(0).getKv().getModRevision()).isEqualTo(second);
        assertThat(events.get(0).hasPrevKv()).as("v1 is below the compaction").isFalse();
        assertThat(events.get(1).getKv().getModRevision()).isEqualTo(third);
        assertThat(events.get(1).getPrevKv().getValue().toStringUtf8()).isEqualTo("v2");
    }

    @Test
    void theNoPutFilterDeliversOnlyDeletes() {
        WatchRecorder recorder = watch(k("a"), WatchOption.builder().withNoPut(true));

        put("a", "v1");
        put("a", "v2");
        long deleted = delete("a");

        List<WatchEvent> events = recorder.events(1);
        assertDelete(events.get(0), key("a"), deleted);
        recorder.assertNothingFor(QUIET);
    }

    @Test
    void theNoDeleteFilterDeliversOnlyPuts() {
        WatchRecorder recorder = watch(k("a"), WatchOption.builder().withNoDelete(true));

        long created = put("a", "v1");
        delete("a");
        long recreated = put("a", "v2");

        List<WatchEvent> events = recorder.events(2);
        assertPut(events.get(0), key("a"), "v1", created, created, 1);
        assertPut(events.get(1), key("a"), "v2", recreated, recreated, 1);
        recorder.assertNothingFor(QUIET);
    }

    // ---- several watchers on one stream, watch ids

    @Test
    void watchersOnOneStreamGetIdsZeroOneTwoAndEachResponseNamesItsWatcher() {
        RawWatchStream stream = stream();

        WatchResponse first = stream.createAndAwait(RawWatchStream.request(key("a"), ""));
        WatchResponse second = stream.createAndAwait(RawWatchStream.request(key("b"), ""));
        WatchResponse third = stream.createAndAwait(RawWatchStream.request(key("a"), key("c")));
        long current = cluster.currentRevision();
        long b = put("b", "x");

        assertThat(List.of(first.getWatchId(), second.getWatchId(), third.getWatchId())).containsExactly(0L, 1L, 2L);
        assertThat(List.of(first, second, third)).allSatisfy(created -> {
            assertThat(created.getCanceled()).isFalse();
            assertThat(created.getEventsCount()).isZero();
            assertThat(created.getHeader().getRevision()).as("a created response carries the current revision")
                    .isEqualTo(current);
        });
        List<WatchResponse> responses = List.of(stream.next(), stream.next());
        assertThat(responses).extracting(WatchResponse::getWatchId).containsExactlyInAnyOrder(1L, 2L);
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.getHeader().getRevision()).isEqualTo(b);
            assertThat(response.getEventsList()).singleElement()
                    .satisfies(event -> assertThat(event.getKv().getKey().toStringUtf8()).isEqualTo(key("b")));
        });
        stream.assertNothingFor(QUIET);
    }

    @Test
    void aClientChosenWatchIdIsUsedAndADuplicateIdIsRefused() {
        RawWatchStream stream = stream();

        stream.createWithId(RawWatchStream.request(key("a"), ""), 42);
        WatchResponse chosen = stream.next();
        stream.createWithId(RawWatchStream.request(key("b"), ""), 42);
        WatchResponse duplicate = stream.next();
        long a = put("a", "x");
        put("b", "not watched: its watch was refused");

        assertThat(chosen.getWatchId()).isEqualTo(42);
        assertThat(chosen.getCreated()).isTrue();
        assertThat(chosen.getCanceled()).isFalse();
        assertThat(duplicate.getCreated()).isTrue();
        assertThat(duplicate.getCanceled()).isTrue();
        assertThat(duplicate.getWatchId()).isEqualTo(-1);
        assertThat(duplicate.getCancelReason()).isEqualTo("mvcc: duplicate watch ID provided on the WatchStream");
        WatchResponse event = stream.next();
        assertThat(event.getWatchId()).isEqualTo(42);
        assertThat(event.getEventsList()).singleElement()
                .satisfies(e -> assertThat(e.getKv().getModRevision()).isEqualTo(a));
        stream.assertNothingFor(QUIET);
    }

    @Test
    void serverChosenIdsSkipIdsTheClientAlreadyChose() {
        RawWatchStream stream = stream();

        long auto0 = stream.createAndAwait(RawWatchStream.request(key("a"), "")).getWatchId();
        stream.createWithId(RawWatchStream.request(key("b"), ""), 1);
        long chosen = stream.next().getWatchId();
        long auto2 = stream.createAndAwait(RawWatchStream.request(key("c"), "")).getWatchId();
        stream.createWithId(RawWatchStream.request(key("d"), ""), 7);
        long chosen7 = stream.next().getWatchId();
        long auto3 = stream.createAndAwait(RawWatchStream.request(key("e"), "")).getWatchId();

        assertThat(List.of(auto0, chosen, auto2, chosen7, auto3)).containsExactly(0L, 1L, 2L, 7L, 3L);
    }

    @Test
    void aWatchWhoseRangeIsEmptyIsRefused() {
        RawWatchStream stream = stream();

        stream.create(RawWatchStream.request(key("z"), key("a")));
        WatchResponse reversed = stream.next();
        stream.create(RawWatchStream.request(key("a"), key("a")));
        WatchResponse equal = stream.next();

        assertThat(List.of(reversed, equal)).allSatisfy(refused -> {
            assertThat(refused.getCreated()).isTrue();
            assertThat(refused.getCanceled()).isTrue();
            assertThat(refused.getWatchId()).isEqualTo(-1);
            assertThat(refused.getCancelReason()).isEqualTo("mvcc: watcher range is empty");
        });
        long next = stream.createAndAwait(RawWatchStream.request(key("a"), "")).getWatchId();
        assertThat(next).as("a refused watch uses up no id").isZero();
    }

    // ---- cancel

    @Test
    void aCanceledWatcherIsConfirmedAndSeesNoMoreEventsWhileOthersOnTheStreamDo() {
        RawWatchStream stream = stream();
        long canceled = stream.createAndAwait(RawWatchStream.request(key("a"), "")).getWatchId();
        long kept = stream.createAndAwait(RawWatchStream.request(key("a"), "")).getWatchId();

        stream.cancel(canceled);
        WatchResponse confirmation = stream.next();
        long put = put("a", "after the cancel");

        assertThat(confirmation.getWatchId()).isEqualTo(canceled);
        assertThat(confirmation.getCanceled()).isTrue();
        assertThat(confirmation.getCreated()).isFalse();
        assertThat(confirmation.getCancelReason()).isEmpty();
        assertThat(confirmation.getCompactRevision()).isZero();
        assertThat(confirmation.getEventsCount()).isZero();
        WatchResponse event = stream.next();
        assertThat(event.getWatchId()).isEqualTo(kept);
        assertThat(event.getHeader().getRevision()).isEqualTo(put);
        stream.assertNothingFor(QUIET);
    }

    @Test
    void cancelingAnUnknownWatchIdIsIgnored() {
        RawWatchStream stream = stream();
        long id = stream.createAndAwait(RawWatchStream.request(key("a"), "")).getWatchId();

        stream.cancel(id + 100);
        stream.assertNothingFor(QUIET);
        long put = put("a", "still watched");

        WatchResponse event = stream.next();
        assertThat(event.getWatchId()).isEqualTo(id);
        assertThat(event.getHeader().getRevision()).isEqualTo(put);
    }

    @Test
    void closingAJetcdWatcherStopsItsEvents() {
        WatchRecorder recorder = new WatchRecorder();
        Watch.Watcher watcher = cluster.watch().watch(k("a"),
                WatchOption.builder().withCreateNotify(true).build(), recorder);
        recorder.awaitCreated();

        put("a", "v1");
        recorder.events(1);
        watcher.close();
        put("a", "v2");

        recorder.assertNothingFor(QUIET);
    }

    // ---- compaction

    @Test
    void aCompactedStartRevisionIsCreatedThenCanceledWithTheCompactRevision() {
        long first = put("a", "v1");
        put("a", "v2");
        long third = put("a", "v3");
        await(kv().compact(third));
        RawWatchStream stream = stream();

        WatchResponse created = stream.createAndAwait(RawWatchStream.request(key("a"), "").setStartRevision(first));
        WatchResponse canceled = stream.next();

        assertThat(created.getCanceled()).isFalse();
        assertThat(canceled.getWatchId()).isEqualTo(created.getWatchId());
        assertThat(canceled.getCanceled()).isTrue();
        assertThat(canceled.getCreated()).isFalse();
        assertThat(canceled.getCompactRevision()).isEqualTo(third);
        assertThat(canceled.getCancelReason()).isEmpty();
        assertThat(canceled.getEventsCount()).isZero();
        assertThat(canceled.getHeader().getRevision())
                .as("etcd 3.4 sends the compaction cancel with header.revision 0").isZero();
        put("a", "v4");
        stream.assertNothingFor(QUIET);
    }

    @Test
    void watchingFromTheCompactRevisionItselfStillWorks() {
        put("a", "v1");
        long second = put("a", "v2");
        await(kv().compact(second));

        WatchRecorder recorder = watch(k("a"), WatchOption.builder().withRevision(second));

        assertThat(recorder.events(1).get(0).getKeyValue().getModRevision()).isEqualTo(second);
    }

    @Test
    void jetcdReportsACompactedStartRevisionAsCompactedExceptionAndResumingFromItsRevisionWorks() {
        long first = put("a", "v1");
        long second = put("a", "v2");
        long third = put("a", "v3");
        await(kv().compact(second));

        WatchRecorder recorder = watch(k("a"), WatchOption.builder().withRevision(first));
        Throwable error = recorder.awaitError();

        assertThat(error).isInstanceOf(CompactedException.class);
        assertThat(error.getMessage()).isEqualTo(COMPACTED);
        long compactRevision = ((CompactedException) error).getCompactedRevision();
        assertThat(compactRevision).isEqualTo(second);
        WatchRecorder resumed = watch(k("a"), WatchOption.builder().withRevision(compactRevision));
        List<WatchEvent> events = resumed.events(2);
        assertPut(events.get(0), key("a"), "v2", first, second, 2);
        assertPut(events.get(1), key("a"), "v3", first, third, 3);
    }

    // ---- progress

    @Test
    void aProgressRequestIsAnsweredWithWatchIdMinusOneAndTheCurrentRevision() {
        RawWatchStream stream = stream();
        stream.createAndAwait(RawWatchStream.request(key("a"), "").setProgressNotify(true));
        long watched = put("a", "v1");
        stream.nextEvents(1);
        long current = put("unwatched", "x");

        stream.requestProgress();
        WatchResponse progress = stream.next();

        assertThat(current).isGreaterThan(watched);
        assertProgress(progress, current);
        stream.assertNothingFor(QUIET);
    }

    @Test
    void aProgressRequestOnAStreamWithoutWatchersIsAnsweredToo() {
        long current = put("a", "x");
        RawWatchStream stream = stream();

        stream.requestProgress();

        assertProgress(stream.next(), current);
    }

    @Test
    void eachProgressRequestGetsItsOwnAnswer() {
        RawWatchStream stream = stream();
        stream.createAndAwait(RawWatchStream.request(key("a"), ""));
        long current = put("unwatched", "x");

        stream.requestProgress();
        stream.requestProgress();

        assertProgress(stream.next(), current);
        assertProgress(stream.next(), current);
        stream.assertNothingFor(QUIET);
    }

    @Test
    void jetcdSeesAProgressNotificationAtTheCurrentRevision() {
        WatchRecorder recorder = new WatchRecorder();
        Watch.Watcher watcher = cluster.watch().watch(k("a"),
                WatchOption.builder().withCreateNotify(true).withProgressNotify(true).build(), recorder);
        watchers.add(watcher);
        recorder.awaitCreated();
        long current = put("unwatched", "x");

        watcher.requestProgress();
        io.etcd.jetcd.watch.WatchResponse progress = recorder.next();

        assertThat(progress.isProgressNotify()).isTrue();
        assertThat(progress.getHeader().getRevision()).isEqualTo(current);
    }

    // ---- guarantees

    @Test
    void aTxnWritingThreeKeysArrivesAsOneResponseWithThreeEventsOfOneRevision() {
        RawWatchStream stream = stream();
        stream.createAndAwait(RawWatchStream.request(key("t/"), key("t0")));

        long revision = raw().txn(Requests.txn(List.of(), List.of(Requests.put(key("t/1"), "a"),
                Requests.put(key("t/2"), "b"), Requests.put(key("t/3"), "c")), List.of())).getHeader().getRevision();
        WatchResponse puts = stream.next();
        long deleted = raw().deleteRange(DeleteRangeRequest.newBuilder().setKey(bs(key("t/")))
                .setRangeEnd(bs(key("t0"))).build()).getHeader().getRevision();
        WatchResponse deletes = stream.next();

        assertThat(puts.getEventsList()).extracting(e -> e.getKv().getKey().toStringUtf8())
                .containsExactly(key("t/1"), key("t/2"), key("t/3"));
        assertThat(puts.getEventsList()).allSatisfy(e -> {
            assertThat(e.getType()).isEqualTo(Event.EventType.PUT);
            assertThat(e.getKv().getModRevision()).isEqualTo(revision);
        });
        assertThat(puts.getHeader().getRevision()).isEqualTo(revision);
        assertThat(deletes.getEventsList()).extracting(e -> e.getKv().getKey().toStringUtf8())
                .containsExactly(key("t/1"), key("t/2"), key("t/3"));
        assertThat(deletes.getEventsList()).allSatisfy(e -> {
            assertThat(e.getType()).isEqualTo(Event.EventType.DELETE);
            assertThat(e.getKv().getModRevision()).isEqualTo(deleted);
        });
        stream.assertNothingFor(QUIET);
    }

    @Test
    void aReplayedHistoryNeverSplitsARevisionAcrossResponses() {
        long start = put("t/0", "before");
        for (int i = 0; i < 20; i++) {
            raw().txn(Requests.txn(List.of(), List.of(Requests.put(key("t/" + i + "/a"), "x"),
                    Requests.put(key("t/" + i + "/b"), "y"), Requests.put(key("t/" + i + "/c"), "z")), List.of()));
        }
        RawWatchStream stream = stream();

        stream.createAndAwait(RawWatchStream.request(key("t/"), key("t0")).setStartRevision(start));
        List<WatchResponse> responses = stream.nextEvents(1 + 20 * 3);

        Set<Long> seen = new HashSet<>();
        for (WatchResponse response : responses) {
            Set<Long> revisions = response.getEventsList().stream().map(e -> e.getKv().getModRevision())
                    .collect(Collectors.toSet());
            for (long revision : revisions) {
                assertThat(seen.add(revision)).as("revision %d continues in a later response", revision).isTrue();
            }
        }
        assertThat(seen).hasSize(21);
    }

    @Test
    void underABurstOfTwoThousandWritesThreeWatchersEachSeeEveryRevisionOnceInOrder() {
        int writes = 2_000;
        List<WatchRecorder> recorders = List.of(
                watch(k("burst/"), WatchOption.builder().isPrefix(true)),
                watch(k("burst/"), WatchOption.builder().isPrefix(true).withPrevKV(true)),
                watch(k("burst/"), WatchOption.builder().withRange(k("burst0"))));
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<?>> puts = new ArrayList<>();

        for (int i = 0; i < writes; i++) {
            String name = "burst/" + (i % 50);
            String value = "write " + i;
            inFlight.acquireUninterruptibly();
            puts.add(kv().put(k(name), bytes(value)).whenComplete((response, error) -> {
                inFlight.release();
                if (response != null) {
                    acknowledged.put(response.getHeader().getRevision(), key(name) + "=" + value);
                }
            }));
        }
        puts.forEach(ConformanceTest::await);

        assertThat(acknowledged).hasSize(writes);
        long[] expected = acknowledged.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        for (int w = 0; w < recorders.size(); w++) {
            List<WatchEvent> events = recorders.get(w).events(writes);
            assertThat(events.stream().mapToLong(e -> e.getKeyValue().getModRevision()).toArray())
                    .as("watcher %d: every acknowledged revision, once, in order", w)
                    .containsExactly(expected);
            for (WatchEvent event : events) {
                String written = text(event.getKeyValue().getKey()) + "=" + text(event.getKeyValue().getValue());
                assertThat(written).as("watcher %d: the event at revision %d", w, event.getKeyValue().getModRevision())
                        .isEqualTo(acknowledged.get(event.getKeyValue().getModRevision()));
            }
            recorders.get(w).assertNothingFor(Duration.ofMillis(200));
        }
    }

    @Test
    void fiveHundredWatchersOnOneStreamAllReceiveTheEvent() {
        int count = 500;
        RawWatchStream stream = stream();
        for (int i = 0; i < count; i++) {
            stream.create(RawWatchStream.request(key("a"), ""));
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WatchResponse created = stream.next();
            assertThat(created.getCreated()).as("response %d: %s", i, created).isTrue();
            ids.add(created.getWatchId());
        }

        long revision = put("a", "for everyone");

        assertThat(ids).containsExactlyElementsOf(LongStream.range(0, count).boxed().toList());
        Set<Long> notified = new HashSet<>();
        for (int i = 0; i < count; i++) {
            WatchResponse event = stream.next();
            assertThat(event.getEventsList()).as("response %d", i).singleElement()
                    .satisfies(e -> assertThat(e.getKv().getModRevision()).isEqualTo(revision));
            assertThat(notified.add(event.getWatchId())).as("watcher %d notified twice", event.getWatchId()).isTrue();
        }
        assertThat(notified).containsExactlyInAnyOrderElementsOf(ids);
        stream.assertNothingFor(QUIET);
    }

    // ---- helpers

    /** Opens a jetcd watch with {@code options} and waits until the server confirmed it. */
    private WatchRecorder watch(ByteSequence key, WatchOption.Builder options) {
        WatchRecorder recorder = new WatchRecorder();
        watchers.add(cluster.watch().watch(key, options.withCreateNotify(true).build(), recorder));
        recorder.awaitCreated();
        return recorder;
    }

    private RawWatchStream stream() {
        RawWatchStream stream = cluster.rawWatchStream();
        streams.add(stream);
        return stream;
    }

    private long put(String name, String value) {
        return await(kv().put(k(name), bytes(value))).getHeader().getRevision();
    }

    private long delete(String name) {
        return await(kv().delete(k(name))).getHeader().getRevision();
    }

    private static List<Event> eventsOf(List<WatchResponse> responses) {
        return responses.stream().flatMap(response -> response.getEventsList().stream()).toList();
    }

    private static void assertProgress(WatchResponse progress, long revision) {
        assertThat(progress.getWatchId()).as("a progress response belongs to no watcher").isEqualTo(-1);
        assertThat(progress.getHeader().getRevision()).isEqualTo(revision);
        assertThat(progress.getEventsCount()).isZero();
        assertThat(progress.getCreated()).isFalse();
        assertThat(progress.getCanceled()).isFalse();
        assertThat(progress.getCompactRevision()).isZero();
    }

    private static void assertPut(WatchEvent event, String key, String value, long createRevision, long modRevision,
                                  long version) {
        assertThat(event.getEventType()).as("event type at %d", modRevision).isEqualTo(WatchEvent.EventType.PUT);
        assertThat(text(event.getKeyValue().getKey())).isEqualTo(key);
        assertThat(text(event.getKeyValue().getValue())).isEqualTo(value);
        assertThat(event.getKeyValue().getCreateRevision()).as("create revision").isEqualTo(createRevision);
        assertThat(event.getKeyValue().getModRevision()).as("mod revision").isEqualTo(modRevision);
        assertThat(event.getKeyValue().getVersion()).as("version").isEqualTo(version);
    }

    /** A DELETE event carries the key and the deleting revision only: no value, version 0, create revision 0. */
    private static void assertDelete(WatchEvent event, String key, long revision) {
        assertThat(event.getEventType()).as("event type at %d", revision).isEqualTo(WatchEvent.EventType.DELETE);
        assertThat(text(event.getKeyValue().getKey())).isEqualTo(key);
        assertThat(event.getKeyValue().getModRevision()).as("mod revision").isEqualTo(revision);
        assertThat(event.getKeyValue().getCreateRevision()).as("create revision").isZero();
        assertThat(event.getKeyValue().getVersion()).as("version").isZero();
        assertThat(event.getKeyValue().getValue().isEmpty()).as("value is empty").isTrue();
    }
}
