package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.GetOption.SortOrder;
import io.etcd.jetcd.options.GetOption.SortTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Range: single keys, ranges, limits, historical reads, sorting and the filtering options, through jetcd. */
@BothServers
class RangeConformanceTest extends ConformanceTest {

    private static final ByteSequence ZERO_BYTE = ByteSequence.from(new byte[] {0});

    @Test
    void readsASingleKeyWithItsRevisionsVersionAndLease() {
        long put = await(kv().put(k("a"), bytes("1"))).getHeader().getRevision();

        GetResponse got = await(kv().get(k("a")));

        assertThat(got.getCount()).isEqualTo(1);
        assertThat(got.isMore()).isFalse();
        KeyValue kv = got.getKvs().get(0);
        assertThat(text(kv.getKey())).isEqualTo(key("a"));
        assertThat(text(kv.getValue())).isEqualTo("1");
        assertThat(kv.getCreateRevision()).isEqualTo(put);
        assertThat(kv.getModRevision()).isEqualTo(put);
        assertThat(kv.getVersion()).isEqualTo(1);
        assertThat(kv.getLease()).isZero();
        assertThat(got.getHeader().getRevision()).isGreaterThanOrEqualTo(put);
    }

    @Test
    void aMissingKeyReadsAsNothingAtTheCurrentRevision() {
        long revision = cluster.currentRevision();

        GetResponse got = await(kv().get(k("missing")));

        assertThat(got.getKvs()).isEmpty();
        assertThat(got.getCount()).isZero();
        assertThat(got.isMore()).isFalse();
        assertThat(got.getHeader().getRevision()).isEqualTo(revision);
    }

    @Test
    void aPrefixRangeReturnsOnlyKeysUnderThePrefixInByteOrder() {
        putAll("b", "a", "c", "a/nested");
        await(kv().put(bytes(prefix().substring(0, prefix().length() - 1) + "0"), bytes("outside")));

        GetResponse got = underPrefix(GetOption.builder());

        assertThat(keysOf(got)).containsExactly(key("a"), key("a/nested"), key("b"), key("c"));
        assertThat(got.getCount()).isEqualTo(4);
    }

    @Test
    void aRangeEndIsExclusive() {
        putAll("a", "b", "c");

        GetResponse got = await(kv().get(k("a"), GetOption.builder().withRange(k("c")).build()));

        assertThat(keysOf(got)).containsExactly(key("a"), key("b"));
    }

    @Test
    void aRangeEndBeforeTheKeyMatchesNothing() {
        putAll("a", "b", "c");

        GetResponse got = await(kv().get(k("c"), GetOption.builder().withRange(k("a")).build()));

        assertThat(got.getKvs()).isEmpty();
        assertThat(got.getCount()).isZero();
    }

    @Test
    void aRangeEndOfZeroByteReadsEveryKeyFromTheKeyOn() {
        putAll("a", "b", "c");

        GetResponse got = await(kv().get(k("b"), GetOption.builder().withRange(ZERO_BYTE).build()));

        List<String> keys = keysOf(got);
        assertThat(keys).startsWith(key("b"), key("c")).doesNotContain(key("a")).isSorted();
        assertThat(got.getCount()).isEqualTo(keys.size());
    }

    @Test
    void keyZeroByteWithRangeEndZeroByteReadsAllKeys() {
        putAll("a", "b");
        await(kv().put(bytes("\u0001below-every-test-prefix"), bytes("x")));

        GetResponse got = await(kv().get(ZERO_BYTE, GetOption.builder().withRange(ZERO_BYTE).build()));

        List<String> keys = keysOf(got);
        assertThat(keys).contains(key("a"), key("b"), "\u0001below-every-test-prefix").isSorted();
        assertThat(keys.get(0)).isEqualTo("\u0001below-every-test-prefix");
        assertThat(got.getCount()).isEqualTo(keys.size());
    }

    @Test
    void aLimitTruncatesTheResultAndReportsMoreAndTheFullCount() {
        putAll("a", "b", "c", "d", "e");

        GetResponse limited = underPrefix(GetOption.builder().withLimit(2));
        GetResponse exact = underPrefix(GetOption.builder().withLimit(5));
        GetResponse unlimited = underPrefix(GetOption.builder().withLimit(0));

        assertThat(keysOf(limited)).containsExactly(key("a"), key("b"));
        assertThat(limited.isMore()).isTrue();
        assertThat(limited.getCount()).isEqualTo(5);
        assertThat(keysOf(exact)).hasSize(5);
        assertThat(exact.isMore()).isFalse();
        assertThat(exact.getCount()).isEqualTo(5);
        assertThat(keysOf(unlimited)).hasSize(5);
        assertThat(unlimited.isMore()).isFalse();
    }

