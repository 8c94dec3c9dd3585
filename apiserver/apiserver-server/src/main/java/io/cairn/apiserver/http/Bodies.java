package io.cairn.apiserver.http;

import io.cairn.apiserver.protobuf.KubeProtobuf;
import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Request bodies: size limit, then JSON, YAML or Kubernetes protobuf into an object tree.
 *
 * <p>Why: kubectl's typed create sends protobuf, {@code create -f} sends JSON, client-java sends chunked JSON; all
 * must land as the same tree, and an oversize or malformed body must be a Status error, never a crash.
 */
final class Bodies {
    static final List<String> ACCEPTED = List.of("application/json", "application/yaml",
            "application/vnd.kubernetes.protobuf");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Bodies() {
    }

    /** The raw body, at most {@code max} bytes. */
    static byte[] read(ServerRequest req, long max) {
        long declared = req.headers().contentLength().orElse(-1L);
        if (declared > max) {
            throw Statuses.tooLarge("limit is " + max);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw Statuses.tooLarge("limit is " + max);
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The media type of the body, without parameters, lower case. */
    static String mediaType(ServerRequest req) {
        String ct = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("application/json");
        int semi = ct.indexOf(';');
        return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
    }

    /** Decodes an object body (create, update) meant to be a {@code kind} by its Content-Type. */
    static ObjectNode object(byte[] body, String mediaType, String kind) {
        JsonNode n = switch (mediaType) {
            case "application/json", "" -> {
                GoJsonSyntax.firstError(body).ifPresent(e -> {
                    throw unrecognized(kind, "couldn't get version/kind; json parse error: " + e, body);
                });
                yield json(body);
            }
            case "application/yaml" -> {
                if (body.length == 0) {
                    throw Statuses.badRequest("Object 'Kind' is missing in ''");
                }
                yield yaml(body);
            }
            case KubeProtobuf.MEDIA_TYPE -> protobuf(body, kind);
            default -> throw Statuses.unsupportedMediaType(mediaType, ACCEPTED);
        };
        if (!(n instanceof ObjectNode o)) {
            throw Statuses.badRequest("Object 'Kind' is missing in '" + abbreviate(body) + "'");
        }
        return o;
    }

    /** Parses JSON, with kube-style 400 errors. */
    static JsonNode json(byte[] body) {
        try {
            return ObjectCodec.JSON.readTree(body);
        } catch (JacksonException e) {
            throw Statuses.badRequest("error decoding body: " + e.getOriginalMessage());
        }
    }

    private static JsonNode yaml(byte[] body) {
        try {
            return YAML.readTree(body);
        } catch (JacksonException e) {
            throw Statuses.badRequest("error decoding YAML body: " + e.getOriginalMessage());
        }
    }

    private static JsonNode protobuf(byte[] body, String kind) {
        if (body.length == 0) {
            throw unrecognized(kind, "empty data", body);
        }
        if (!startsWithMagic(body)) {
            throw unrecognized(kind, "provided data does not appear to be a protobuf message, expected prefix"
                    + " [107 56 115 0]", body);
        }
        try {
            return KubeProtobuf.decode(body);
        } catch (StatusException e) {
            throw e;
        } catch (Exception e) {
            throw Statuses.badRequest(e.getMessage());
        }
    }

    /**
     * 400 for a body kube's decoder could not even read a kind from: {@code the object provided is unrecognized
     * (must be of type ConfigMap): <why> (<the body's first 30 bytes>)}.
     */
    private static StatusException unrecognized(String kind, String why, byte[] body) {
        String summary;
        if (body.length == 0) {
            summary = "<empty>";
        } else if (startsWithMagic(body)) {
            summary = "<protobuf>";
        } else if (body.length > 30) {
            summary = new String(body, 0, 30, StandardCharsets.UTF_8) + " ...";
        } else {
            summary = new String(body, StandardCharsets.UTF_8);
        }
        return Statuses.badRequest("the object provided is unrecognized (must be of type " + kind + "): " + why
                + " (" + summary + ")");
    }

    private static boolean startsWithMagic(byte[] body) {
        return body.length >= 4 && body[0] == 'k' && body[1] == '8' && body[2] == 's' && body[3] == 0;
    }

    private static String abbreviate(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8);
        return s.strip();
    }
}
