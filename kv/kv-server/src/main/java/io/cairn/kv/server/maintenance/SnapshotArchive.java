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
 * bytes; a zero-length name ends the list; zero bytes pad the whole to a multiple of 512; the last 32 bytes are
 * the SHA-256 of everything before them. The padding is etcd's convention: {@code etcdctl snapshot save}
 * accepts a stream only if its length is a multiple of 512 plus the 32-byte digest. The content is Cairn's own.
 */
public final class SnapshotArchive {
    private static final byte[] MAGIC = "CAIRN-SNAPSHOT 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int BLOCK = 512;

    private SnapshotArchive() {
    }

    /** Writes every regular file of {@code dir} (one level, sorted by name). */
    public static void write(Path dir, OutputStream out) throws IOException {
        MessageDigest sha = sha256();
        long[] written = {0};
        OutputStream counting = new java.io.FilterOutputStream(new DigestOutputStream(out, sha)) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written[0] += len;
            }
        };
        DataOutputStream data = new DataOutputStream(counting);
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
        int pad = (int) ((BLOCK - (written[0] % BLOCK)) % BLOCK);
        data.write(new byte[pad]);
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
        long[] consumed = {0};
        InputStream counting = new java.io.FilterInputStream(new DigestInputStream(in, sha)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    consumed[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    consumed[0] += n;
                }
                return n;
            }
        };
        DataInputStream data = new DataInputStream(counting);
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
        int pad = (int) ((BLOCK - (consumed[0] % BLOCK)) % BLOCK);
        if (data.readNBytes(pad).length != pad) {
            throw new IOException("snapshot truncated in its padding");
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
