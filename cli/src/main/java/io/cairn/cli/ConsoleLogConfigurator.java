package io.cairn.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.cairn.observe.logging.LogFormat;
import io.cairn.observe.logging.LogLevel;
import io.cairn.observe.logging.LogSettings;
import java.util.List;

/**
 * The cairn command's logging policy, set up in code when logback starts: one text line per event (the server's
 * default {@code --log-format}) on standard error, so standard output stays free for command output; root level
 * INFO; warnings only from JRaft ({@code com.alipay}), Bolt's Netty ({@code io.netty}), gRPC ({@code io.grpc}) and
 * Helidon ({@code io.helidon}); errors only from Bolt itself.
 * The server's {@code --log-level} and {@code --log-format} change the root level and the line format later.
 *
 * <p>Why in code: reading the same policy from a {@code logback.xml} cost about 0.2 s of every start (logback's XML
 * configurator, its model and the pattern parser), spent before anything else of a start could run.
 *
 * <p>A user's own configuration still wins: with {@code -Dlogback.configurationFile} set, or a
 * {@code logback-test.xml} on the class path (test suites), this configurator steps aside and logback reads that file.
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    static final List<String> QUIET = List.of("com.alipay", "io.netty", "io.grpc", "io.helidon");
    /**
     * Bolt's logger (all of Bolt logs under this one name): it warns of routine events on every start, such as its
     * write buffer marks and its reconnect manager being switched on.
     */
    static final String BOLT = "com.alipay.sofa.common.log";

    public ConsoleLogConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || getClass().getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.NEUTRAL;
        }
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        context.getLogger(BOLT).setLevel(Level.ERROR);
        new LogSettings(LogFormat.TEXT, LogLevel.INFO).applyTo(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
