package io.cairn.kv.server.consensus;

import com.alipay.sofa.jraft.core.NodeImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Keeps the JVM's own handler of SIGUSR2 in place when JRaft's node class installs its signal handler.
 *
 * <p>Why: when JRaft's {@code NodeImpl} class is initialised it registers a Java handler for SIGUSR2 that dumps the
 * node's state and metrics to files. HotSpot on Linux uses SIGUSR2 itself, to stop a thread for a moment, and JDK
 * Flight Recorder takes its method samples that way. With JRaft's handler in its place a recording of a running
 * member held no method samples at all, and every sampling attempt started a handler thread that wrote three dump
 * files into the member's Raft folder, some twenty times a second for as long as the recording ran. So the handler
 * in place before the node class is initialised is put back after it; {@code kill -USR2} then does to a Cairn
 * member what it does to any JVM, and the node's state is on the metrics endpoint instead. A user who wants JRaft's
 * dumps back, and does not record with JFR, starts the JVM with {@code -Dcairn.raft.signals=true}.
 */
final class RaftSignals {
    private static final Logger LOG = LoggerFactory.getLogger(RaftSignals.class);
    /** Leaves SIGUSR2 to JRaft's dumps. */
    static final String KEEP_JRAFT_HANDLER = "cairn.raft.signals";

    private RaftSignals() {
    }

    /** Initialises JRaft's node class (once per JVM) and leaves SIGUSR2 with the handler it had before. */
    static synchronized void initialiseNodeClass() {
        if (Boolean.getBoolean(KEEP_JRAFT_HANDLER)) {
            initialise();
            return;
        }
        Signal usr2;
        SignalHandler before;
        try {
            usr2 = new Signal("USR2");
            before = Signal.handle(usr2, signal -> { });
        } catch (IllegalArgumentException e) {
            // no such signal here, or the JVM keeps it to itself (as with -Xrs): JRaft cannot take it either
            initialise();
            return;
        }
        try {
            initialise();
        } finally {
            Signal.handle(usr2, before);
        }
        LOG.debug("SIGUSR2 left to the JVM after JRaft's node class was initialised");
    }

    private static void initialise() {
        try {
            Class.forName(NodeImpl.class.getName(), true, NodeImpl.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JRaft's node class is missing", e);
        }
    }
}
