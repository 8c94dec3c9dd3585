package io.cairn.kv.server;

import com.google.protobuf.Message;
import io.cairn.kv.server.apply.Outcome;
import io.cairn.kv.server.errors.KvException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An apply result as bytes, so that a member that forwarded a proposal to the leader answers its client with
 * exactly what the leader's apply produced: a response message (type name and bytes) or a store failure (its
 * name). Only etcd's API messages are accepted on decode.
 */
final class OutcomeCodec {
    private static final String API_PACKAGE = "io.etcd.jetcd.api.";
    private static final Map<String, Method> PARSERS = new ConcurrentHashMap<>();

    private OutcomeCodec() {
    }

    static byte[] encode(Outcome outcome) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            switch (outcome) {
                case Outcome.Applied a -> {
                    out.writeByte(0);
                    out.writeUTF(a.response().getClass().getName());
                    out.write(a.response().toByteArray());
                }
                case Outcome.Rejected r -> {
                    out.writeByte(1);
                    out.writeUTF(r.error().getClass().getSimpleName());
                }
                case null -> out.writeByte(2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Outcome decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
            int kind = in.readByte();
            if (kind == 2) {
                return null;
            }
            String name = in.readUTF();
            if (kind == 1) {
                return new Outcome.Rejected(KvException.byName(name));
            }
            byte[] body = in.readAllBytes();
            return new Outcome.Applied((Message) parser(name).invoke(null, (Object) body));
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot decode a forwarded result", e);
        }
    }

    private static Method parser(String className) {
        if (!className.startsWith(API_PACKAGE)) {
            throw new IllegalStateException("unexpected result type " + className);
        }
        return PARSERS.computeIfAbsent(className, n -> {
            try {
                return Class.forName(n).getMethod("parseFrom", byte[].class);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("unknown result type " + n, e);
            }
        });
    }
}
