package io.cairn.cli;

import io.cairn.kv.server.KvServerConfig;

/**
 * Everything {@code cairn server} starts: the store member and, unless turned off, the Kubernetes API server.
 *
 * @param store the store member's configuration
 * @param api the API server's plan
 */
record ServerPlan(KvServerConfig store, ApiServerPlan api) {
}
