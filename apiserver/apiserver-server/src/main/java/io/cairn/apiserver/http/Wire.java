package io.cairn.apiserver.http;

import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.status.StatusException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes response bodies: JSON (or YAML when asked) with the right Content-Type, and Status errors.
 *
 * <p>Why: every answer, success or failure, goes through one place, so the shape clients parse is uniform.
 */
final class Wire {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Wire() {
    }

    static void send(ServerResponse res, int code, JsonNode body, Accepts accepts) {
        res.status(Status.create(code));
        if (accepts == Accepts.YAML) {
            res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            res.send(YAML.writeValueAsBytes(body));
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, accepts == Accepts.TABLE && "Table".equals(body.path("kind")
                .asString("")) ? Accepts.TABLE.contentType() : "application/json");
        res.send(ObjectCodec.JSON.writeValueAsBytes(body));
    }

    static void error(ServerResponse res, StatusException e) {
        res.status(Status.create(e.code()));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        int retry = e.toStatus().path("details").path("retryAfterSeconds").asInt(0);
        if (retry > 0) {
            res.header(HeaderNames.RETRY_AFTER, Integer.toString(retry));
        }
        res.send(ObjectCodec.JSON.writeValueAsBytes(e.toStatus()));
    }
}
