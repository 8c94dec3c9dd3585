package io.cairn.apiserver.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The READY, STATUS and RESTARTS of a pod, derived from its container statuses the way kube-apiserver does.
 *
 * <p>Why: STATUS is not a field of the pod: it is the phase, overridden by the first failing or waiting init
 * container ({@code Init:0/2}, {@code Init:CrashLoopBackOff}), then by the last container that waits or terminated
 * ({@code ContainerCreating}, {@code CrashLoopBackOff}, {@code Completed}, {@code ExitCode:1}), and finally by
 * {@code Terminating} once deletion has started. Sidecars (init containers with {@code restartPolicy: Always}) count
 * as containers. A stored pod without a phase counts as Pending, the phase kube-apiserver gives every new pod.
 *
 * @param ready ready containers
 * @param total containers, sidecars included
 * @param reason the STATUS text
 * @param restarts restarts counted
 * @param lastRestart when the most recent counted restart ended, if known
 */
record PodSummary(long ready, long total, String reason, long restarts, Optional<Instant> lastRestart) {

    /** The RESTARTS cell: {@code 3}, or {@code 3 (5m ago)} when the last restart's end is known. */
    String restartsText(Elapsed elapsed) {
        if (restarts != 0 && lastRestart.isPresent()) {
            return restarts + " (" + elapsed.since(lastRestart.get()) + " ago)";
        }
        return Long.toString(restarts);
    }

    static PodSummary of(JsonNode pod) {
        JsonNode status = pod.path("status");
        String phase = Fields.text(status, "phase").isEmpty() ? "Pending" : Fields.text(status, "phase");
        String reason = Fields.text(status, "reason").isEmpty() ? phase : Fields.text(status, "reason");
        for (JsonNode condition : Fields.items(status, "conditions")) {
            if (is(condition, "type", "PodScheduled") && is(condition, "reason", "SchedulingGated")) {
                reason = "SchedulingGated";
            }
        }
        Set<String> sidecars = new HashSet<>();
        List<JsonNode> initContainers = new ArrayList<>(Fields.items(pod, "spec", "initContainers"));
        for (JsonNode container : initContainers) {
            if (is(container, "restartPolicy", "Always")) {
                sidecars.add(Fields.text(container, "name"));
            }
        }
        long total = Fields.items(pod, "spec", "containers").size() + sidecars.size();
        long ready = 0;
        Counter all = new Counter();
        Counter sidecarRestarts = new Counter();
        boolean initializing = false;
        List<JsonNode> initStatuses = new ArrayList<>(Fields.items(status, "initContainerStatuses"));
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode container = initStatuses.get(i);
            boolean sidecar = sidecars.contains(Fields.text(container, "name"));
            all.add(container);
            if (sidecar) {
                sidecarRestarts.add(container);
            }
            JsonNode state = container.path("state");
            JsonNode terminated = state.path("terminated");
            JsonNode waiting = state.path("waiting");
            if (terminated.isObject() && Fields.integer(terminated, "exitCode") == 0) {
                continue;
            }
            if (sidecar && Fields.bool(container, "started")) {
                if (Fields.bool(container, "ready")) {
                    ready++;
                }
                continue;
            }
            if (terminated.isObject()) {
                reason = "Init:" + terminatedReason(terminated);
            } else if (waiting.isObject() && !Fields.text(waiting, "reason").isEmpty()
                    && !is(waiting, "reason", "PodInitializing")) {
                reason = "Init:" + Fields.text(waiting, "reason");
            } else {
                reason = "Init:" + i + "/" + initContainers.size();
            }
            initializing = true;
            break;
        }
        Counter counted = all;
        if (!initializing || conditionTrue(status, "Initialized")) {
            counted = sidecarRestarts;
            boolean hasRunning = false;
            List<JsonNode> statuses = new ArrayList<>(Fields.items(status, "containerStatuses"));
            for (JsonNode container : statuses.reversed()) {
                counted.add(container);
                JsonNode state = container.path("state");
                JsonNode terminated = state.path("terminated");
                String waitingReason = Fields.text(state, "waiting", "reason");
                if (state.path("waiting").isObject() && !waitingReason.isEmpty()) {
                    reason = waitingReason;
                } else if (terminated.isObject()) {
                    reason = terminatedReason(terminated);
                } else if (Fields.bool(container, "ready") && state.path("running").isObject()) {
                    hasRunning = true;
                    ready++;
                }
            }
            if (reason.equals("Completed") && hasRunning) {
                reason = anyConditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }
        boolean deleting = !Fields.text(pod, "metadata", "deletionTimestamp").isEmpty();
        if (deleting && is(status, "reason", "NodeLost")) {
            reason = "Unknown";
        } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
            reason = "Terminating";
        }
        return new PodSummary(ready, total, reason, counted.restarts, counted.last);
    }

    private static String terminatedReason(JsonNode terminated) {
        String reason = Fields.text(terminated, "reason");
        if (!reason.isEmpty()) {
            return reason;
        }
        long signal = Fields.integer(terminated, "signal");
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + Fields.integer(terminated, "exitCode");
    }

    /** Whether the first condition of this type is True (kube stops at the first match). */
    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode condition : Fields.items(status, "conditions")) {
            if (is(condition, "type", type)) {
                return is(condition, "status", "True");
            }
        }
        return false;
    }

    private static boolean anyConditionTrue(JsonNode status, String type) {
        return Fields.items(status, "conditions").stream()
                .anyMatch(condition -> is(condition, "type", type) && is(condition, "status", "True"));
    }

    private static boolean is(JsonNode node, String field, String value) {
        return Fields.text(node, field).equals(value);
    }

    /** Restarts and the latest end of a previous container run, over the statuses added. */
    private static final class Counter {
        private long restarts;
        private Optional<Instant> last = Optional.empty();

        void add(JsonNode containerStatus) {
            restarts += Fields.integer(containerStatus, "restartCount");
            Optional<Instant> finished =
                    Elapsed.instant(Fields.at(containerStatus, "lastState", "terminated", "finishedAt"));
            if (finished.isPresent() && (last.isEmpty() || last.get().isBefore(finished.get()))) {
                last = finished;
            }
        }
    }
}
