/**
 * The {@code cairn} command line: {@code cairn server} starts a store member from etcd's flags, {@code ETCD_*} /
 * {@code CAIRN_*} environment variables or an etcd YAML config file, and {@code cairn version} reports what it is.
 */
package io.cairn.cli;
