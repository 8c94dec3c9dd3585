package io.cairn.apiserver.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Test objects under {@code src/test/resources/table/} and the fixed "now" they are printed against. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/table/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode parse(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** Compact JSON text, so that integer cells compare equal whatever their node class. */
    static String text(JsonNode node) {
        return JSON.writeValueAsString(JSON.readTree(node.toString()));
    }
}
