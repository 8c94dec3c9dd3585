package io.cairn.observe.tracing;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;

/** Reads propagation headers from a map, matching names without regard to case (HTTP/1.1 sends any case). */
enum HeaderGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
        return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
        if (carrier == null) {
            return null;
        }
        String value = carrier.get(key);
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> entry : carrier.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
