package io.cairn.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import java.util.HexFormat;

/** Builds protobuf request bodies the way client-go frames them: magic, then a runtime.Unknown. */
final class Bodies {

    static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

    private Bodies() {
    }

    static byte[] body(String apiVersion, String kind, Message object) {
        return body(apiVersion, kind, object.toByteString());
    }

    static byte[] body(String apiVersion, String kind, ByteString raw) {
        Unknown unknown = Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(raw)
                .setContentEncoding("")
                .setContentType("")
                .build();
        return concat(MAGIC, unknown.toByteArray());
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
