package io.cairn.kv.server.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class BoltLoggingTest {

    @Test
    void boltLogsThroughTheProcessLoggingOnceConsensusIsLoaded() throws Exception {
        Class.forName(JRaftConsensus.class.getName(), true, getClass().getClassLoader());

        assertThat(System.getProperty(BoltLogging.DISABLE_SPACES)).isEqualTo("true");
        Logger bolt = com.alipay.remoting.log.BoltLoggerFactory.getLogger("RpcRemoting");
        // a logger of the process's own SLF4J context (not one of SOFA's file-backed log spaces under ~/logs)
        assertThat(bolt.getName()).isEqualTo("com.alipay.sofa.common.log");
        assertThat(bolt).isSameAs(LoggerFactory.getLogger("com.alipay.sofa.common.log"));
    }

    @Test
    void aUsersOwnChoiceIsKept() {
        String before = System.getProperty(BoltLogging.DISABLE_SPACES);
        System.setProperty(BoltLogging.DISABLE_SPACES, "false");
        try {
            BoltLogging.toSlf4j();
            assertThat(System.getProperty(BoltLogging.DISABLE_SPACES)).isEqualTo("false");
        } finally {
            if (before == null) {
                System.clearProperty(BoltLogging.DISABLE_SPACES);
            } else {
                System.setProperty(BoltLogging.DISABLE_SPACES, before);
            }
        }
    }
}
