package io.cairn.kv.server.rpc;

import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.kv.server.watch.Outbound;
import io.cairn.kv.server.watch.WatchHub;
import io.cairn.kv.server.watch.WatchStream;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** etcd's {@code Watch} service: one {@link WatchStream} per call, fed by the store's {@link WatchHub}. */
final class WatchService extends WatchGrpc.WatchImplBase {
    private final WatchHub hub;
    private final HeaderStamp headers;
    private final MvccStore store;
    private final CallerAuth callers;

    WatchService(WatchHub hub, HeaderStamp headers, MvccStore store, CallerAuth callers) {
        this.callers = callers;
        this.hub = hub;
        this.headers = headers;
        this.store = store;
    }

    @Override
    public StreamObserver<WatchRequest> watch(StreamObserver<WatchResponse> responses) {
        ServerCallStreamObserver<WatchResponse> call = (ServerCallStreamObserver<WatchResponse>) responses;
        WatchStream stream = hub.open(new GrpcOutbound(call), headers::exact);
        call.setOnCancelHandler(stream::close);
        return new StreamObserver<>() {
            @Override
            public void onNext(WatchRequest r) {
                switch (r.getRequestUnionCase()) {
                    case CREATE_REQUEST -> {
                        String denied = callers.enabled() ? denial(r.getCreateRequest()) : null;
                        if (denied != null) {
                            stream.rejectCreate(denied);
                        } else {
                            stream.create(r.getCreateRequest());
                        }
                    }
                    case CANCEL_REQUEST -> stream.cancel(r.getCancelRequest().getWatchId());
                    case PROGRESS_REQUEST -> stream.requestProgress();
                    default -> { } // etcd ignores what it does not know
                }
            }

            @Override
            public void onError(Throwable t) {
                stream.close();
            }

            @Override
            public void onCompleted() {
                stream.close();
                synchronized (call) {
                    call.onCompleted();
                }
            }
        };
    }

    /**
     * etcd's watch permission check (read on the watched range, with its key normalisation): null when allowed,
     * else the cancel reason the create is answered with (etcd's gRPC error text, e.g.
     * {@code rpc error: code = PermissionDenied desc = etcdserver: permission denied}).
     */
    private String denial(io.etcd.jetcd.api.WatchCreateRequest r) {
        com.google.protobuf.ByteString key = r.getKey().isEmpty()
                ? com.google.protobuf.ByteString.copyFrom(new byte[] {0}) : r.getKey();
        try {
            callers.store().checkRange(callers.current(), key, r.getRangeEnd());
            return null;
        } catch (io.cairn.kv.server.errors.KvException e) {
            io.cairn.kv.api.EtcdError error = switch (e) {
                case io.cairn.kv.server.errors.KvException.InvalidAuthToken x -> io.cairn.kv.api.EtcdError.INVALID_AUTH_TOKEN;
                case io.cairn.kv.server.errors.KvException.AuthOldRevision x -> io.cairn.kv.api.EtcdError.AUTH_OLD_REVISION;
                case io.cairn.kv.server.errors.KvException.UserEmpty x -> io.cairn.kv.api.EtcdError.USER_EMPTY;
                default -> io.cairn.kv.api.EtcdError.PERMISSION_DENIED;
            };
            // etcd puts the text of its gRPC status error here, code included
            return "rpc error: code = " + GrpcServerMetrics.codeName(error.code()) + " desc = " + error.message();
        }
    }

    /** gRPC's flow control as the watch fan-out needs it. */
    private record GrpcOutbound(ServerCallStreamObserver<WatchResponse> call) implements Outbound {
        @Override
        public boolean isReady() {
            return call.isReady();
        }

        @Override
        public void send(WatchResponse response) {
            synchronized (call) {
                if (!call.isCancelled()) {
                    call.onNext(response);
                }
            }
        }

        @Override
        public void onReady(Runnable r) {
            call.setOnReadyHandler(r);
        }
    }
}
