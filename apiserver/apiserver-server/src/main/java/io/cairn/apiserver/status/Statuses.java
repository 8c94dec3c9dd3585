package io.cairn.apiserver.status;

import java.util.List;

/**
 * The Status errors kube-apiserver returns, with its exact reasons and messages.
 *
 * <p>Why: one place to review the wording against {@code k8s.io/apimachinery/pkg/api/errors}.
 */
public final class Statuses {
    private Statuses() {
    }

    /** 404: {@code configmaps "demo" not found}. */
    public static StatusException notFound(String group, String resource, String name) {
        return new StatusException(404, "NotFound", qualified(group, resource) + " \"" + name + "\" not found", name,
                group, resource, List.of(), 0);
    }

    /** 404 for a path that names no served resource. */
    public static StatusException pathNotFound() {
        return new StatusException(404, "NotFound", "the server could not find the requested resource", "", "", "",
                List.of(), 0);
    }

    /** 409: {@code configmaps "demo" already exists}. */
    public static StatusException alreadyExists(String group, String resource, String name) {
        return new StatusException(409, "AlreadyExists", qualified(group, resource) + " \"" + name
                + "\" already exists", name, group, resource, List.of(), 0);
    }

    /** 409: the object changed since the client read it. */
    public static StatusException conflict(String group, String resource, String name) {
        return new StatusException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, resource)
                + " \"" + name + "\": the object has been modified; please apply your changes to the latest version"
                + " and try again", name, group, resource, List.of(), 0);
    }

    /** 409 with a free message (e.g. a precondition on uid). */
    public static StatusException conflict(String group, String resource, String name, String detail) {
        return new StatusException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, resource)
                + " \"" + name + "\": " + detail, name, group, resource, List.of(), 0);
    }

    /** 409 for server-side apply: fields owned by other managers, one {@code FieldManagerConflict} cause each. */
    public static StatusException applyConflict(String message, List<Cause> causes) {
        return new StatusException(409, "Conflict", message, "", "", "", causes, 0);
    }

    /** 422 with field causes: {@code ConfigMap "Bad" is invalid: metadata.name: Invalid value: ...}. */
    public static StatusException invalid(String group, String kind, String name, List<Cause> causes) {
        StringBuilder m = new StringBuilder();
        String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
        m.append(qualifiedKind).append(" \"").append(name).append("\" is invalid: ");
        if (causes.size() == 1) {
            m.append(causes.getFirst().field()).append(": ").append(causes.getFirst().message());
        } else {
            m.append('[');
            for (int i = 0; i < causes.size(); i++) {
                if (i > 0) {
                    m.append(", ");
                }
                m.append(causes.get(i).field()).append(": ").append(causes.get(i).message());
            }
            m.append(']');
        }
        return new StatusException(422, "Invalid", m.toString(), name, group, kind, causes, 0);
    }

    /** A patch that could not be applied, with the code, reason and message kube gives it. */
    public static StatusException patchFailed(int code, String reason, String message) {
        return new StatusException(code, reason, message, "", "", "", List.of(), 0);
    }

    /** 400 BadRequest. */
    public static StatusException badRequest(String message) {
        return new StatusException(400, "BadRequest", message, "", "", "", List.of(), 0);
    }

    /** 410 Expired / Gone for a too-old resourceVersion. */
    public static StatusException expired(String message) {
        return new StatusException(410, "Expired", message, "", "", "", List.of(), 0);
    }

    /** 401 for requests without valid credentials. */
    public static StatusException unauthorized() {
        return new StatusException(401, "Unauthorized", "Unauthorized", "", "", "", List.of(), 0);
    }

    /** 403 Forbidden with kube's message. */
    public static StatusException forbidden(String group, String resource, String name, String message) {
        return new StatusException(403, "Forbidden", message, name, group, resource, List.of(), 0);
    }

    /** 405 for a verb the resource does not support. */
    public static StatusException methodNotSupported(String group, String resource, String verb) {
        return new StatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested"
                + " resource", "", group, resource, List.of(), 0);
    }

    /** 405 with kube's message for a verb refused in the object's current state. */
    public static StatusException methodNotAllowed(String group, String resource, String message) {
        return new StatusException(405, "MethodNotAllowed", message, "", group, resource, List.of(), 0);
    }

    /** 406 for an Accept header the server cannot satisfy. */
    public static StatusException notAcceptable(String accepted) {
        return new StatusException(406, "NotAcceptable", "the server was unable to respond with a content type that"
                + " the client supports (" + accepted + ")", "", "", "", List.of(), 0);
    }

    /** 413 for an oversize body: {@code Request entity too large: limit is 3145728}. */
    public static StatusException tooLarge(String detail) {
        return new StatusException(413, "RequestEntityTooLarge", "Request entity too large: " + detail, "", "", "",
                List.of(), 0);
    }

    /** 415 for a body in an unknown format. */
    public static StatusException unsupportedMediaType(String contentType, List<String> accepted) {
        return new StatusException(415, "UnsupportedMediaType", "the body of the request was in an unknown format -"
                + " accepted media types include: " + String.join(", ", accepted), "", "", "", List.of(), 0);
    }

    /** 500 InternalError. */
    public static StatusException internal(String message) {
        return new StatusException(500, "InternalError", "Internal error occurred: " + message, "", "", "",
                List.of(), 0);
    }

    /** 504 Timeout when the store does not answer in time. */
    public static StatusException timeout(String message) {
        return new StatusException(504, "Timeout", message, "", "", "", List.of(), 0);
    }

    /** 429 with Retry-After. */
    public static StatusException tooManyRequests(String message, int retryAfterSeconds) {
        return new StatusException(429, "TooManyRequests", "Too many requests: " + message, "", "", "", List.of(),
                retryAfterSeconds);
    }

    private static String qualified(String group, String resource) {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
