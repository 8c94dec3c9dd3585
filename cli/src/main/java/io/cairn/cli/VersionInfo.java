package io.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code cairn version} and {@code cairn --version} print: Cairn's version, the etcd API version it speaks,
 * and the Java runtime.
 *
 * <p>Why: clients and operators decide compatibility from the etcd API version (kube-apiserver gates features on
 * it), so it is printed next to Cairn's own version. Cairn's version comes from a resource the build fills in.
 */
final class VersionInfo implements CommandLine.IVersionProvider {

    /** The etcd API version Cairn implements. */
    static final String ETCD_API_VERSION = "3.5";

    private static final String RESOURCE = "version.properties";

    /** Cairn's version, or {@code unknown} when the classes were not built by Maven. */
    static String cairnVersion() {
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.contains("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines printed, one fact each. */
    static List<String> lines() {
        return List.of(
                "cairn " + cairnVersion(),
                "etcd API " + ETCD_API_VERSION,
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    }

    @Override
    public String[] getVersion() {
        return lines().toArray(String[]::new);
    }
}
