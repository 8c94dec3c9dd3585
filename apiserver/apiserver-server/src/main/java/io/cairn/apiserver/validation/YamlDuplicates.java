package io.cairn.apiserver.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Duplicate keys in a YAML body, as kube's strict YAML-to-JSON conversion reports them.
 *
 * <p>Why: kube checks YAML bodies for repeated keys in every mapping — known fields or not — before the JSON checks,
 * and reports them all in one YAML error whose lines ({@code line 4: key "data" already set in map}) become separate
 * warnings.
 */
final class YamlDuplicates {
    /** The prefix of kube's YAML error; each finding follows on its own indented line. */
    static final String PREFIX = "yaml: unmarshal errors:\n";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private YamlDuplicates() {
    }

    /** One {@code line N: key "k" already set in map} per repeated key, in document order. */
    static List<String> scan(byte[] yaml) {
        List<String> found = new ArrayList<>();
        Deque<Set<String>> maps = new ArrayDeque<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT -> maps.push(new HashSet<>());
                    case END_OBJECT -> maps.pop();
                    case PROPERTY_NAME -> {
                        if (!maps.element().add(p.currentName())) {
                            found.add("line " + p.currentTokenLocation().getLineNr() + ": key "
                                    + GoQuote.quote(p.currentName()) + " already set in map");
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (JacksonException e) {
            return found;
        }
        return found;
    }
}
