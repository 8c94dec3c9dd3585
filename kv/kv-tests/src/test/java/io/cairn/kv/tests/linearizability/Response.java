package io.cairn.kv.tests.linearizability;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful response: the header revision and the result.
 *
 * <p>Why the header revision is part of it: etcd promises that a write's header revision is the revision it
 * created and a linearizable read's is the store's revision when it was served. Checking it is what catches a
 * revision used twice, or a read served from a replica that is behind.
 */
public record Response(long revision, Result result) {

    /** Checks the fields. */
    public Response {
        Objects.requireNonNull(result, "result");
    }

    /** A put's response. */
    public static Response put(long revision) {
        return new Response(revision, Result.put());
    }

    /** A put's response with the key's previous state (empty when the key did not exist). */
    public static Response put(long revision, Optional<KeyValue> prev) {
        return new Response(revision, new Result.Put(prev));
    }

    /** A get's response that found {@code kv}. */
    public static Response get(long revision, KeyValue kv) {
        return new Response(revision, Result.get(kv));
    }

    /** A get's response that found {@code value} with the given revisions and version. */
    public static Response get(long revision, byte[] value, long createRevision, long modRevision, long version) {
        return get(revision, KeyValue.of(value, createRevision, modRevision, version));
    }

    /** A get's response that found nothing. */
    public static Response absent(long revision) {
        return new Response(revision, Result.absent());
    }

    /** A delete's response. */
    public static Response delete(long revision, long deleted) {
        return new Response(revision, Result.delete(deleted));
    }

    /** A txn's response. */
    public static Response txn(long revision, boolean succeeded, List<Result> results) {
        return new Response(revision, new Result.Txn(succeeded, results));
    }

    @Override
    public String toString() {
        return "rev " + revision + " " + result;
    }
}
