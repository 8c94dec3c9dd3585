package io.cairn.apiserver.http;

import io.cairn.apiserver.status.Statuses;
import io.helidon.webserver.http.ServerRequest;

/**
 * Query parameters of one request, with kube's parsing rules (missing = "").
 *
 * <p>Why: parameters are read in many handlers; one place parses numbers and booleans and rejects bad ones with a
 * 400, as kube's parameter codec does.
 */
record Query(ServerRequest req) {

    String get(String name) {
        return req.query().contains(name) ? req.query().first(name).orElse("") : "";
    }

    boolean flag(String name) {
        return get(name).equals("true") || get(name).equals("1");
    }

    long number(String name, long absent) {
        String v = get(name);
        if (v.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Statuses.badRequest("invalid value for " + name + ": " + v);
        }
    }

    /** {@code includeObject} for Table responses, 400 on an unknown value. */
    io.cairn.apiserver.table.IncludeObject includeObject() {
        try {
            return io.cairn.apiserver.table.IncludeObject.parse(get("includeObject"));
        } catch (IllegalArgumentException e) {
            throw Statuses.badRequest(e.getMessage());
        }
    }

    /** {@code dryRun=All} (the only value kube accepts). */
    boolean dryRun() {
        String v = get("dryRun");
        if (v.isEmpty()) {
            return false;
        }
        if (!v.equals("All")) {
            throw Statuses.badRequest("dryRun: Unsupported value: \"" + v + "\": supported values: \"All\"");
        }
        return true;
    }
}
