package io.cairn.apiserver.http;

import io.cairn.apiserver.openapi.OpenApiDocument;
import io.cairn.apiserver.openapi.OpenApiService;
import io.cairn.apiserver.status.Statuses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /openapi/v3} and {@code /openapi/v3/<group-version>}, answered as kube-openapi's handler answers them.
 *
 * <p>Why these headers: clients cache each group-version document by the hash in the index's URL. A request with
 * the current hash gets {@code Cache-Control: public, immutable} and an {@code Expires} a year ahead; a request
 * with another hash is redirected (301) to the current URL; a request without one gets the document without
 * caching headers. Both the index and the documents carry their hash as a quoted ETag and answer
 * {@code If-None-Match} with 304. Documents come only as JSON: an Accept that allows no JSON gets 406.
 */
final class OpenApiHandler {
    static final String INDEX = "/openapi/v3";
    private static final String PREFIX = INDEX + "/";
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz",
            Locale.US);

    private final OpenApiService openApi;
    private final Clock clock;

    OpenApiHandler(OpenApiService openApi, Clock clock) {
        this.openApi = openApi;
        this.clock = clock;
    }

    /** Whether the path is one of the OpenAPI v3 paths. */
    static boolean handles(String path) {
        return path.equals(INDEX) || path.startsWith(PREFIX);
    }

    void serve(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        if (path.equals(INDEX)) {
            OpenApiDocument index = openApi.index();
            send(req, res, index);
            return;
        }
        res.header(HeaderNames.VARY, "Accept");
        if (!acceptsJson(req.headers().first(HeaderNames.ACCEPT).orElse(""))) {
            res.status(Status.NOT_ACCEPTABLE_406);
            res.send();
            return;
        }
        String groupVersion = path.substring(PREFIX.length());
        Optional<OpenApiDocument> doc = openApi.groupVersion(groupVersion);
        if (doc.isEmpty()) {
            throw Statuses.pathNotFound();
        }
        String hash = new Query(req).get("hash");
        if (!hash.isEmpty()) {
            if (!hash.equals(doc.get().hash())) {
                res.status(Status.MOVED_PERMANENTLY_301);
                res.header(HeaderNames.LOCATION, OpenApiService.serverRelativeUrl(groupVersion, doc.get().hash()));
                res.send();
                return;
            }
            res.header(HeaderNames.CACHE_CONTROL, "public, immutable");
            res.header(HeaderNames.EXPIRES, RFC1123.format(clock.instant().atZone(ZoneId.of("UTC")).plusYears(1)));
        }
        send(req, res, doc.get());
    }

    private static void send(ServerRequest req, ServerResponse res, OpenApiDocument doc) {
        String etag = "\"" + doc.hash() + "\"";
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        String ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH).orElse("");
        if (!ifNoneMatch.isEmpty() && (ifNoneMatch.equals("*") || ifNoneMatch.contains(etag))) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.status(Status.OK_200);
        res.send(doc.json());
    }

    /** Whether any clause of the Accept header admits {@code application/json} (no header admits everything). */
    static boolean acceptsJson(String accept) {
        if (accept.isBlank()) {
            return true;
        }
        for (String clause : accept.split(",")) {
            String mediaType = clause.split(";")[0].strip().toLowerCase(Locale.ROOT);
            int slash = mediaType.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String type = mediaType.substring(0, slash);
            String subtype = mediaType.substring(slash + 1);
            if ((type.equals("application") || type.equals("*")) && (subtype.equals("json") || subtype.equals("*"))) {
                return true;
            }
        }
        return false;
    }
}
