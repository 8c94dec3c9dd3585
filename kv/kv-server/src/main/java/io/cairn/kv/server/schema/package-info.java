/** The store's on-disk layout: column families, meta keys and byte encodings, owned by {@link io.cairn.kv.server.schema.Schema}. */
package io.cairn.kv.server.schema;
