/** The Raft log's command encoding and the state machine's apply step. */
package io.cairn.kv.server.apply;
