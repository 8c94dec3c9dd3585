package io.cairn.apiserver.protobuf;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes a Kubernetes protobuf request body into the JSON object kube-apiserver would have seen.
 *
 * <p>Why: kubectl's typed clients send {@code application/vnd.kubernetes.protobuf} bodies (create, delete
 * options), and Cairn's API server handles JSON only. The result has {@code apiVersion} and {@code kind} from the
 * body's type meta followed by the object's fields as kube's JSON encoder writes them, so the rest of the server
 * cannot tell a protobuf request from a JSON one.
 * <pre>{@code
 * if (KubeProtobuf.MEDIA_TYPE.equals(contentType)) {
 *     ObjectNode object = KubeProtobuf.decode(body); // ProtobufBodyException -> 400 Status
 * }
 * }</pre>
 */
public final class KubeProtobuf {

    /** The content type of Kubernetes protobuf bodies. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final JsonMapper EMBEDDED_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private KubeProtobuf() {
    }

    /**
     * The JSON object of a protobuf body: the {@code k8s\0} magic, then a {@code runtime.Unknown} whose raw bytes are
     * the message of a {@link #supports supported} kind.
     *
     * @throws ProtobufBodyException if the magic is missing, the protobuf is truncated or malformed, the kind is not
     *     supported, or a value is one kube would refuse (an empty quantity, embedded JSON that does not parse)
     */
    public static ObjectNode decode(byte[] body) throws ProtobufBodyException {
        Envelope envelope = Envelope.parse(body);
        Message prototype = KindRegistry.lookup(envelope.apiVersion(), envelope.kind())
                .orElseThrow(() -> new ProtobufBodyException("no kind \"" + envelope.kind()
                        + "\" is registered for version \"" + envelope.apiVersion() + "\""));
        Message message;
        try {
            message = prototype.getParserForType().parseFrom(envelope.raw());
        } catch (InvalidProtocolBufferException e) {
            throw new ProtobufBodyException(
                    "invalid protobuf " + envelope.apiVersion() + " " + envelope.kind() + ": " + e.getMessage(), e);
        }
        ObjectNode json = new MessageJson(GoFieldRules.kubernetes(), EMBEDDED_JSON).object(message);
        ObjectNode out = json.objectNode();
        out.put("apiVersion", envelope.apiVersion());
        out.put("kind", envelope.kind());
        out.setAll(json);
        return out;
    }

    /** True when {@link #decode} accepts bodies of this apiVersion and kind. */
    public static boolean supports(String apiVersion, String kind) {
        return KindRegistry.lookup(apiVersion, kind).isPresent();
    }
}
