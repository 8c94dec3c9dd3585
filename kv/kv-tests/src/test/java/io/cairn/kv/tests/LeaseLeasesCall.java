package io.cairn.kv.tests;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.api.ResponseHeader;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code etcdserverpb.Lease/LeaseLeases} RPC (etcd 3.3+, {@code etcdctl lease list}), called with hand-written
 * protobuf: jetcd 0.8.7's protos predate it.
 *
 * <p>Field numbers from etcd's rpc.proto: {@code LeaseLeasesResponse { ResponseHeader header = 1;
 * repeated LeaseStatus leases = 2; }}, {@code LeaseStatus { int64 ID = 1; }}; the request is empty.
 */
final class LeaseLeasesCall {

    /** The answer: the response header and the ids of every lease the server holds. */
    record Answer(ResponseHeader header, List<Long> ids) {
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<byte[], byte[]> METHOD = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("etcdserverpb.Lease", "LeaseLeases"))
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    private LeaseLeasesCall() {
    }

    /** Calls LeaseLeases; a failed call throws the gRPC {@code StatusRuntimeException}. */
    static Answer call(Channel channel) {
        byte[] response = ClientCalls.blockingUnaryCall(channel, METHOD,
                CallOptions.DEFAULT.withDeadlineAfter(TestCluster.RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
                new byte[0]);
        try {
            UnknownFieldSet fields = UnknownFieldSet.parseFrom(response);
            ResponseHeader header = fields.hasField(1)
                    ? ResponseHeader.parseFrom(fields.getField(1).getLengthDelimitedList().getLast())
                    : ResponseHeader.getDefaultInstance();
            List<Long> ids = new ArrayList<>();
            if (fields.hasField(2)) {
                for (ByteString status : fields.getField(2).getLengthDelimitedList()) {
                    UnknownFieldSet lease = UnknownFieldSet.parseFrom(status);
                    ids.add(lease.hasField(1) ? lease.getField(1).getVarintList().getLast() : 0L);
                }
            }
            return new Answer(header, List.copyOf(ids));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("not a LeaseLeasesResponse", e);
        }
    }
}