    @Test
    void aHistoricalReadSeesTheKeyAsItWasAtThatRevision() {
        long first = await(kv().put(k("a"), bytes("v1"))).getHeader().getRevision();
        long second = await(kv().put(k("a"), bytes("v2"))).getHeader().getRevision();
        await(kv().put(k("b"), bytes("b1")));
        long deleted = await(kv().delete(k("a"))).getHeader().getRevision();

        KeyValue atFirst = await(kv().get(k("a"), GetOption.builder().withRevision(first).build())).getKvs().get(0);
        KeyValue atSecond = await(kv().get(k("a"), GetOption.builder().withRevision(second).build())).getKvs().get(0);
        GetResponse atDelete = await(kv().get(k("a"), GetOption.builder().withRevision(deleted).build()));
        GetResponse prefixAtFirst = underPrefix(GetOption.builder().withRevision(first));

        assertThat(text(atFirst.getValue())).isEqualTo("v1");
        assertThat(atFirst.getModRevision()).isEqualTo(first);
        assertThat(atFirst.getVersion()).isEqualTo(1);
        assertThat(text(atSecond.getValue())).isEqualTo("v2");
        assertThat(atSecond.getCreateRevision()).isEqualTo(first);
        assertThat(atSecond.getVersion()).isEqualTo(2);
        assertThat(atDelete.getKvs()).isEmpty();
        assertThat(keysOf(prefixAtFirst)).containsExactly(key("a"));
        assertThat(await(kv().get(k("a"))).getKvs()).isEmpty();
    }

    @Test
    void aHistoricalReadAnswersWithTheCurrentRevisionInItsHeader() {
        long first = await(kv().put(k("a"), bytes("v1"))).getHeader().getRevision();
        long latest = await(kv().put(k("a"), bytes("v2"))).getHeader().getRevision();

        GetResponse got = await(kv().get(k("a"), GetOption.builder().withRevision(first).build()));

        assertThat(got.getHeader().getRevision()).isGreaterThanOrEqualTo(latest);
    }

    /**
     * Writes three keys so that each sort target orders them differently: by KEY a,b,c; by CREATE c,a,b; by MOD b,c,a;
     * by VERSION b,a,c; by VALUE a,c,b.
     */
    private void putKeysWithDistinctOrders() {
        put("c", "c1");
        put("a", "a1");
        put("b", "v3");
        put("c", "c2");
        put("c", "v2");
        put("a", "v1");
    }

    static Stream<Arguments> sortCases() {
        return Stream.of(
                Arguments.of(SortTarget.KEY, List.of("a", "b", "c")),
                Arguments.of(SortTarget.CREATE, List.of("c", "a", "b")),
                Arguments.of(SortTarget.MOD, List.of("b", "c", "a")),
                Arguments.of(SortTarget.VERSION, List.of("b", "a", "c")),
                Arguments.of(SortTarget.VALUE, List.of("a", "c", "b")));
    }

    @ParameterizedTest(name = "by {0}")
    @MethodSource("sortCases")
    void sortsAscendingAndDescendingByEachTarget(SortTarget target, List<String> ascending) {
        putKeysWithDistinctOrders();

        List<String> up = keysOf(underPrefix(sortedBy(target, SortOrder.ASCEND)));
        List<String> down = keysOf(underPrefix(sortedBy(target, SortOrder.DESCEND)));

        assertThat(up).containsExactlyElementsOf(ascending.stream().map(this::key).toList());
        assertThat(down).containsExactlyElementsOf(ascending.reversed().stream().map(this::key).toList());
    }

    @ParameterizedTest(name = "by {0}")
    @MethodSource("sortCases")
    void anUnspecifiedSortOrderIsAscending(SortTarget target, List<String> ascending) {
        putKeysWithDistinctOrders();

        List<String> keys = keysOf(underPrefix(sortedBy(target, SortOrder.NONE)));

        assertThat(keys).containsExactlyElementsOf(ascending.stream().map(this::key).toList());
    }

