package io.cairn.kv.server.consensus;

/**
 * Sends the logs of Bolt (JRaft's transport) to the process's own SLF4J logging instead of files under
 * {@code ~/logs}.
 *
 * <p>Why: Bolt logs through SOFA's "middleware log spaces", which by default set up their own logback contexts with
 * daily files in {@code ~/logs/bolt} (connection events, RPC warnings and stack traces; a day of the test suite left
 * over 100 MB there), and initialising them cost ~0.15 s of CPU at every member start. With the log spaces disabled,
 * SOFA hands out plain SLF4J loggers named {@code com.alipay.sofa.common.log}, which Cairn's logging policy keeps at
 * WARN. A user who wants the old files back starts the JVM with {@code -Dsofa.middleware.log.disable=false}.
 */
final class BoltLogging {
    static final String DISABLE_SPACES = "sofa.middleware.log.disable";
    /** SOFA's own notices, such as the one announcing that its log spaces are disabled. */
    static final String INTERNAL_LEVEL = "sofa.middleware.log.internal.level";

    private BoltLogging() {
    }

    /**
     * Sets the properties unless the user did; must run before the first Bolt class is initialised, since SOFA
     * reads them once.
     */
    static void toSlf4j() {
        if (System.getProperty(DISABLE_SPACES) == null) {
            System.setProperty(DISABLE_SPACES, "true");
            if (System.getProperty(INTERNAL_LEVEL) == null) {
                System.setProperty(INTERNAL_LEVEL, "ERROR");
            }
        }
    }
}
