/**
 * Objects in the etcd-compatible store: keyed reads, guarded writes (mod-revision transactions), paged ranges, and
 * the one store watch that feeds every HTTP watcher through the watch cache.
 */
package io.cairn.apiserver.store;
