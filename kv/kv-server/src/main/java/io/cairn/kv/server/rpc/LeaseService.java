package io.cairn.kv.server.rpc;

import com.google.protobuf.CodedOutputStream;
import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.lease.Lessor;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrantResponse;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseKeepAliveRequest;
import io.etcd.jetcd.api.LeaseKeepAliveResponse;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.LeaseRevokeResponse;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.LeaseTimeToLiveResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.random.RandomGenerator;

/**
 * etcd's {@code Lease} service. Grant and Revoke go through the log; KeepAlive renews on the leader in memory
 * (as etcd); TimeToLive and Leases read local state.
 *
 * <p>The etcd API artifact predates {@code LeaseLeases} (what {@code etcdctl lease list} calls), so that method
 * is added to the service by hand with its own two-message encoding.
 */
final class LeaseService extends LeaseGrpc.LeaseImplBase {
    private final Lessor lessor;
    private final Proposer proposer;
    private final HeaderStamp headers;
    private final MvccStore store;
    private final RandomGenerator random;
    private final Quota quota;
    private final io.cairn.kv.server.consensus.Consensus consensus;
    private static final String RENEW = "lease.renew";
    private static final String TTL = "lease.ttl";

    LeaseService(Lessor lessor, Proposer proposer, HeaderStamp headers, MvccStore store, RandomGenerator random,
                 Quota quota, io.cairn.kv.server.consensus.Consensus consensus) {
        this.quota = quota;
        this.consensus = consensus;
        // keep-alives and remaining TTLs are the leader's (only it counts lease time): other members ask it
        consensus.handle(RENEW, p -> java.util.concurrent.CompletableFuture.completedFuture(
                longs(lessor.renew(java.nio.ByteBuffer.wrap(p).getLong()).orElse(0L))));
        consensus.handle(TTL, p -> {
            var info = lessor.info(java.nio.ByteBuffer.wrap(p).getLong());
            return java.util.concurrent.CompletableFuture.completedFuture(info.isEmpty() ? longs(-1, 0)
                    : longs(info.get().remainingTtl(), info.get().grantedTtl()));
        });
        this.lessor = lessor;
        this.proposer = proposer;
        this.headers = headers;
        this.store = store;
        this.random = random;
    }

    private ResponseHeader header() {
        return headers.stamp(ResponseHeader.getDefaultInstance(), store.currentRevision());
    }

    @Override
    public void leaseGrant(LeaseGrantRequest r, StreamObserver<LeaseGrantResponse> out) {
        if (r.getTTL() > Lessor.MAX_TTL) {
            out.onError(GrpcErrors.toException(new KvException.LeaseTtlTooLarge()));
            return;
        }
        try {
            quota.check(r.getSerializedSize());
        } catch (KvException e) {
            out.onError(GrpcErrors.toException(e));
            return;
        }
        long id = r.getID();
        if (id == 0) {
            do {
                id = random.nextLong(1, Long.MAX_VALUE); // positive, as etcd's generated ids
            } while (lessor.exists(id));
        } else if (lessor.exists(id)) {
            out.onError(GrpcErrors.toException(new KvException.LeaseExists()));
            return;
        }
        proposer.<LeaseGrantResponse>propose(new Command.LeaseGrant(r.toBuilder().setID(id).build()))
                .whenComplete((g, e) -> {
                    if (e != null) {
                        out.onError(GrpcErrors.toException(e));
                    } else {
                        out.onNext(g.toBuilder().setHeader(headers.stamp(g.getHeader(), store.currentRevision()))
                                .build());
                        out.onCompleted();
                    }
                });
    }

