package io.cairn.apiserver.pki;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl, when it is installed, so tests can check that it accepts what Cairn writes. */
final class Kubectl {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Kubectl() {
    }

    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    static Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile("kubectl", ".out");
        Path stderr = Files.createTempFile("kubectl", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("kubectl did not finish within 60 seconds");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
