package io.cairn.observe.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class StructuredLayoutTest {

    private static final Instant TIME = Instant.parse("2025-01-02T03:04:05.123456Z");

    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("io.cairn.kv.server.apply"),
                Level.WARN, "apply request took too long: {}", null, new Object[] {"120ms"});
        event.setInstant(TIME);
        event.setMDCPropertyMap(mdc);
        event.addKeyValuePair(new KeyValuePair("request", "put \"k\""));
        return event;
    }

    @Test
    void jsonLinesAreOneObjectWithTheFixedFieldsFirst() throws Exception {
        String line = new StructuredLayout(LogFormat.JSON)
                .doLayout(event(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "member", "infra0")));

        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("ts", "level", "component", "msg", "trace_id", "request", "member");
        assertThat(json.get("ts").asText()).isEqualTo("2025-01-02T03:04:05.123456Z");
        assertThat(json.get("level").asText()).isEqualTo("warn");
        assertThat(json.get("component").asText()).isEqualTo("io.cairn.kv.server.apply");
        assertThat(json.get("msg").asText()).isEqualTo("apply request took too long: 120ms");
        assertThat(json.get("request").asText()).isEqualTo("put \"k\"");
    }

    @Test
    void theComponentComesFromTheMdcWhenSetAndErrorsKeepTheirStackTrace() throws Exception {
        LoggingEvent event = event(Map.of("component", "raft"));
        event.setThrowableProxy(new ThrowableProxy(new IllegalStateException("disk full\nreally")));

        JsonNode json = new ObjectMapper().readTree(new StructuredLayout(LogFormat.JSON).doLayout(event));

        assertThat(json.get("component").asText()).isEqualTo("raft");
        assertThat(json.has("trace_id")).isFalse();
        assertThat(json.get("error").asText()).contains("java.lang.IllegalStateException: disk full\nreally")
                .contains("at ");
    }

    @Test
    void logfmtLinesQuoteOnlyWhatNeedsQuoting() {
        String line = new StructuredLayout(LogFormat.LOGFMT)
                .doLayout(event(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")));

        assertThat(line).isEqualTo("ts=2025-01-02T03:04:05.123456Z level=warn component=io.cairn.kv.server.apply"
                + " msg=\"apply request took too long: 120ms\" trace_id=4bf92f3577b34da6a3ce929d0e0e4736"
                + " request=\"put \\\"k\\\"\"\n");
    }

    @Test
    void textLinesAreForPeople() {
        String line = new StructuredLayout(LogFormat.TEXT).doLayout(event(Map.of()));

        assertThat(line).isEqualTo("2025-01-02T03:04:05.123456Z WARN  io.cairn.kv.server.apply"
                + " apply request took too long: 120ms request=\"put \\\"k\\\"\"\n");
    }

    @Test
    void theFormatCanBeSetByNameAsLogbackXmlDoes() {
        StructuredLayout layout = new StructuredLayout();
        layout.setFormat("logfmt");

        assertThat(layout.doLayout(event(Map.of()))).startsWith("ts=");
        assertThatThrownBy(() -> layout.setFormat("yaml")).hasMessageContaining("--log-format");
    }
}
