/** Cairn's consensus port ({@link io.cairn.kv.server.consensus.Consensus}) and its SOFAJRaft implementation. */
package io.cairn.kv.server.consensus;
