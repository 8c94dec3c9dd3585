package io.cairn.apiserver.registry;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One list response's content.
 *
 * @param items the objects, in key order
 * @param revision the list's resourceVersion
 * @param continueToken the token for the next page, if any
 * @param remaining how many objects follow (only when no selector filtered the list)
 */
public record ListResult(List<ObjectNode> items, long revision, Optional<String> continueToken,
                         Optional<Long> remaining) {
}
