package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.cairn.observe.logging.StructuredLayout;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConsoleLogConfiguratorTest {

    @Test
    void setsTheConsolePolicyInCode() {
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        for (String quiet : new String[] {"com.alipay.sofa.jraft.core.NodeImpl", "io.netty.channel.X",
                "io.grpc.internal.ServerImpl", "io.helidon.webserver.LoomServer"}) {
            assertThat(context.getLogger(quiet).getEffectiveLevel()).as(quiet).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("io.cairn.kv.server.EtcdServer").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("com.alipay.sofa.common.log").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertStructuredConsoleOnStderr(root.getAppender("STDERR"));
    }

    @Test
    void stepsAsideForAConfigurationFileNamedByTheUser() {
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);
        System.setProperty("logback.configurationFile", "my-logback.xml");
        try {
            assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.NEUTRAL);
        } finally {
            System.clearProperty("logback.configurationFile");
        }
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void isWhatLogbackRunsInTheCairnCommand() {
        // this module's class path has no logback-test.xml, so logback found the configurator as the command does
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertStructuredConsoleOnStderr(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
        assertThat(context.getLogger("io.grpc").getLevel()).isEqualTo(Level.WARN);
    }

    private static void assertStructuredConsoleOnStderr(Appender<ILoggingEvent> appender) {
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
        assertThat(console.getTarget()).isEqualTo("System.err");
        assertThat(console.isStarted()).isTrue();
        assertThat(console.getEncoder()).isInstanceOf(LayoutWrappingEncoder.class);
        assertThat(((LayoutWrappingEncoder<ILoggingEvent>) console.getEncoder()).getLayout())
                .isInstanceOf(StructuredLayout.class);
    }
}
