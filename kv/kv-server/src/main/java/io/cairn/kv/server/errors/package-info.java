/** The store's closed set of client-visible failures ({@link io.cairn.kv.server.errors.KvException}). */
package io.cairn.kv.server.errors;
