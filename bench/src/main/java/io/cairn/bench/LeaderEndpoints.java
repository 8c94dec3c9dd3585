package io.cairn.bench;

import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Narrows the endpoints to the cluster leader for {@code --target-leader}.
 *
 * <p>Why: etcd's benchmark can load only the leader, which skips a forwarding hop in a cluster. With a single
 * endpoint (a one-member cluster) there is nothing to choose and no request is made. Otherwise each endpoint is
 * asked for its status ({@code Maintenance.Status}), and those that report themselves as leader are kept; if none
 * can tell (a server without the Maintenance service), every endpoint is kept and a note says so.
 */
final class LeaderEndpoints {

    private LeaderEndpoints() {
    }

    /**
     * The endpoints a run loads: all of them, or with {@code targetLeader} only the leader among them (see
     * {@link #select}).
     */
    static List<Endpoint> forRun(List<Endpoint> endpoints, boolean targetLeader, Duration dialTimeout,
                                 PrintWriter notes) throws InterruptedException {
        return targetLeader ? select(endpoints, dialTimeout, notes) : endpoints;
    }

    /** The leader among {@code endpoints}, or all of them when it cannot be told. */
    static List<Endpoint> select(List<Endpoint> endpoints, Duration dialTimeout, PrintWriter notes)
            throws InterruptedException {
        if (endpoints.size() < 2) {
            return endpoints;
        }
        List<Endpoint> leaders = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            try (ConnectionPool pool = ConnectionPool.open(List.of(endpoint), 1, 1, dialTimeout)) {
                StatusResponse status = MaintenanceGrpc.newBlockingStub(pool.channel(0))
                        .withDeadlineAfter(dialTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .status(StatusRequest.getDefaultInstance());
                if (status.getLeader() != 0 && status.getLeader() == status.getHeader().getMemberId()) {
                    leaders.add(endpoint);
                }
            } catch (StatusRuntimeException | IllegalStateException e) {
                notes.println("bench: cannot ask " + endpoint + " for its status (" + e.getMessage() + ")");
            }
        }
        if (leaders.isEmpty()) {
            notes.println("bench: --target-leader: no endpoint reported itself leader; using all endpoints");
            return endpoints;
        }
        return List.copyOf(leaders);
    }
}
