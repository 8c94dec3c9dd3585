package io.cairn.apiserver.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request path split as kube-apiserver splits it:
 * {@code /api/v1[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]} and the same under
 * {@code /apis/<group>/<version>}.
 *
 * @param group API group ("" for /api)
 * @param version API version
 * @param namespace the namespace segment, or ""
 * @param resource the resource ("configmaps")
 * @param name the object name, or ""
 * @param subresource the subresource ("status", "scale"), or ""
 */
record ResourcePath(String group, String version, String namespace, String resource, String name,
                    String subresource) {

    /** Parses a resource path; empty when the path is not one (discovery, unknown prefixes). */
    static Optional<ResourcePath> parse(String path) {
        List<String> s = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        int i;
        String group;
        String version;
        if (s.size() >= 3 && s.get(0).equals("api")) {
            group = "";
            version = s.get(1);
            i = 2;
        } else if (s.size() >= 4 && s.get(0).equals("apis")) {
            group = s.get(1);
            version = s.get(2);
            i = 3;
        } else {
            return Optional.empty();
        }
        List<String> rest = s.subList(i, s.size());
        // /namespaces/<ns>/<resource>... but /namespaces, /namespaces/<name> and /namespaces/<name>/status|finalize
        // address namespaces themselves
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !(rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize")))) {
            String ns = rest.get(1);
            List<String> r = rest.subList(2, rest.size());
            if (r.size() > 3) {
                return Optional.empty();
            }
            return Optional.of(new ResourcePath(group, version, ns, r.get(0), r.size() > 1 ? r.get(1) : "",
                    r.size() > 2 ? r.get(2) : ""));
        }
        if (rest.size() > 3) {
            return Optional.empty();
        }
        return Optional.of(new ResourcePath(group, version, "", rest.get(0), rest.size() > 1 ? rest.get(1) : "",
                rest.size() > 2 ? rest.get(2) : ""));
    }
}
