package io.cairn.observe.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void configuredLikeLogbackXml() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger - %msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @Test
    void applyingReencodesTheRootAppendersAndSetsTheRootLevel() {
        configuredLikeLogbackXml();

        LogSettings.parse("json", "warn").applyTo(context);
        Logger logger = context.getLogger("io.cairn.kv.server");
        logger.info("not shown");
        logger.warn("shown");

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("not shown");
        assertThat(written).startsWith("{\"ts\":\"").contains("\"level\":\"warn\"")
                .contains("\"component\":\"io.cairn.kv.server\",\"msg\":\"shown\"}\n");
    }

    @Test
    void etcdLevelAndFormatNamesAreAccepted() {
        assertThat(LogSettings.parse("console", "panic")).isEqualTo(new LogSettings(LogFormat.TEXT, LogLevel.ERROR));
        assertThat(LogSettings.parse("LOGFMT", "Debug")).isEqualTo(new LogSettings(LogFormat.LOGFMT, LogLevel.DEBUG));
        assertThatThrownBy(() -> LogLevel.parse("verbose")).hasMessageContaining("--log-level");
    }
}
