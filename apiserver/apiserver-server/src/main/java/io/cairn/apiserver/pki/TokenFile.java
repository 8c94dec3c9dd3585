package io.cairn.apiserver.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-apiserver's static token file ({@code --token-auth-file}): CSV records {@code token,user,uid} with an
 * optional fourth column of comma-separated groups, e.g. {@code abc,alice,1001,"dev,ops"}.
 *
 * <p>Why kube's exact rules: operators bring token files written for kube-apiserver. As there, a record with fewer
 * than three columns fails the load, a record with an empty token is skipped with a warning, and a token listed
 * twice is kept with its last user and a warning. Unlike kube, empty group names (from {@code "a,,b"} or an empty
 * fourth column) are dropped. Lookups compare SHA-256 digests of the tokens with a constant-time comparison against
 * every entry, so response times do not reveal how much of a guessed token was right.
 */
public final class TokenFile {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);

    private record Entry(byte[] digest, UserInfo user) {
    }

    private final List<Entry> entries;
    private final List<String> warnings;

    private TokenFile(List<Entry> entries, List<String> warnings) {
        this.entries = List.copyOf(entries);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be read, is not valid CSV (Go's {@code encoding/csv} message), or has
     *     a record with fewer than three columns
     */
    public static TokenFile load(Path file) throws IOException {
        List<List<String>> records = GoCsv.parse(Files.readAllBytes(file));
        Map<String, UserInfo> users = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        int recordNumber = 0;
        for (List<String> record : records) {
            if (record.size() < 3) {
                throw new IOException("token file '" + file + "' must have at least 3 columns (token, user name,"
                        + " user uid), found " + record.size());
            }
            recordNumber++;
            String token = record.get(0);
            if (token.isEmpty()) {
                warnings.add("empty token has been found in token file '" + file + "', record number '"
                        + recordNumber + "'");
                continue;
            }
            if (users.containsKey(token)) {
                warnings.add("duplicate token has been found in token file '" + file + "', record number '"
                        + recordNumber + "'");
            }
            List<String> groups = record.size() >= 4
                    ? Arrays.stream(record.get(3).split(",", -1)).filter(group -> !group.isEmpty()).toList()
                    : List.of();
            users.put(token, new UserInfo(record.get(1), record.get(2), groups));
        }
        warnings.forEach(LOG::warn);
        List<Entry> entries = new ArrayList<>();
        users.forEach((token, user) -> entries.add(new Entry(digest(token), user)));
        return new TokenFile(entries, warnings);
    }

    /** The user {@code token} belongs to, as written in the file (without {@code system:authenticated}). */
    public Optional<UserInfo> user(String token) {
        byte[] presented = digest(token);
        Optional<UserInfo> found = Optional.empty();
        for (Entry entry : entries) {
            // no early exit: every lookup costs the same, whether and wherever it matches
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                found = Optional.of(entry.user());
            }
        }
        return found;
    }

    /** How many distinct tokens the file defines. */
    public int size() {
        return entries.size();
    }

    /** The warnings the load logged (empty and duplicate tokens), in kube-apiserver's wording. */
    public List<String> warnings() {
        return warnings;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
