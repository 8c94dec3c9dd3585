package io.cairn.kv.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Permission;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangePermissionsTest {

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static final ByteString ALL = ByteString.copyFrom(new byte[] {0});

    private static Permission perm(Permission.Type type, String key, ByteString end) {
        return Permission.newBuilder().setPermType(type).setKey(b(key)).setRangeEnd(end).build();
    }

    @Test
    void aSingleKeyPermissionAllowsThatKeyAndNothingElse() {
        RangePermissions p = RangePermissions.of(List.of(perm(Permission.Type.READ, "k", ByteString.EMPTY)));

        assertThat(p.mayRead(b("k"), ByteString.EMPTY)).isTrue();
        assertThat(p.mayRead(b("k"), b("k\0"))).isTrue();
        assertThat(p.mayRead(b("k0"), ByteString.EMPTY)).isFalse();
        assertThat(p.mayRead(b("k"), b("l"))).isFalse();
        assertThat(p.mayWrite(b("k"), ByteString.EMPTY)).isFalse();
    }

    @Test
    void touchingRangesOfTwoRolesMergeIntoOneThatCoversARangeOverBoth() {
        RangePermissions p = RangePermissions.of(List.of(
                perm(Permission.Type.READ, "a", b("m")), perm(Permission.Type.READWRITE, "m", b("z"))));

        assertThat(p.mayRead(b("b"), b("y"))).isTrue();
        assertThat(p.mayRead(b("a"), b("z"))).isTrue();
        assertThat(p.mayRead(b("a"), b("z0"))).isFalse();
        assertThat(p.mayWrite(b("b"), b("y"))).isFalse();
        assertThat(p.mayWrite(b("m"), b("y"))).isTrue();
    }

    @Test
    void aGapBetweenRangesRefusesARangeAcrossIt() {
        RangePermissions p = RangePermissions.of(List.of(
                perm(Permission.Type.READ, "a", b("c")), perm(Permission.Type.READ, "d", b("f"))));

        assertThat(p.mayRead(b("a"), b("f"))).isFalse();
        assertThat(p.mayRead(b("c"), ByteString.EMPTY)).isFalse();
        assertThat(p.mayRead(b("e"), ByteString.EMPTY)).isTrue();
    }

    @Test
    void aRangeEndOfZeroMeansEveryKeyFromTheKeyOn() {
        RangePermissions p = RangePermissions.of(List.of(perm(Permission.Type.WRITE, "p", ALL)));

        assertThat(p.mayWrite(b("p"), ALL)).isTrue();
        assertThat(p.mayWrite(b("zzzz"), ByteString.EMPTY)).isTrue();
        assertThat(p.mayWrite(b("o"), ALL)).isFalse();
        assertThat(p.mayWrite(b("q"), b("\u00ff"))).isTrue();
    }

    @Test
    void aBoundedRangeDoesNotAllowAnOpenEndedRequest() {
        RangePermissions p = RangePermissions.of(List.of(perm(Permission.Type.READ, "/app/", b("/app0"))));

        assertThat(p.mayRead(b("/app/x"), ALL)).isFalse();
        assertThat(p.mayRead(b("/app/"), b("/app0"))).isTrue();
        assertThat(p.mayRead(b("/app/x"), ByteString.EMPTY)).isTrue();
    }

    @Test
    void overlappingAndNestedIntervalsMergeWithoutLosingTheLargerEnd() {
        List<RangePermissions.Interval> merged = RangePermissions.merge(List.of(
                new RangePermissions.Interval(b("a"), b("z")), new RangePermissions.Interval(b("b"), b("c")),
                new RangePermissions.Interval(b("y"), null), new RangePermissions.Interval(b("0"), b("1"))));

        assertThat(merged).containsExactly(new RangePermissions.Interval(b("0"), b("1")),
                new RangePermissions.Interval(b("a"), null));
    }

    @Test
    void noPermissionsAllowNothing() {
        assertThat(RangePermissions.NONE.mayRead(b("a"), ByteString.EMPTY)).isFalse();
        assertThat(RangePermissions.NONE.mayWrite(b("a"), ALL)).isFalse();
    }
}
