package io.cairn.kv.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.cairn.kv.server.auth.AuthInfo;
import io.cairn.kv.server.auth.AuthStore;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.concurrency.ConcurrencyServices;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who a call runs as: a client certificate's common name when there is no token, and the forwarded-user header
 * that carries that identity onto Lock/Election loopback calls, trusted only by the loopback server.
 */
class CallerAuthTest {

    @TempDir
    Path dir;

    private Backend backend;
    private MvccStore mvcc;
    private AuthStore auth;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void enabledAuth() {
        backend = Backend.open(dir);
        mvcc = MvccStore.open(backend, Runnable::run);
        auth = AuthStore.open(backend);
        long index = 1;
        String hash = "$2a$04$abcdefghijklmnopqrstuuN3l7QJmVPuYq4Nq7KY0xWmQnrG2r9yy";
        for (var request : new com.google.protobuf.Message[] {
            AuthUserAddRequest.newBuilder().setName("root").setUnknownFields(UnknownFieldSet.newBuilder()
                    .addField(4, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(hash))
                            .build()).build()).build(),
            AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build(),
            AuthEnableRequest.getDefaultInstance()}) {
            try (var w = mvcc.beginWrite(index)) {
                auth.apply(w, request, index++);
                w.end();
            }
        }
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.shutdownNow();
            server.shutdownNow();
        }
        mvcc.close();
        backend.close();
    }

    /** Serves a Range that records who the call runs as (and the forwarded-user header it arrived with). */
    private AtomicReference<Object> serve(CallerAuth callers, ServerInterceptor... more) throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>();
        KVGrpc.KVImplBase recorder = new KVGrpc.KVImplBase() {
            @Override
            public void range(RangeRequest request, StreamObserver<RangeResponse> out) {
                seen.set(callers.current());
                out.onNext(RangeResponse.getDefaultInstance());
                out.onCompleted();
            }
        };
        var def = ServerInterceptors.intercept(recorder, callers);
        for (ServerInterceptor i : more) {
            def = ServerInterceptors.intercept(def, i);
        }
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(def).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return seen;
    }

    private void callWith(String forwardedUser) {
        Metadata md = new Metadata();
        if (forwardedUser != null) {
            md.put(ConcurrencyServices.FORWARDED_USER, forwardedUser);
        }
        KVGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
                .range(RangeRequest.getDefaultInstance());
    }

    @Test
    void withoutATokenTheClientCertificatesCommonNameIsTheUser() throws Exception {
        var seen = serve(new CallerAuth(auth, call -> Optional.of("carol")));

        callWith(null);

        assertThat(seen.get()).isEqualTo(new AuthInfo("carol", auth.revision()));
    }

    @Test
    void thePublicEdgeIgnoresAForwardedUserAClientSends() throws Exception {
        var seen = serve(new CallerAuth(auth, CommonNameSource.NONE));

        callWith("root");

        assertThat(seen.get()).isEqualTo(AuthInfo.NONE);
    }

    @Test
    void theLoopbackServerRunsTheCallAsTheForwardedUser() throws Exception {
        var seen = serve(new CallerAuth(auth, CommonNameSource.NONE).forLoopback());

        callWith("carol");

        assertThat(seen.get()).isEqualTo(new AuthInfo("carol", auth.revision()));
    }

    @Test
    void lockAndElectionCallsForwardTheCertificateIdentity() throws Exception {
        assertThat(forwardedAfterTheEdge(call -> Optional.of("carol"), "root")).isEqualTo("carol");
    }

    @Test
    void lockAndElectionCallsDropAForwardedUserAClientSends() throws Exception {
        assertThat(forwardedAfterTheEdge(CommonNameSource.NONE, "root")).isNull();
    }

    private String forwardedAfterTheEdge(CommonNameSource certificates, String sentByClient) throws Exception {
        AtomicReference<String> forwarded = new AtomicReference<>("unset");
        ServerInterceptor recordHeader = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                forwarded.set(headers.get(ConcurrencyServices.FORWARDED_USER));
                return next.startCall(call, headers);
            }
        };
        CallerAuth edge = new CallerAuth(auth, certificates);
        // the recorder sees the headers after forwardingCaller (interceptors listed last run first)
        serve(edge, recordHeader, edge.forwardingCaller());

        callWith(sentByClient);

        return forwarded.get();
    }
}