    @Override
    public void leaseRevoke(LeaseRevokeRequest r, StreamObserver<LeaseRevokeResponse> out) {
        if (!lessor.exists(r.getID())) {
            out.onError(GrpcErrors.toException(new KvException.LeaseNotFound()));
            return;
        }
        proposer.<LeaseRevokeResponse>propose(new Command.LeaseRevoke(r)).whenComplete((v, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
            } else {
                out.onNext(v.toBuilder().setHeader(headers.stamp(v.getHeader(), store.currentRevision())).build());
                out.onCompleted();
            }
        });
    }

    @Override
    public StreamObserver<LeaseKeepAliveRequest> leaseKeepAlive(StreamObserver<LeaseKeepAliveResponse> out) {
        return new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveRequest r) {
                if (consensus.isLeader()) {
                    // an unknown lease is answered with TTL 0, which clients read as "lease not found"
                    answer(r.getID(), lessor.renew(r.getID()).orElse(0L));
                    return;
                }
                consensus.callLeader(RENEW, longs(r.getID())).whenComplete((b, e) -> {
                    if (e != null) {
                        synchronized (out) {
                            out.onError(GrpcErrors.toException(e));
                        }
                    } else {
                        answer(r.getID(), java.nio.ByteBuffer.wrap(b).getLong());
                    }
                });
            }

            private void answer(long id, long ttl) {
                synchronized (out) {
                    out.onNext(LeaseKeepAliveResponse.newBuilder().setHeader(header()).setID(id).setTTL(ttl).build());
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                synchronized (out) {
                    out.onCompleted();
                }
            }
        };
    }

    @Override
    public void leaseTimeToLive(LeaseTimeToLiveRequest r, StreamObserver<LeaseTimeToLiveResponse> out) {
        java.util.concurrent.CompletableFuture<byte[]> ttl = consensus.isLeader()
                ? java.util.concurrent.CompletableFuture.completedFuture(lessor.info(r.getID())
                        .map(i -> longs(i.remainingTtl(), i.grantedTtl())).orElse(longs(-1, 0)))
                : consensus.callLeader(TTL, longs(r.getID()));
        ttl.whenComplete((bytes, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
                return;
            }
            java.nio.ByteBuffer v = java.nio.ByteBuffer.wrap(bytes);
            long remaining = v.getLong();
            long granted = v.getLong();
            LeaseTimeToLiveResponse.Builder b = LeaseTimeToLiveResponse.newBuilder().setHeader(header())
                    .setID(r.getID());
            if (remaining < 0) {
                b.setTTL(-1); // etcd answers an unknown lease with TTL -1, not an error
            } else {
                b.setTTL(remaining).setGrantedTTL(granted);
                if (r.getKeys()) {
                    b.addAllKeys(store.leaseKeys(r.getID()));
                }
            }
            out.onNext(b.build());
            out.onCompleted();
        });
    }

    private static byte[] longs(long... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** This service with etcd's {@code LeaseLeases} method added. */
    ServerServiceDefinition definition() {
        ServerServiceDefinition generated = bindService();
        MethodDescriptor<byte[], byte[]> leases = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(LeaseGrpc.SERVICE_NAME, "LeaseLeases"))
                .setRequestMarshaller(RawBytes.INSTANCE)
                .setResponseMarshaller(RawBytes.INSTANCE)
                .build();
        ServiceDescriptor.Builder sd = ServiceDescriptor.newBuilder(LeaseGrpc.SERVICE_NAME);
        for (ServerMethodDefinition<?, ?> m : generated.getMethods()) {
            sd.addMethod(m.getMethodDescriptor());
        }
        sd.addMethod(leases);
        ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(sd.build());
        for (ServerMethodDefinition<?, ?> m : generated.getMethods()) {
            b.addMethod(m);
        }
        b.addMethod(leases, ServerCalls.asyncUnaryCall((byte[] req, StreamObserver<byte[]> out) -> {
            out.onNext(leasesResponse());
            out.onCompleted();
        }));
        return b.build();
    }

    /** {@code LeaseLeasesResponse{header = 1; repeated LeaseStatus leases = 2}}, {@code LeaseStatus{int64 ID = 1}}. */
    private byte[] leasesResponse() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream o = CodedOutputStream.newInstance(bytes);
            o.writeMessage(1, header());
            for (long id : lessor.ids()) {
                o.writeTag(2, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
                o.writeUInt32NoTag(CodedOutputStream.computeInt64Size(1, id));
                o.writeInt64(1, id);
            }
            o.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes message bytes through unparsed. */
    private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
