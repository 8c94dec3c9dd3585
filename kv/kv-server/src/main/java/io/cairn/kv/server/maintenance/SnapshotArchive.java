package io.cairn.kv.server.maintenance;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cairn's snapshot file: the files of a store checkpoint in one stream, with a SHA-256 trailer.
 *
 * <p>Layout: the magic line {@code CAIRN-SNAPSHOT 1\n}; then per file a UTF name, an 8-byte length and the
 * bytes; a zero-length name ends the list; the last 32 bytes are the SHA-256 of everything before them.
 * ({@code etcdctl snapshot save} stores whatever the server streams; this format is Cairn's own.)
 */
public final class SnapshotArchive {
    private static final byte[] MAGIC = "CAIRN-SNAPSHOT 1\n".getBytes(StandardCharsets.US_ASCII);

    private SnapshotArchive() {
    }

    /** Writes every regular file of {@code dir} (one level, sorted by name). */
    public static void write(Path dir, OutputStream out) throws IOException {
        MessageDigest sha = sha256();
        DataOutputStream data = new DataOutputStream(new DigestOutputStream(out, sha));
        data.write(MAGIC);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            data.writeUTF(f.getFileName().toString());
            data.writeLong(Files.size(f));
            Files.copy(f, data);
        }
        data.writeUTF("");
        data.flush();
        out.write(sha.digest());
        out.flush();
    }

    /**
     * Extracts a snapshot into {@code dir} (created; must not hold files), verifying the checksum.
     *
     * @throws IOException if the stream is not a Cairn snapshot or is damaged
     */
    public static void extract(InputStream in, Path dir) throws IOException {
        MessageDigest sha = sha256();
        DataInputStream data = new DataInputStream(new DigestInputStream(in, sha));
        byte[] magic = data.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a Cairn snapshot (bad header)");
        }
        Files.createDirectories(dir);
        while (true) {
            String name = data.readUTF();
            if (name.isEmpty()) {
                break;
            }
            if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new IOException("bad file name in snapshot: " + name);
            }
            long size = data.readLong();
            try (OutputStream f = Files.newOutputStream(dir.resolve(name))) {
                long left = size;
                byte[] buf = new byte[64 * 1024];
                while (left > 0) {
                    int n = data.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        throw new IOException("snapshot truncated in " + name);
                    }
                    f.write(buf, 0, n);
                    left -= n;
                }
            }
        }
        byte[] expected = sha.digest();
        byte[] actual = in.readNBytes(32);
        if (!Arrays.equals(expected, actual)) {
            throw new IOException("snapshot checksum mismatch: the file is damaged");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
