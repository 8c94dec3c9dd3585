package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthRoleGrantPermissionRequest;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthUserRevokeRoleRequest;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.Permission;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.lock.LockGrpc;
import io.etcd.jetcd.api.lock.LockRequest;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Auth on a three-member Cairn cluster: users, roles and the enabled flag set through the leader hold at every
 * member; a follower authenticates a user, accepts a token the leader issued (etcd 3.4 registers simple tokens on
 * every member), enforces permissions and sees a revocation at once; Lock runs with its caller's rights.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthClusterTest {

    private static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);

    private CairnCluster cluster;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private Channel leader;
    private Channel follower;

    @BeforeAll
    void startClusterAndEnableAuthThroughTheLeader() {
        cluster = CairnCluster.start(3, List.of());
        leader = channel(cluster.leader());
        follower = channel(cluster.follower());
        var a = auth(leader, null);
        a.userAdd(AuthUserAddRequest.newBuilder().setName("root").setPassword("rootpw").build());
        a.userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build());
        a.roleAdd(AuthRoleAddRequest.newBuilder().setName("app").build());
        for (String prefix : List.of("/app/", "mylock/")) {
            a.roleGrantPermission(AuthRoleGrantPermissionRequest.newBuilder().setName("app")
                    .setPerm(Permission.newBuilder().setPermType(Permission.Type.READWRITE).setKey(bs(prefix))
                            .setRangeEnd(bs(prefix.substring(0, prefix.length() - 1) + "0")))
                    .build());
        }
        a.userAdd(AuthUserAddRequest.newBuilder().setName("alice").setPassword("alicepw").build());
        a.userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser("alice").setRole("app").build());
        a.authEnable(AuthEnableRequest.getDefaultInstance());
    }

    @AfterAll
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (cluster != null) {
            cluster.close();
        }
    }

    private ManagedChannel channel(CairnCluster.Member m) {
        String[] hostPort = m.endpoint().split(":");
        ManagedChannel c = NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext()
                .build();
        channels.add(c);
        return c;
    }

    private static Channel with(Channel channel, String token) {
        if (token == null) {
            return channel;
        }
        Metadata md = new Metadata();
        md.put(TOKEN, token);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(md));
    }

    private static AuthGrpc.AuthBlockingStub auth(Channel channel, String token) {
        return AuthGrpc.newBlockingStub(with(channel, token)).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private static KVGrpc.KVBlockingStub kv(Channel channel, String token) {
        return KVGrpc.newBlockingStub(with(channel, token)).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private static String login(Channel channel, String user, String password) {
        return auth(channel, null).authenticate(AuthenticateRequest.newBuilder().setName(user).setPassword(password)
                .build()).getToken();
    }

    @Test
    void aUserAddedThroughTheLeaderAuthenticatesAtAFollowerWhichEnforcesItsPermissions() {
        String token = login(follower, "alice", "alicepw");

        kv(follower, token).put(PutRequest.newBuilder().setKey(bs("/app/x")).setValue(bs("1")).build());
        assertThat(kv(follower, token).range(RangeRequest.newBuilder().setKey(bs("/app/x")).build()).getCount())
                .isEqualTo(1);
        assertThatThrownBy(() -> kv(follower, token).put(PutRequest.newBuilder().setKey(bs("/other")).build()))
                .hasMessageContaining("etcdserver: permission denied");
        assertThatThrownBy(() -> kv(follower, token).range(RangeRequest.newBuilder().setKey(bs("/other")).build()))
                .hasMessageContaining("etcdserver: permission denied");
        assertThatThrownBy(() -> kv(follower, null).range(RangeRequest.newBuilder().setKey(bs("/app/x")).build()))
                .hasMessageContaining("etcdserver: user name is empty");
    }

    @Test
    void aTokenIssuedByTheLeaderWorksAtAFollower() {
        String token = login(leader, "alice", "alicepw");

        assertThat(kv(follower, token).range(RangeRequest.newBuilder().setKey(bs("/app/")).setRangeEnd(bs("/app0"))
                .build()).getHeader().getRevision()).isPositive();
    }

    @Test
    void aRoleRevokedThroughTheLeaderStopsAnExistingTokenAtAFollowerAtOnce() {
        var root = auth(leader, login(leader, "root", "rootpw"));
        root.userAdd(AuthUserAddRequest.newBuilder().setName("bob").setPassword("bobpw").build());
        root.userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser("bob").setRole("app").build());
        String bob = login(follower, "bob", "bobpw");
        kv(follower, bob).put(PutRequest.newBuilder().setKey(bs("/app/bob")).setValue(bs("1")).build());

        root.userRevokeRole(AuthUserRevokeRoleRequest.newBuilder().setName("bob").setRole("app").build());

        // the follower answers only after applying what the leader had committed: the revocation included
        assertThatThrownBy(() -> kv(follower, bob).range(RangeRequest.newBuilder().setKey(bs("/app/bob")).build()))
                .hasMessageContaining("etcdserver: permission denied");
        assertThatThrownBy(() -> kv(follower, bob).put(PutRequest.newBuilder().setKey(bs("/app/bob")).build()))
                .hasMessageContaining("etcdserver: permission denied");
    }

    @Test
    void lockRunsWithTheRightsOfItsCaller() {
        String alice = login(follower, "alice", "alicepw");
        long lease = LeaseGrpc.newBlockingStub(with(follower, alice)).withDeadlineAfter(20, TimeUnit.SECONDS)
                .leaseGrant(LeaseGrantRequest.newBuilder().setTTL(30).build()).getID();

        var held = LockGrpc.newBlockingStub(with(follower, alice)).withDeadlineAfter(20, TimeUnit.SECONDS)
                .lock(LockRequest.newBuilder().setName(bs("mylock")).setLease(lease).build());
        assertThat(held.getKey().toStringUtf8()).startsWith("mylock/");

        assertThatThrownBy(() -> LockGrpc.newBlockingStub(with(follower, alice)).withDeadlineAfter(20,
                TimeUnit.SECONDS).lock(LockRequest.newBuilder().setName(bs("otherlock")).setLease(lease).build()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> LockGrpc.newBlockingStub(follower).withDeadlineAfter(20, TimeUnit.SECONDS)
                .lock(LockRequest.newBuilder().setName(bs("mylock")).setLease(lease).build()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("user name is empty");
    }
}
