package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    @TempDir
    Path dir;

    @Test
    void marksTheRunReadyInTheFileTheLauncherNamed() {
        Path marker = dir.resolve("launcher-server.jsa.ready");
        System.setProperty(ClassArchive.PROPERTY, marker.toString());
        try {
            ClassArchive.requested().orElseThrow().markReady();
        } finally {
            System.clearProperty(ClassArchive.PROPERTY);
        }
        assertThat(marker).isRegularFile();
    }

    @Test
    void nothingIsAskedWithoutTheLauncher() {
        System.clearProperty(ClassArchive.PROPERTY);
        assertThat(ClassArchive.requested()).isEmpty();
    }

    @Test
    void anUnwritableMarkerOnlyLeavesTheArchiveUnkept() {
        new ClassArchive(dir.resolve("missing-dir").resolve("x.ready")).markReady();
        assertThat(Files.exists(dir.resolve("missing-dir"))).isFalse();
    }
}
