package io.cairn.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.Runtime.Unknown;
import java.util.Arrays;

/**
 * The outer layer of a Kubernetes protobuf body: the four magic bytes {@code 6b 38 73 00} ("k8s\0") and a
 * {@code runtime.Unknown} holding the type meta and the object's own message, still encoded.
 *
 * <p>Why separate: the envelope is the same for every kind, so it is read once here and the kind-specific message
 * is parsed only after the registry has been asked about (apiVersion, kind).
 */
record Envelope(String apiVersion, String kind, ByteString raw) {

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

    /** Reads the magic and the {@code runtime.Unknown} that follows it. */
    static Envelope parse(byte[] body) throws ProtobufBodyException {
        if (body.length == 0) {
            throw new ProtobufBodyException("empty data");
        }
        if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ProtobufBodyException(
                    "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }
        if (body.length == MAGIC.length) {
            throw new ProtobufBodyException("empty body");
        }
        Unknown unknown;
        try {
            unknown = Unknown.parseFrom(ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length));
        } catch (InvalidProtocolBufferException e) {
            throw new ProtobufBodyException("invalid protobuf body: " + e.getMessage(), e);
        }
        String apiVersion = unknown.getTypeMeta().getApiVersion();
        String kind = unknown.getTypeMeta().getKind();
        String typeMeta = "runtime.TypeMeta{APIVersion:\"" + apiVersion + "\", Kind:\"" + kind + "\"}";
        if (kind.isEmpty()) {
            throw new ProtobufBodyException("Object 'Kind' is missing in '" + typeMeta + "'");
        }
        if (apiVersion.isEmpty()) {
            throw new ProtobufBodyException("Object 'apiVersion' is missing in '" + typeMeta + "'");
        }
        return new Envelope(apiVersion, kind, unknown.getRaw());
    }
}
