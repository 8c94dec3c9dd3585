package io.cairn.apiserver.status;

import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request failed with a Kubernetes {@code Status}: HTTP code, reason, message and details.
 *
 * <p>Why: kube clients decide what to do from the reason and code (kubectl prints
 * {@code Error from server (<reason>): <message>}, informers relist on 410), so every failure carries exactly what
 * kube-apiserver would send; the HTTP edge only serialises it. Build instances through {@link Statuses}.
 */
public final class StatusException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String name;
    private final String group;
    private final String kind;
    private final List<Cause> causes;
    private final int retryAfterSeconds;

    StatusException(int code, String reason, String message, String name, String group, String kind,
                    List<Cause> causes, int retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.name = name;
        this.group = group;
        this.kind = kind;
        this.causes = List.copyOf(causes);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The HTTP status code. */
    public int code() {
        return code;
    }

    /** kube's machine-readable reason ("NotFound"); empty for a plain 500. */
    public String reason() {
        return reason;
    }

    /** The causes in {@code details}. */
    public List<Cause> causes() {
        return causes;
    }

    /** The Status object kube-apiserver sends for this failure. */
    public ObjectNode toStatus() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", getMessage());
        if (!reason.isEmpty()) {
            s.put("reason", reason);
        }
        if (!name.isEmpty() || !kind.isEmpty() || !causes.isEmpty() || retryAfterSeconds > 0) {
            ObjectNode d = s.putObject("details");
            if (!name.isEmpty()) {
                d.put("name", name);
            }
            if (!group.isEmpty()) {
                d.put("group", group);
            }
            if (!kind.isEmpty()) {
                d.put("kind", kind);
            }
            if (!causes.isEmpty()) {
                var arr = d.putArray("causes");
                for (Cause c : causes) {
                    ObjectNode cn = arr.addObject();
                    cn.put("reason", c.type());
                    cn.put("message", c.message());
                    cn.put("field", c.field());
                }
            }
            if (retryAfterSeconds > 0) {
                d.put("retryAfterSeconds", retryAfterSeconds);
            }
        }
        s.put("code", code);
        return s;
    }
}
