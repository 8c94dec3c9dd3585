/** The storage-engine port ({@link io.cairn.kv.server.backend.Backend}) and its RocksDB implementation. */
package io.cairn.kv.server.backend;
