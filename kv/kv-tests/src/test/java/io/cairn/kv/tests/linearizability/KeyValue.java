package io.cairn.kv.tests.linearizability;

import java.util.Objects;

/**
 * The state of one live key, as etcd's {@code mvccpb.KeyValue} reports it: the value, the revision that created the
 * key, the revision of its last modification and its version (1 on creation, +1 per put).
 *
 * <p>Why all four: each is a separate thing a buggy replica can get wrong, and each is returned by every read.
 */
public record KeyValue(Bytes value, long createRevision, long modRevision, long version) {

    /** Checks that the fields could describe a live key. */
    public KeyValue {
        Objects.requireNonNull(value, "value");
        if (createRevision < 1 || modRevision < createRevision || version < 1) {
            throw new IllegalArgumentException("not a live key: create " + createRevision + ", mod " + modRevision
                    + ", version " + version);
        }
    }

    /** A key as {@code byte[]}, the way a client library returns it. */
    public static KeyValue of(byte[] value, long createRevision, long modRevision, long version) {
        return new KeyValue(Bytes.of(value), createRevision, modRevision, version);
    }

    /** A key whose value is the UTF-8 encoding of {@code value}. */
    public static KeyValue of(String value, long createRevision, long modRevision, long version) {
        return new KeyValue(Bytes.of(value), createRevision, modRevision, version);
    }

    @Override
    public String toString() {
        return value + "@" + createRevision + "/" + modRevision + "/v" + version;
    }
}
