package io.cairn.kv.server.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.cairn.kv.server.auth.AuthInfo;
import io.cairn.kv.server.auth.AuthStore;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.cluster.Members;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.lease.Lessor;
import io.cairn.kv.server.maintenance.Alarms;
import io.cairn.kv.server.maintenance.KvHash;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthRoleGrantPermissionRequest;
import io.etcd.jetcd.api.AuthRoleRevokePermissionRequest;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.Permission;
import io.etcd.jetcd.api.PutRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthCommandsTest {

    @TempDir
    Path dir;

    private static UnknownFieldSet hashField(int number, String hash) {
        return UnknownFieldSet.newBuilder().addField(number, UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.copyFromUtf8(hash)).build()).build();
    }

    private static final String HASH = "$2a$04$abcdefghijklmnopqrstuuN3l7QJmVPuYq4Nq7KY0xWmQnrG2r9yy";

    private static List<Command> log() {
        List<Command> log = new ArrayList<>();
        log.add(new Command.AuthChange(AuthUserAddRequest.newBuilder().setName("root")
                .setUnknownFields(hashField(4, HASH)).build()));
        log.add(new Command.AuthChange(AuthUserAddRequest.newBuilder().setName("alice")
                .setUnknownFields(hashField(4, HASH)).build()));
        log.add(new Command.AuthChange(AuthRoleAddRequest.newBuilder().setName("app").build()));
        log.add(new Command.AuthChange(AuthRoleGrantPermissionRequest.newBuilder().setName("app")
                .setPerm(Permission.newBuilder().setKey(ByteString.copyFromUtf8("/app/"))
                        .setRangeEnd(ByteString.copyFromUtf8("/app0")).setPermType(Permission.Type.READWRITE))
                .build()));
        log.add(new Command.AuthChange(AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build()));
        log.add(new Command.AuthChange(AuthUserGrantRoleRequest.newBuilder().setUser("alice").setRole("app").build()));
        log.add(new Command.AuthChange(AuthEnableRequest.getDefaultInstance()));
        return log;
    }

    private record Replica(Backend backend, MvccStore store, AuthStore auth, Applier applier) implements AutoCloseable {
        static Replica open(Path dir) {
            Backend backend = Backend.open(dir);
            MvccStore store = MvccStore.open(backend, Runnable::run);
            AuthStore auth = AuthStore.open(backend);
            Lessor lessor = new Lessor(store, backend, Duration.ofSeconds(1), () -> 0L);
            return new Replica(backend, store, auth,
                    new Applier(store, lessor, new Alarms(backend), new Members(backend), auth));
        }

        Outcome apply(long index, Command c) {
            return applier.apply(index, ByteBuffer.wrap(c.encode()));
        }

        @Override
        public void close() {
            store.close();
            backend.close();
        }
    }

    @Test
    void authCommandsSurviveEncodingAndDecodingUnchanged() {
        List<Command> all = new ArrayList<>(log());
        all.add(new Command.AsUser("alice", 7, new Command.Put(PutRequest.newBuilder()
                .setKey(ByteString.copyFromUtf8("k")).build())));
        all.add(new Command.AsUser("", 0, new Command.AuthChange(AuthRoleRevokePermissionRequest.newBuilder()
                .setRole("app").setKey(ByteString.copyFromUtf8("a")).build())));
        all.add(new Command.AuthChange(AuthenticateRequest.newBuilder().setName("alice")
                .setUnknownFields(hashField(3, "abcdefghijklmnop")).build()));

        for (Command c : all) {
            assertThat(Command.decode(ByteBuffer.wrap(c.encode()))).isEqualTo(c);
        }
    }

    @Test
    void aLogEntryNeverCarriesAPasswordField() {
        for (Command c : log()) {
            if (c instanceof Command.AuthChange a && a.request() instanceof AuthUserAddRequest u) {
                assertThat(u.getPassword()).isEmpty();
            }
        }
    }

    @Test
    void replicasApplyingTheSameAuthLogHoldTheSameBytesAndTheStateSurvivesReopening() {
        byte[][] hashes = new byte[2][];
        for (int r = 0; r < 2; r++) {
            try (Replica replica = Replica.open(dir.resolve("r" + r))) {
                long i = 1;
                for (Command c : log()) {
                    assertThat(replica.apply(i++, c)).isInstanceOf(Outcome.Applied.class);
                }
                replica.backend().flush();
                hashes[r] = ByteBuffer.allocate(4).putInt(KvHash.hashAll(replica.backend())).array();
                assertThat(replica.auth().enabled()).isTrue();
            }
        }
        assertThat(hashes[0]).isEqualTo(hashes[1]);
        try (Replica reopened = Replica.open(dir.resolve("r0"))) {
            assertThat(reopened.auth().enabled()).isTrue();
            AuthInfo root = new AuthInfo("root", reopened.auth().revision());
            assertThat(reopened.auth().userList(root)).containsExactly("alice", "root");
            assertThat(reopened.auth().userGet(root, "alice")).containsExactly("app");
        }
    }

    @Test
    void writesAreCheckedAtApplyAgainstTheAuthStateOfThatPointInTheLog() {
        try (Replica r = Replica.open(dir.resolve("x"))) {
            long i = 1;
            for (Command c : log()) {
                r.apply(i++, c);
            }
            long rev = r.auth().revision();
            PutRequest inApp = PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("/app/k")).build();
            PutRequest outside = PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("other")).build();

            assertThat(r.apply(i++, new Command.AsUser("alice", rev, new Command.Put(inApp))))
                    .isInstanceOf(Outcome.Applied.class);
            assertThat(rejection(r.apply(i++, new Command.AsUser("alice", rev, new Command.Put(outside)))))
                    .isInstanceOf(KvException.PermissionDenied.class);
            assertThat(rejection(r.apply(i++, new Command.Put(inApp)))).isInstanceOf(KvException.UserEmpty.class);
            assertThat(r.apply(i++, new Command.AsUser("root", rev, new Command.Put(outside))))
                    .isInstanceOf(Outcome.Applied.class);
            Message revoke = AuthRoleRevokePermissionRequest.newBuilder().setRole("app")
                    .setKey(ByteString.copyFromUtf8("/app/")).setRangeEnd(ByteString.copyFromUtf8("/app0")).build();
            assertThat(rejection(r.apply(i++, new Command.AsUser("alice", rev, new Command.AuthChange(revoke)))))
                    .isInstanceOf(KvException.PermissionDenied.class);
            assertThat(r.apply(i++, new Command.AsUser("root", rev, new Command.AuthChange(revoke))))
                    .isInstanceOf(Outcome.Applied.class);
            assertThat(rejection(r.apply(i++, new Command.AsUser("alice", rev, new Command.Put(inApp)))))
                    .isInstanceOf(KvException.AuthOldRevision.class);
            assertThat(rejection(r.apply(i++, new Command.AsUser("alice", r.auth().revision(),
                    new Command.Put(inApp))))).isInstanceOf(KvException.PermissionDenied.class);
        }
    }

    private static KvException rejection(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) o).error();
    }
}
