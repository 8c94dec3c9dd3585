package io.cairn.kv.server.apply;

import com.google.protobuf.Message;
import io.cairn.kv.server.errors.KvException;

/** What applying one command produced: a response for the client, or the error etcd would answer with. */
public sealed interface Outcome {

    /** The command applied; {@code response}'s header carries only the revision. */
    record Applied(Message response) implements Outcome { }

    /** The command was rejected at apply time (nothing changed, no revision consumed). */
    record Rejected(KvException error) implements Outcome { }
}
