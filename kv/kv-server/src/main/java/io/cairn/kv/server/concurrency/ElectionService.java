package io.cairn.kv.server.concurrency;

import io.etcd.jetcd.api.CampaignRequest;
import io.etcd.jetcd.api.CampaignResponse;
import io.etcd.jetcd.api.ElectionGrpc;
import io.etcd.jetcd.api.LeaderRequest;
import io.etcd.jetcd.api.LeaderResponse;
import io.etcd.jetcd.api.ProclaimRequest;
import io.etcd.jetcd.api.ProclaimResponse;
import io.etcd.jetcd.api.ResignRequest;
import io.etcd.jetcd.api.ResignResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * etcd's {@code v3electionpb.Election} service: {@link Election} and {@link LeaderObserver} behind gRPC.
 *
 * <p>Why: jetcd's {@code Election} client calls this service (etcdctl's {@code elect} runs the recipe client-side
 * instead). Campaign answers once the caller leads, with the {@code LeaderKey} that Proclaim and Resign take.
 */
final class ElectionService extends ElectionGrpc.ElectionImplBase {

    private final Election election;
    private final LeaderObserver observer;
    private final Calls calls;

    ElectionService(Election election, LeaderObserver observer, Calls calls) {
        this.election = election;
        this.observer = observer;
        this.calls = calls;
    }

    @Override
    public void campaign(CampaignRequest request, StreamObserver<CampaignResponse> out) {
        calls.unary(out, () -> election.campaign(request.getName(), request.getLease(), request.getValue()));
    }

    @Override
    public void proclaim(ProclaimRequest request, StreamObserver<ProclaimResponse> out) {
        calls.unary(out, () -> {
            if (!request.hasLeader()) {
                throw new RecipeException.MissingLeaderKey();
            }
            return election.proclaim(request.getLeader(), request.getValue());
        });
    }

    @Override
    public void leader(LeaderRequest request, StreamObserver<LeaderResponse> out) {
        calls.unary(out, () -> election.leader(request.getName()));
    }

    @Override
    public void observe(LeaderRequest request, StreamObserver<LeaderResponse> out) {
        OutboundGate<LeaderResponse> gate = new OutboundGate<>((ServerCallStreamObserver<LeaderResponse>) out);
        calls.streaming(out, () -> observer.observe(request.getName(), gate::send));
    }

    @Override
    public void resign(ResignRequest request, StreamObserver<ResignResponse> out) {
        calls.unary(out, () -> {
            if (!request.hasLeader()) {
                throw new RecipeException.MissingLeaderKey();
            }
            return election.resign(request.getLeader());
        });
    }
}
