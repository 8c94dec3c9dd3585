package io.cairn.kv.tests;

import com.google.protobuf.ByteString;
import io.cairn.kv.tests.linearizability.Compare;
import io.cairn.kv.tests.linearizability.KeyValue;
import io.cairn.kv.tests.linearizability.Pending;
import io.cairn.kv.tests.linearizability.Request;
import io.cairn.kv.tests.linearizability.Response;
import io.cairn.kv.tests.linearizability.Result;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.ResponseOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A raw gRPC client of one member's KV service that carries out the checker's {@link Request}s and completes their
 * {@link Pending} with what the member answered, sorting every error into "certainly not applied" or "in doubt".
 *
 * <p>Why raw stubs and not jetcd: jetcd retries and switches endpoints on its own, so a recorded outcome would not say
 * which member answered nor whether an error came back; a fault test needs both.
 *
 * <p>The sorting is conservative: a write is {@code failed} only when the connection to the member could not even be
 * opened (the request never left this JVM); every other error of a write — deadline, {@code no leader},
 * {@code leader changed}, a reset connection — is {@code unknown}. A read that errs changed nothing, so it is
 * {@code failed}.
 */
final class RecordingKvClient implements AutoCloseable {

    /** How a get is served: through the read index, or from the member's local state. */
    enum Reads { LINEARIZABLE, SERIALIZABLE }

    private final String target;
    private final ManagedChannel channel;
    private final Duration deadline;

    RecordingKvClient(CairnCluster.Member member, Duration deadline) {
        this.target = member.name;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", member.clientPort).usePlaintext().build();
        this.deadline = deadline;
    }

    /** The member this client talks to. */
    String target() {
        return target;
    }

    /** Sends {@code call}'s request (gets linearizable) and completes {@code call}; the response if it succeeded. */
    Optional<Response> execute(Pending call) {
        return execute(call, Reads.LINEARIZABLE);
    }

    /** Sends {@code call}'s request, serving gets as {@code reads} says, and completes {@code call}. */
    Optional<Response> execute(Pending call, Reads reads) {
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(channel)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        Response response;
        try {
            response = switch (call.request()) {
                case Request.Put put -> Response.put(kv.put(putRequest(put)).getHeader().getRevision());
                case Request.Delete delete -> {
                    DeleteRangeResponse r = kv.deleteRange(deleteRequest(delete));
                    yield Response.delete(r.getHeader().getRevision(), r.getDeleted());
                }
                case Request.Get get -> {
                    RangeResponse r = kv.range(rangeRequest(get, reads));
                    yield r.getKvsCount() == 0 ? Response.absent(r.getHeader().getRevision())
                            : Response.get(r.getHeader().getRevision(), keyValue(r.getKvs(0)));
                }
                case Request.Txn txn -> {
                    TxnResponse r = kv.txn(txnRequest(txn));
                    yield Response.txn(r.getHeader().getRevision(), r.getSucceeded(), results(r));
                }
            };
        } catch (StatusRuntimeException e) {
            String reason = target + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription();
            if (!call.request().mayWrite() || neverSent(e)) {
                call.failed(reason);
            } else {
                call.unknown(reason);
            }
            // a member that was down is back sooner than gRPC's reconnect backoff would notice
            channel.resetConnectBackoff();
            return Optional.empty();
        }
        call.ok(response);
        return Optional.of(response);
    }

    /** Whether the request never left this JVM: no connection to the member could be opened. */
    private static boolean neverSent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static ByteString bytes(io.cairn.kv.tests.linearizability.Bytes b) {
        return ByteString.copyFrom(b.toByteArray());
    }

    private static PutRequest putRequest(Request.Put put) {
        return PutRequest.newBuilder().setKey(bytes(put.key())).setValue(bytes(put.value()))
                .setPrevKv(put.prevKv()).build();
    }

    private static DeleteRangeRequest deleteRequest(Request.Delete delete) {
        return DeleteRangeRequest.newBuilder().setKey(bytes(delete.key())).build();
    }

    private static RangeRequest rangeRequest(Request.Get get, Reads reads) {
        return RangeRequest.newBuilder().setKey(bytes(get.key()))
                .setSerializable(reads == Reads.SERIALIZABLE).build();
    }

    private static TxnRequest txnRequest(Request.Txn txn) {
        TxnRequest.Builder b = TxnRequest.newBuilder();
        txn.compares().forEach(c -> b.addCompare(compare(c)));
        txn.success().forEach(op -> b.addSuccess(requestOp(op)));
        txn.failure().forEach(op -> b.addFailure(requestOp(op)));
        return b.build();
    }

    private static io.etcd.jetcd.api.Compare compare(Compare c) {
        var b = io.etcd.jetcd.api.Compare.newBuilder().setKey(bytes(c.key()))
                .setResult(switch (c.relation()) {
                    case EQUAL -> io.etcd.jetcd.api.Compare.CompareResult.EQUAL;
                    case NOT_EQUAL -> io.etcd.jetcd.api.Compare.CompareResult.NOT_EQUAL;
                    case GREATER -> io.etcd.jetcd.api.Compare.CompareResult.GREATER;
                    case LESS -> io.etcd.jetcd.api.Compare.CompareResult.LESS;
                });
        return switch (c.target()) {
            case VALUE -> b.setTarget(io.etcd.jetcd.api.Compare.CompareTarget.VALUE).setValue(bytes(c.value())).build();
            case MOD_REVISION -> b.setTarget(io.etcd.jetcd.api.Compare.CompareTarget.MOD)
                    .setModRevision(c.number()).build();
            case CREATE_REVISION -> b.setTarget(io.etcd.jetcd.api.Compare.CompareTarget.CREATE)
                    .setCreateRevision(c.number()).build();
            case VERSION -> b.setTarget(io.etcd.jetcd.api.Compare.CompareTarget.VERSION)
                    .setVersion(c.number()).build();
        };
    }

    private static RequestOp requestOp(Request.TxnOp op) {
        return switch (op) {
            case Request.Put put -> RequestOp.newBuilder().setRequestPut(putRequest(put)).build();
            case Request.Get get -> RequestOp.newBuilder().setRequestRange(rangeRequest(get, Reads.LINEARIZABLE))
                    .build();
            case Request.Delete delete -> RequestOp.newBuilder().setRequestDeleteRange(deleteRequest(delete)).build();
        };
    }

    private static List<Result> results(TxnResponse r) {
        List<Result> results = new ArrayList<>();
        for (ResponseOp op : r.getResponsesList()) {
            results.add(switch (op.getResponseCase()) {
                case RESPONSE_PUT -> Result.put();
                case RESPONSE_RANGE -> op.getResponseRange().getKvsCount() == 0 ? Result.absent()
                        : Result.get(keyValue(op.getResponseRange().getKvs(0)));
                case RESPONSE_DELETE_RANGE -> Result.delete(op.getResponseDeleteRange().getDeleted());
                default -> throw new IllegalStateException("unexpected txn result " + op);
            });
        }
        return results;
    }

    private static KeyValue keyValue(io.etcd.jetcd.api.KeyValue kv) {
        return KeyValue.of(kv.getValue().toByteArray(), kv.getCreateRevision(), kv.getModRevision(), kv.getVersion());
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
