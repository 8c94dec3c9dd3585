/** etcd's maintenance state: alarms (NOSPACE), the key-value hash, and point-in-time snapshots. */
package io.cairn.kv.server.maintenance;
