package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelTest {

    @Test
    void logLevelSetsTheRootLoggerButNotTheQuietedLibraries() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try {
            LogLevel.DEBUG.applyToRootLogger();

            assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(((Logger) LoggerFactory.getLogger("com.alipay.sofa.jraft.core.NodeImpl")).getEffectiveLevel())
                    .isEqualTo(Level.WARN);
            assertThat(((Logger) LoggerFactory.getLogger("io.grpc.internal.ServerImpl")).getEffectiveLevel())
                    .isEqualTo(Level.WARN);
        } finally {
            root.setLevel(before);
        }
    }
}
