package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthRoleGrantPermissionRequest;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthUserListRequest;
import io.etcd.jetcd.api.AuthUserRevokeRoleRequest;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.Permission;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * etcd's auth through real clients (jetcd with user and password, and raw stubs with a token), against etcd 3.4
 * and Cairn: permitted and forbidden requests, a denied watch, a role revoked under an existing token, the state
 * across a restart, and the slowdown of repeated wrong passwords (Cairn only; etcd has none).
 */
@BothServers
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class AuthConformanceTest extends ConformanceTest {

    private static final String ROOT_PASSWORD = "root-secret";
    private TestCluster enabledOn;

    private static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);

    private AuthGrpc.AuthBlockingStub auth(Channel channel) {
        return AuthGrpc.newBlockingStub(channel).withDeadlineAfter(TestCluster.RPC_DEADLINE.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private String token(String user, String password) {
        return auth(cluster.channel()).authenticate(AuthenticateRequest.newBuilder().setName(user)
                .setPassword(password).build()).getToken();
    }

    /** {@link #token} once the server answers again after a restart. */
    private String tokenAfterRestart(String user, String password) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return token(user, password);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private Channel as(String token) {
        Metadata md = new Metadata();
        md.put(TOKEN, token);
        return ClientInterceptors.intercept(cluster.channel(), MetadataUtils.newAttachHeadersInterceptor(md));
    }

    private AuthGrpc.AuthBlockingStub asRoot() {
        return auth(as(token("root", ROOT_PASSWORD)));
    }

    private KVGrpc.KVBlockingStub kv(String token) {
        return KVGrpc.newBlockingStub(as(token)).withDeadlineAfter(TestCluster.RPC_DEADLINE.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Once per server: a root user, then auth on. Each test adds its own users and roles. */
    @BeforeEach
    void enableAuthOnce() {
        if (enabledOn == cluster) {
            return;
        }
        var a = auth(cluster.channel());
        a.userAdd(AuthUserAddRequest.newBuilder().setName("root").setPassword(ROOT_PASSWORD).build());
        a.userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build());
        a.authEnable(AuthEnableRequest.getDefaultInstance());
        enabledOn = cluster;
    }

    /** A user named after the test that may read and write the test's prefix. */
    private String userOfThisTest(String password) {
        String name = "u" + Integer.toHexString(prefix().hashCode());
        var root = asRoot();
        root.roleAdd(AuthRoleAddRequest.newBuilder().setName(name).build());
        root.roleGrantPermission(AuthRoleGrantPermissionRequest.newBuilder().setName(name)
                .setPerm(Permission.newBuilder().setPermType(Permission.Type.READWRITE).setKey(bs(prefix()))
                        .setRangeEnd(bs(prefix().substring(0, prefix().length() - 1) + "0")))
                .build());
        root.userAdd(AuthUserAddRequest.newBuilder().setName(name).setPassword(password).build());
        root.userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser(name).setRole(name).build());
        return name;
    }

    private static ByteSequence bytesOf(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Test
    void aJetcdClientWithUserAndPasswordWritesAndReadsItsPrefixButNothingElse() throws Exception {
        String user = userOfThisTest("pw1");
        try (Client client = Client.builder().endpoints(cluster.server().endpoint()).user(bytesOf(user))
                .password(bytesOf("pw1")).build()) {
            client.getKVClient().put(k("a"), bytes("1")).get(15, TimeUnit.SECONDS);

            assertThat(client.getKVClient().get(k("a")).get(15, TimeUnit.SECONDS).getKvs())
                    .extracting(kv -> text(kv.getValue())).containsExactly("1");
            assertThatThrownBy(() -> client.getKVClient().put(bytes("/elsewhere"), bytes("x"))
                    .get(15, TimeUnit.SECONDS)).hasMessageContaining("etcdserver: permission denied");
        }
    }

    @Test
    void aRequestWithoutATokenIsRefusedWithUserNameIsEmpty() {
        assertThatThrownBy(() -> raw().range(RangeRequest.newBuilder().setKey(bs(key("a"))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("etcdserver: user name is empty");
                });
    }

    @Test
    void anUnknownTokenIsRefusedAsInvalid() {
        // index 1 is applied everywhere: the token is simply unknown (etcd waits for a token's index first)
        assertThatThrownBy(() -> kv("abcdefghijklmnop.1").range(
                RangeRequest.newBuilder().setKey(bs(key("a"))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("etcdserver: invalid auth token");
                });
    }

    @Test
    void aWatchOnAForbiddenRangeIsCreatedAndCanceledWithPermissionDenied() {
        String user = userOfThisTest("pw2");
        String token = token(user, "pw2");
        try (RawWatchStream allowed = new RawWatchStream(as(token));
             RawWatchStream forbidden = new RawWatchStream(as(token))) {
            WatchResponse ok = allowed.createAndAwait(RawWatchStream.request(key("w"), ""));
            WatchResponse denied = forbidden.createAndAwait(RawWatchStream.request("/other", ""));

            assertThat(ok.getCanceled()).isFalse();
            assertThat(denied.getCreated()).isTrue();
            assertThat(denied.getCanceled()).isTrue();
            assertThat(denied.getWatchId()).isEqualTo(-1);
            assertThat(denied.getCancelReason())
                    .isEqualTo("rpc error: code = PermissionDenied desc = etcdserver: permission denied");
        }
    }

    @Test
    void aJetcdWatchOnAForbiddenRangeEndsWithPermissionDenied() throws Exception {
        String user = userOfThisTest("pw6");
        try (Client client = Client.builder().endpoints(cluster.server().endpoint()).user(bytesOf(user))
                .password(bytesOf("pw6")).build()) {
            java.util.concurrent.CompletableFuture<Throwable> failed = new java.util.concurrent.CompletableFuture<>();
            try (var watcher = client.getWatchClient().watch(bytes("/forbidden"),
                    io.etcd.jetcd.Watch.listener(r -> { }, failed::complete))) {
                assertThat(failed.get(30, TimeUnit.SECONDS)).hasMessageContaining("etcdserver: permission denied");
            }
        }
    }

    @Test
    void revokingARoleTakesEffectAtOnceForATokenIssuedBefore() {
        String user = userOfThisTest("pw3");
        String token = token(user, "pw3");
        kv(token).put(PutRequest.newBuilder().setKey(bs(key("r"))).setValue(bs("v")).build());

        asRoot().userRevokeRole(AuthUserRevokeRoleRequest.newBuilder().setName(user).setRole(user).build());

        assertThatThrownBy(() -> kv(token).range(RangeRequest.newBuilder().setKey(bs(key("r"))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .isEqualTo("etcdserver: permission denied"));
        assertThatThrownBy(() -> kv(token).put(PutRequest.newBuilder().setKey(bs(key("r"))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .isEqualTo("etcdserver: permission denied"));
    }

    @Test
    void aLeaseWithAKeyTheUserMayNotWriteCanNeitherBeRevokedNorTakeMoreKeysByThatUser() {
        String user = userOfThisTest("pw5");
        String token = token(user, "pw5");
        var lease = io.etcd.jetcd.api.LeaseGrpc.newBlockingStub(as(token)).withDeadlineAfter(
                TestCluster.RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        long mine = lease.leaseGrant(io.etcd.jetcd.api.LeaseGrantRequest.newBuilder().setTTL(600).build()).getID();
        long shared = lease.leaseGrant(io.etcd.jetcd.api.LeaseGrantRequest.newBuilder().setTTL(600).build()).getID();
        kv(token).put(PutRequest.newBuilder().setKey(bs(key("l1"))).setLease(mine).build());
        kv(token(("root"), ROOT_PASSWORD)).put(PutRequest.newBuilder().setKey(bs("/outside-" + prefix().hashCode()))
                .setLease(shared).build());

        assertThatThrownBy(() -> kv(token).put(PutRequest.newBuilder().setKey(bs(key("l2"))).setLease(shared)
                .build())).hasMessageContaining("etcdserver: permission denied");
        assertThatThrownBy(() -> io.etcd.jetcd.api.LeaseGrpc.newBlockingStub(as(token)).leaseRevoke(
                io.etcd.jetcd.api.LeaseRevokeRequest.newBuilder().setID(shared).build()))
                .hasMessageContaining("etcdserver: permission denied");
        io.etcd.jetcd.api.LeaseGrpc.newBlockingStub(as(token)).leaseRevoke(
                io.etcd.jetcd.api.LeaseRevokeRequest.newBuilder().setID(mine).build());
        assertThat(kv(token).range(RangeRequest.newBuilder().setKey(bs(key("l1"))).build()).getCount()).isZero();
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: the other tests need no reconnect
    void usersRolesAndTheEnabledFlagSurviveARestart() throws InterruptedException {
        String user = userOfThisTest("pw4");
        kv(token(user, "pw4")).put(PutRequest.newBuilder().setKey(bs(key("s"))).setValue(bs("kept")).build());

        cluster.server().restart();

        assertThat(kv(tokenAfterRestart(user, "pw4")).range(RangeRequest.newBuilder().setKey(bs(key("s"))).build()).getKvs(0)
                .getValue().toStringUtf8()).isEqualTo("kept");
        assertThat(asRoot().userList(AuthUserListRequest.getDefaultInstance()).getUsersList()).contains("root", user);
        assertThatThrownBy(() -> raw().range(RangeRequest.newBuilder().setKey(bs(key("s"))).build()))
                .hasMessageContaining("etcdserver: user name is empty");
    }

    @Test
    void repeatedWrongPasswordsForOneUserAreSlowedDown() {
        assumeThat(kind).as("the slowdown is Cairn's; etcd has none").isEqualTo(ServerKind.CAIRN);
        String user = userOfThisTest("right");
        int attempts = 7;
        long lowerBoundMillis = 0;
        for (int failures = 0; failures < attempts; failures++) {
            lowerBoundMillis += failures < 3 ? 0 : 100L << (failures - 3); // 100, 200, 400, 800 ms
        }

        long start = System.nanoTime();
        for (int i = 0; i < attempts; i++) {
            assertThatThrownBy(() -> token(user, "wrong"))
                    .hasMessageContaining("etcdserver: authentication failed, invalid user ID or password");
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(lowerBoundMillis);
        assertThat(token(user, "right")).as("the right password still works").isNotEmpty();
    }
}
