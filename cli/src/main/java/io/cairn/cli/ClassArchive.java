package io.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks that a {@code cairn server} run reached "ready", so that the class-data-sharing archive its JVM writes at
 * exit may be kept for later starts (they map the classes from it instead of loading them from the jars, a second
 * or more of every start).
 *
 * <p>Why: the JVM writes such an archive with whatever that run loaded, and later keeps using a valid archive
 * without ever rewriting it. One {@code cairn server --help}, or a start that failed on a bad flag or a busy port,
 * left an archive of a few hundred classes that every later start used, at least a second slower. The launcher
 * therefore has the JVM write its archive beside the real one and keeps it only when this marker says the run
 * served; otherwise the next start discards it and tries again. (Writing the archive from a running member, with
 * {@code VM.cds dynamic_dump}, was tried: it stops the JVM for about three seconds, long enough for a cluster to
 * elect a new leader.)
 */
final class ClassArchive {
    /** The system property, set by the launcher, naming the marker file. */
    static final String PROPERTY = "cairn.class-archive-ready";
    private static final Logger LOG = LoggerFactory.getLogger(ClassArchive.class);

    private final Path marker;

    ClassArchive(Path marker) {
        this.marker = marker;
    }

    /** The marker the launcher asked for, if any. */
    static Optional<ClassArchive> requested() {
        String file = System.getProperty(PROPERTY);
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(new ClassArchive(Path.of(file)));
    }

    /** Records that this run served; failures are only logged (the next start then writes a new archive). */
    void markReady() {
        try {
            Files.writeString(marker, "ready\n");
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not mark the class archive as usable", e);
        }
    }
}