    @ParameterizedTest(name = "by {0}")
    @EnumSource(value = SortTarget.class)
    void sortingHappensBeforeTheLimit(SortTarget target) {
        putKeysWithDistinctOrders();
        List<String> all = keysOf(underPrefix(sortedBy(target, SortOrder.DESCEND)));

        GetResponse first = underPrefix(sortedBy(target, SortOrder.DESCEND).withLimit(1));

        assertThat(keysOf(first)).containsExactly(all.get(0));
        assertThat(first.isMore()).isTrue();
        assertThat(first.getCount()).isEqualTo(3);
    }

    @Test
    void keysOnlyLeavesOutValuesButKeepsRevisionsAndVersions() {
        long revision = put("a", "value");

        KeyValue kv = await(kv().get(k("a"), GetOption.builder().withKeysOnly(true).build())).getKvs().get(0);

        assertThat(text(kv.getKey())).isEqualTo(key("a"));
        assertThat(kv.getValue().isEmpty()).isTrue();
        assertThat(kv.getCreateRevision()).isEqualTo(revision);
        assertThat(kv.getModRevision()).isEqualTo(revision);
        assertThat(kv.getVersion()).isEqualTo(1);
    }

    @Test
    void countOnlyReturnsTheCountWithoutKeys() {
        putAll("a", "b", "c");

        GetResponse got = underPrefix(GetOption.builder().withCountOnly(true));
        GetResponse limited = underPrefix(GetOption.builder().withCountOnly(true).withLimit(1));

        assertThat(got.getKvs()).isEmpty();
        assertThat(got.getCount()).isEqualTo(3);
        assertThat(got.isMore()).isFalse();
        assertThat(limited.getKvs()).isEmpty();
        assertThat(limited.getCount()).isEqualTo(3);
    }

    @Test
    void aSerializableReadOfALocalMemberSeesAcknowledgedWrites() {
        long revision = put("a", "1");

        GetResponse got = await(kv().get(k("a"), GetOption.builder().withSerializable(true).build()));

        assertThat(keysOf(got)).containsExactly(key("a"));
        assertThat(got.getHeader().getRevision()).isGreaterThanOrEqualTo(revision);
    }

    @Test
    void minAndMaxModRevisionFilterKeysButNotTheCount() {
        long a = put("a", "1");
        long b = put("b", "1");
        long c = put("c", "1");

        GetResponse min = underPrefix(GetOption.builder().withMinModRevision(b));
        GetResponse max = underPrefix(GetOption.builder().withMaxModRevision(b));
        GetResponse both = underPrefix(GetOption.builder().withMinModRevision(b).withMaxModRevision(b));

        assertThat(keysOf(min)).containsExactly(key("b"), key("c"));
        assertThat(keysOf(max)).containsExactly(key("a"), key("b"));
        assertThat(keysOf(both)).containsExactly(key("b"));
        assertThat(min.getCount()).as("count is taken before the filter").isEqualTo(3);
        assertThat(both.getCount()).as("count is taken before the filter").isEqualTo(3);
        assertThat(a).isLessThan(b).isLessThan(c);
    }

    @Test
    void minAndMaxCreateRevisionFilterOnTheCreatingWrite() {
        long a = put("a", "1");
        long b = put("b", "1");
        put("c", "1");
        put("a", "2");

        GetResponse min = underPrefix(GetOption.builder().withMinCreateRevision(b));
        GetResponse max = underPrefix(GetOption.builder().withMaxCreateRevision(b));

        assertThat(keysOf(min)).containsExactly(key("b"), key("c"));
        assertThat(keysOf(max)).containsExactly(key("a"), key("b"));
        assertThat(a).isLessThan(b);
    }

    @Test
    void revisionFiltersApplyBeforeTheLimit() {
        put("a", "1");
        long b = put("b", "1");
        put("c", "1");

        GetResponse got = underPrefix(GetOption.builder().withMinModRevision(b).withLimit(1));

        assertThat(keysOf(got)).containsExactly(key("b"));
        assertThat(got.isMore()).isTrue();
    }

    private static GetOption.Builder sortedBy(SortTarget target, SortOrder order) {
        return GetOption.builder().withSortField(target).withSortOrder(order);
    }

    /** Reads every key under this test's prefix with the given options. */
    private GetResponse underPrefix(GetOption.Builder options) {
        return await(kv().get(bytes(prefix()), options.isPrefix(true).build()));
    }

    private long put(String name, String value) {
        return await(kv().put(k(name), bytes(value))).getHeader().getRevision();
    }

    private void putAll(String... names) {
        for (String name : names) {
            put(name, "v-" + name);
        }
    }

    private static List<String> keysOf(GetResponse response) {
        return response.getKvs().stream().map(kv -> text(kv.getKey())).toList();
    }
}
