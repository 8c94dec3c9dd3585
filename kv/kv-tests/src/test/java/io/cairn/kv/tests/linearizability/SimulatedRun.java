package io.cairn.kv.tests.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A seeded, single-threaded simulation of concurrent clients against a {@link KvService}, producing the history
 * they would record. Every request takes effect atomically at a random moment between its invocation and its
 * completion, so the history is linearizable exactly when the service's answers are.
 *
 * <p>Faults as clients see them: a request may be rejected before it takes effect ({@code FAILED}); a client may
 * give up on a request that then takes effect later, or never ({@code UNKNOWN}); or the answer to an applied
 * request may be lost ({@code UNKNOWN}). Time advances by 0 to 2 ticks per event, so ties happen.
 */
final class SimulatedRun {

    /**
     * The shape of a run. At each event of a call not yet executed, {@code failedPercent} is the chance it is
     * rejected and {@code unknownPercent} the chance its client gives up; once executed, {@code unknownPercent} is
     * the chance its answer is lost.
     */
    record Config(int clients, int operations, int keys, int failedPercent, int unknownPercent) {
    }

    /** An invoked request; {@code response} is set once the service has executed it. */
    private static final class Call {
        final int id;
        final int client;
        final Request request;
        final long invokedAt;
        Response response;

        Call(int id, int client, Request request, long invokedAt) {
            this.id = id;
            this.client = client;
            this.request = request;
            this.invokedAt = invokedAt;
        }

        Operation end(Outcome outcome) {
            return new Operation(id, client, request, invokedAt, outcome);
        }
    }

    private final KvService service;
    private final RandomGenerator random;
    private final Config config;
    private final RandomRequests requests;

    SimulatedRun(KvService service, RandomGenerator random, Config config) {
        this.service = service;
        this.random = random;
        this.config = config;
        this.requests = new RandomRequests(random, config.keys());
    }

    /** Runs every operation to its end and returns the history of a store that started at revision 1. */
    History run() {
        Call[] inFlight = new Call[config.clients()];
        List<Request> abandoned = new ArrayList<>();
        List<Operation> history = new ArrayList<>();
        int issued = 0;
        long now = 0;
        while (issued < config.operations() || busy(inFlight) || !abandoned.isEmpty()) {
            now += random.nextInt(3);
            if (!abandoned.isEmpty() && random.nextInt(8) == 0) {
                service.execute(abandoned.remove(random.nextInt(abandoned.size())));
                continue;
            }
            int client = random.nextInt(inFlight.length);
            Call call = inFlight[client];
            if (call == null) {
                if (issued < config.operations()) {
                    inFlight[client] = new Call(issued++, client, requests.next(), now);
                }
                continue;
            }
            int dice = random.nextInt(100);
            if (call.response == null) {
                if (dice < config.failedPercent()) {
                    history.add(call.end(new Outcome.Failed(now, "rejected before proposal")));
                    inFlight[client] = null;
                } else if (dice < config.failedPercent() + config.unknownPercent()) {
                    if (random.nextBoolean()) {
                        abandoned.add(call.request);
                    }
                    history.add(call.end(new Outcome.Unknown("client gave up")));
                    inFlight[client] = null;
                } else {
                    call.response = service.execute(call.request);
                }
            } else {
                history.add(call.end(dice < config.unknownPercent()
                        ? new Outcome.Unknown("answer lost")
                        : new Outcome.Ok(now, call.response)));
                inFlight[client] = null;
            }
        }
        history.sort(Comparator.comparingInt(Operation::id));
        return new History(1, history);
    }

    private static boolean busy(Call[] inFlight) {
        for (Call call : inFlight) {
            if (call != null) {
                return true;
            }
        }
        return false;
    }
}
