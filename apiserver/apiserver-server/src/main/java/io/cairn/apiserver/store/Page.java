package io.cairn.apiserver.store;

import java.util.List;

/**
 * One ranged read.
 *
 * @param entries the entries, in key order
 * @param revision the store revision the read was served at
 * @param more whether entries beyond the limit exist
 */
public record Page(List<Entry> entries, long revision, boolean more) {
}
