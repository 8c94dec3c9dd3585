package io.cairn.apiserver.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of {@code <dataDir>/apiserver/pki}: {@code <name>.crt} and {@code <name>.key} for each credential.
 *
 * <p>Why strict: a certificate authority that exists must never be replaced behind the operator's back (every
 * kubeconfig and client certificate in circulation would stop working), so half a pair or an unreadable file is
 * an error that names the file instead of a reason to regenerate. A complete first start is staged in a sibling
 * directory and renamed into place, so a crash during it leaves either nothing or everything.
 */
final class PkiDirectory {

    static final List<String> NAMES = List.of(ApiServerPki.CA, ApiServerPki.SERVING, ApiServerPki.ADMIN);

    private final Path directory;

    PkiDirectory(Path directory) {
        this.directory = directory;
    }

    Path path() {
        return directory;
    }

    /** Whether none of the credential files exist. */
    boolean empty() {
        return NAMES.stream().allMatch(name -> !Files.exists(cert(name)) && !Files.exists(key(name)));
    }

    /** Any credential file that exists, for error messages. */
    Optional<Path> anyExisting() {
        return NAMES.stream().flatMap(name -> Stream.of(cert(name), key(name))).filter(Files::exists).findFirst();
    }

    /** Writes all {@code credentials} at once: into a staging directory that is then renamed into place. */
    void createAll(Map<String, Credential> credentials) throws IOException {
        Path parent = directory.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.isDirectory(directory)) {
            try {
                Files.delete(directory);
            } catch (DirectoryNotEmptyException e) {
                // unrelated files live here: write ours in place, authority last
                for (String name : NAMES.reversed()) {
                    write(name, credentials.get(name));
                }
                return;
            }
        }
        Path staging = Files.createTempDirectory(parent, ".pki-");
        try {
            PkiDirectory staged = new PkiDirectory(staging);
            for (String name : NAMES) {
                staged.write(name, credentials.get(name));
            }
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try (Stream<Path> files = Files.list(staging)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(staging);
            throw e;
        }
    }

    /**
     * Replaces one credential, key first: a crash between the two files leaves halves that disagree, which the next
     * start notices (and reissues, for certificates the authority can issue again).
     */
    void write(String name, Credential credential) throws IOException {
        AtomicFiles.write(key(name), Pem.privateKey(credential.key()).getBytes(StandardCharsets.US_ASCII), true);
        AtomicFiles.write(cert(name), Pem.certificate(credential.certificate()).getBytes(StandardCharsets.US_ASCII),
                false);
    }

    /** The credential {@code name}; empty when neither file exists, an error naming the file when one is bad. */
    Optional<Credential> load(String name) throws IOException {
        Path cert = cert(name);
        Path key = key(name);
        boolean hasCert = Files.exists(cert);
        boolean hasKey = Files.exists(key);
        if (!hasCert && !hasKey) {
            return Optional.empty();
        }
        if (!hasCert || !hasKey) {
            Path missing = hasCert ? key : cert;
            Path present = hasCert ? cert : key;
            throw new IOException("apiserver PKI is incomplete: " + missing + " is missing but " + present
                    + " exists; restore the missing file, or remove both to have them issued again");
        }
        return Optional.of(new Credential(Pem.readCertificate(read(cert), cert.toString()),
                Pem.readPrivateKey(read(key), key.toString())));
    }

    Path cert(String name) {
        return directory.resolve(name + ".crt");
    }

    Path key(String name) {
        return directory.resolve(name + ".key");
    }

    private static String read(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not PEM text", e);
        }
    }
}
